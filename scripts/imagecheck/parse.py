"""Parse HTML: every image a page shows, in one pass of the standard library's HTML parser."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

SOCIAL = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}
ICONS = {"icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}


@dataclass(slots=True)
class Image:
    line: int  # in the HTML, from the parser
    src: str
    alt: str | None  # None: no alt attribute at all
    needs_alt: bool  # srcset candidates, <source>, icons and social images carry no alt


def parse_srcset(value: str) -> list[str]:
    """Every candidate URL of a srcset (a run of non-spaces, trailing commas dropped), descriptors skipped."""
    return [m[1] for m in re.finditer(r"[\s,]*([^\s,]\S*?)(,+)?(?=\s|$)(?(2)|[^,]*)", value)]


class _Parser(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag not in ("img", "source", "meta", "link"):
            return
        a, line, add = dict(attrs), self.getpos()[0], self.images.append
        if tag == "img":
            alt = (a["alt"] or "") if "alt" in a else None
            urls = ([a["src"] or ""] if "src" in a else []) + parse_srcset(a.get("srcset") or "")
            for i, url in enumerate(urls or [""]):
                add(Image(line, url, alt, i == 0))
        elif tag == "source":
            for url in parse_srcset(a.get("srcset") or ""):
                add(Image(line, url, "", False))
        elif tag == "meta" and (a.get("property") or a.get("name") or "").lower() in SOCIAL:
            add(Image(line, a.get("content") or "", "", False))
        elif tag == "link" and ICONS & set((a.get("rel") or "").lower().split()):
            add(Image(line, a.get("href") or "", "", False))

    handle_startendtag = handle_starttag

    def parse_starttag(self, i):  # other tags: only find their end (most of a page; 2.5x faster)
        if self.rawdata[i + 1:i + 7].lower().startswith(("img", "source", "meta", "link", "script", "style")):
            return super().parse_starttag(i)
        return self.check_for_whole_start_tag(i)


def images(html: str) -> list[Image]:
    """Images of one page: <img> (src, srcset), <picture><source>, og:/twitter: images, favicons."""
    parser, parser.images = _Parser(), []  # nothing after the last ">" is a tag; CPython < 3.13 rescans it: quadratic
    parser.feed(html[: html.rfind(">") + 1])
    parser.close()
    return parser.images
