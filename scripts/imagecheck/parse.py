"""Parse HTML: every image a page shows, in one pass of an HTML5 parser (Lexbor, through selectolax)."""

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

SOCIAL = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}
ICONS = {"icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "image", "input", "link", "meta", "source", "track", "wbr"}
# Lexbor keeps no source positions: each start tag that may become an image is marked with its line first
# (in a comment, a script or an attribute value the mark is only text, taken out again of the values read).
TAG, LINE = re.compile(r"(<(?:img|image|source|meta|link))(?=[\t\n\f\r />])", re.I), "data-imagecheck-line"
MARK = re.compile(f" {LINE}=\\d+ ")
CANDIDATE = re.compile(r"[\s,]*([^\s,]\S*?)(,+)?(?=\s|$)(?(2)|[^,]*)")  # in a srcset


@dataclass(slots=True)
class Image:
    line: int  # in the HTML: where its tag starts
    src: str
    alt: str | None  # None: no alt attribute at all
    needs_alt: bool  # srcset candidates, <source>, icons and social images carry no alt


def parse_srcset(value: str) -> list[str]:
    """Every candidate URL of a srcset (a run of non-spaces, trailing commas dropped), descriptors skipped."""
    return [m[1] for m in CANDIDATE.finditer(value)] if value else []


def too_deep(html: str) -> str | None:
    """Why Lexbor would take minutes: tens of thousands of open elements, its stack walked per start tag."""
    depth = work = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][^\t\n\f\r />]*)", html) if html.count("<") > 10_000 else ():
        depth = max(depth - 1, 0) if m[1] else depth + (m[2].lower() not in VOID)
        work += depth
    return "tens of thousands of elements are left open (unclosed tags?): the HTML parser would take minutes on " \
        "this page; close them" if work > 100_000_000 else None  # 100 million steps: about 0.3 s of Lexbor's time


def images(html: str) -> list[Image]:
    """Images of one page: <img> (src, srcset), <picture><source>, og:/twitter: images, favicons."""
    found, parts, line = [], TAG.split(html), 1  # text, start tag, text, start tag ... text
    for i in range(1, len(parts), 2):
        line += parts[i - 1].count("\n")
        parts[i] += f" {LINE}={line} "
    for node in LexborHTMLParser("".join(parts)).css("img, source, meta, link"):
        a, tag = node.attributes, node.tag
        where = int(a.pop(LINE, None) or 0)
        if any(v and LINE in v for v in a.values()):  # a mark inside an attribute value, as text
            a = {k: v and MARK.sub("", v) for k, v in a.items()}
        if tag == "img":
            alt = (a["alt"] or "") if "alt" in a else None
            urls = ([a["src"] or ""] if "src" in a else []) + parse_srcset(a.get("srcset") or "")
            found += [Image(where, url, alt, i == 0) for i, url in enumerate(urls or [""])]
        elif tag == "source":
            found += [Image(where, url, "", False) for url in parse_srcset(a.get("srcset") or "")]
        elif tag == "meta" and (a.get("property") or a.get("name") or "").lower() in SOCIAL or tag == "link" and \
                ICONS & set((a.get("rel") or "").lower().split()):
            found.append(Image(where, a.get("content" if tag == "meta" else "href") or "", "", False))
    return found
