"""Parse HTML: every image a page shows, in one pass of an HTML5 parser (Lexbor, through selectolax)."""

import os
import pickle
import re
import signal
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

from . import LIMIT

SOCIAL = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}
ICONS = {"icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}
# Lexbor keeps no positions: each start tag that may become an image is marked with its line first (in a comment, a
# script or an attribute value the mark is text, taken out of the values read); MD, RAW: source lines (collect).
TAG, LINE = re.compile(r"(<(?:img|image|source|meta|link))(?=[\t\n\f\r />]|$)", re.I), "data-imagecheck-line"
MD, RAW = "data-imagecheck-md", "data-imagecheck-html"
MARK = re.compile(f" (?:{LINE}=\\d+ |{RAW}=\\d+)")
CANDIDATE = re.compile(r"[\s,]*([^\s,]\S*?)(,+)?(?=\s|$)(?(2)|[^,]*)")  # in a srcset


class Image(NamedTuple):  # a tuple: quick to pickle, as the parser's child process sends them
    line: int  # in the HTML: where its tag starts
    src: str
    alt: str | None  # None: no alt attribute at all
    needs_alt: bool  # srcset candidates, <source>, icons and social images carry no alt
    source: int = 0  # the source line that wrote it (0: not known, or added by the theme or a plugin)
    markdown: bool = False  # written as a Markdown image (MkDocs rewrites its path), not as raw HTML


def parse_srcset(value: str) -> list[str]:
    """Every candidate URL of a srcset (a run of non-spaces, trailing commas dropped), descriptors skipped."""
    return [m[1] for m in CANDIDATE.finditer(value)] if value else []


def bounded(pages: list[str]) -> list:
    """images() of each page, or why it is unreadable: Lexbor is C code, which no signal handler stops, so a child
    process parses, ended by its CPU timer (SIGPROF's default action) after LIMIT s on one page."""
    found = []
    while len(found) < len(pages) and hasattr(os, "fork"):
        read, write = os.pipe()
        if not (pid := os.fork()):
            try:
                for html in pages[len(found):]:  # each page's images are sent before the next page, which may end it
                    signal.setitimer(signal.ITIMER_PROF, LIMIT)
                    result = images(html)
                    signal.setitimer(signal.ITIMER_PROF, 0)
                    os.write(write, pickle.dumps(result))  # a blocking pipe takes it all
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as results:  # one pickled list per page, until the child ends
            found += iter(lambda: results.peek(1) and pickle.load(results), b"")
        os.waitpid(pid, 0)
        if len(found) < len(pages):  # the child stopped on this page: a new one goes on after it
            found.append(f"the HTML parser could not read this page within {LIMIT:g} s of CPU time (its images are "
                         "not checked): close the elements left open (thousands of unclosed tags?), or split it")
    return found + [images(html) for html in pages[len(found):]]  # no fork (Windows): no bound


def images(html: str) -> list[Image]:
    """Images of one page: <img> (src, srcset), <picture><source>, og:/twitter: images, favicons."""
    found, parts, line = [], TAG.split(html), 1  # text, start tag, text, start tag ... text
    for i in range(1, len(parts), 2):
        line += parts[i - 1].count("\n")
        parts[i] += f" {LINE}={line} "
    for node in LexborHTMLParser("".join(parts)).css("img, source, meta, link"):
        a, tag = node.attributes, node.tag
        where, md, raw = int(a.pop(LINE, None) or 0), a.pop(MD, None), a.pop(RAW, None)
        source = int(md or raw or 0)
        if any(v and "data-imagecheck-" in v for v in a.values()):  # a mark inside an attribute value, as text
            a = {k: v and MARK.sub("", v) for k, v in a.items()}
        if tag == "img":
            alt = (a["alt"] or "") if "alt" in a else None
            urls = ([a["src"] or ""] if "src" in a else []) + parse_srcset(a.get("srcset") or "")
            found += [Image(where, url, alt, i == 0, source, md is not None) for i, url in enumerate(urls or [""])]
        elif tag == "source":
            found += [Image(where, url, "", False, source) for url in parse_srcset(a.get("srcset") or "")]
        elif tag == "meta" and (a.get("property") or a.get("name") or "").lower() in SOCIAL or tag == "link" and \
                ICONS & set((a.get("rel") or "").lower().split()):
            found.append(Image(where, a.get("content" if tag == "meta" else "href") or "", "", False, source))
    return found
