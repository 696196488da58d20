"""Drop Material's `<link rel="alternate" hreflang>` tags from every page's <head>.

Material writes one per language from `extra.alternate` (which mkdocs-static-i18n
also uses for the header's language switcher, so it must stay). Material's
JavaScript fetches sitemap.xml under every such link (404s under /en/), and the
links are relative, which hreflang does not allow. The absolute hreflang
alternates live in sitemap.xml (overrides/sitemap.xml).
"""
from __future__ import annotations

import re

ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop(html: str, page=None) -> str:
    """A step of pipeline.py, over every built page (404 pages too)."""
    head, sep, body = html.partition("</head>")
    return ALTERNATE.sub("", head) + sep + body
