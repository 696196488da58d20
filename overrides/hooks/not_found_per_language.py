"""A 404 page in every language: /404.html (default language) and /<lang>/404.html.

Every language build of mkdocs-static-i18n writes the same /404.html, and the
last one wins. We keep each language's rendering of overrides/404.html and, once
every language is built, write it to its own place. The hand-off between them
(GitHub Pages answers every missing path with the root 404.html) is in
overrides/404.html. write_pages is a step of pipeline.py.
"""
from __future__ import annotations

from pathlib import Path

from guide_data import language_root, write
from search_per_language import on_post_page as with_search_base

_pages: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == "404.html":
        _pages[config.theme["language"]] = with_search_base(output, None, config)  # search in the 404's language
    return output


def write_pages(config, site_dir: Path) -> None:
    for lang, html in _pages.items():
        write(site_dir / language_root(config, lang) / "404.html", html)
