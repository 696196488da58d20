"""A 404 page in every language: /404.html (default language) and /<lang>/404.html.

Every language build of mkdocs-static-i18n writes the same /404.html, and the
last one wins. We keep each language's rendering of overrides/404.html and, once
every language is built, write it to its own place. The hand-off between them
(GitHub Pages answers every missing path with the root 404.html) is in
overrides/404.html. Idempotent: MkDocs calls on_post_build once per language build.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from guide_data import language_root, write

_pages: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == "404.html":
        _pages[config.theme["language"]] = output
    return output


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config) -> None:
    for lang, html in _pages.items():
        write(Path(config.site_dir) / language_root(config, lang) / "404.html", html)
