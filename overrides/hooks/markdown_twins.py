"""A Markdown twin of every page: <page>/index.md beside <page>/index.html, for tools that read for people.

It holds the page's content as readers see it, converted from the rendered HTML with markdownify:
tables, figure alt text and captions, snippets and glossary terms resolved; permalink signs, the
dark-mode copy of each figure and tooltip definitions left out; links made absolute. The page's
<head> points to it (rel="alternate" type="text/markdown", markdown_twins.html).
"""
from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from markdownify import ATX, MarkdownConverter

from guide_data import template, write

TEMPLATE = template(__file__, "markdown_twins.html", autoescape=True)
CONVERTER = MarkdownConverter(heading_style=ATX, bullets="-", escape_underscores=False)


@functools.lru_cache(maxsize=256)  # `mkdocs serve`: a rebuild converts only the pages that changed
def to_markdown(html: str, page_url: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("a.headerlink, img[src*='#only-dark']"):
        tag.decompose()
    for tag in soup.select("a[href], img[src]"):
        attr = "href" if tag.name == "a" else "src"
        tag[attr] = urljoin(page_url, tag[attr]).replace("#only-light", "")
    return CONVERTER.convert_soup(soup).strip() + "\n"


def on_post_page(output: str, page, config) -> str:
    if not page.file.inclusion.is_in_nav():  # e.g. the parallel view
        return output
    twin = Path(page.file.abs_dest_path).with_suffix(".md")
    write(twin, to_markdown(page.content, page.canonical_url))  # folder too: MkDocs writes the page later
    return output.replace("</head>", TEMPLATE.render(href=twin.name) + "</head>", 1)
