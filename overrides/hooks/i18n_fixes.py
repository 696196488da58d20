"""Two fixes mkdocs-static-i18n leaves to us, done once every language is built.

1. Search: the plugin merges every language into one index at the site root,
   so English readers get Chinese hits and one stemming setup serves both.
   We split it: /search/search_index.json keeps the default language,
   /<lang>/search/search_index.json gets its own pages and lunr settings
   (overrides/main.html points each language's search at its own root).
2. 404: every language build writes the same /404.html, the last one wins.
   We keep each language's 404 and write it to /404.html and /<lang>/404.html.

Each step is idempotent, so it is safe that MkDocs calls on_post_build once per
language build.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

# lunr settings per language for Material's search worker. Material appends a
# "*" to every query term and lunr skips the pipeline for wildcard terms, so a
# stemmed index never matches a whole word ("calibration*" vs "calibr"): no
# stemmer in either language. Chinese text is segmented into words at build
# time by jieba (Material's search plugin), and by the index itself at query time.
SEARCH_SETTINGS = {
    "zh": {"lang": ["zh"], "pipeline": []},
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter"]},
}

_not_found_pages: dict[str, str] = {}


def _languages(config) -> tuple[str, list[str]]:
    langs = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in langs if lang.default)
    others = [lang.locale for lang in langs if lang.build and not lang.default]
    return default, others


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == "404.html":
        _not_found_pages[config.theme["language"]] = output
    return output


def split_search_index(site_dir: Path, default: str, others: list[str]) -> None:
    root_index = site_dir / "search" / "search_index.json"
    if not root_index.exists():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    docs = index["docs"]
    by_lang: dict[str, list[dict]] = {default: []}
    for lang in others:
        by_lang[lang] = []
    for doc in docs:
        prefix = doc["location"].split("/", 1)[0]
        if prefix in others:
            doc = dict(doc, location=doc["location"][len(prefix) + 1:])
            by_lang[prefix].append(doc)
        else:
            by_lang[default].append(doc)
    if not any(by_lang[lang] for lang in others):
        return  # not merged yet (an inner per-language build), or already split
    for lang, lang_docs in by_lang.items():
        target = root_index if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        settings = dict(index["config"], **SEARCH_SETTINGS.get(lang, {"lang": [lang]}))
        target.write_text(
            json.dumps({"config": settings, "docs": lang_docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    default, others = _languages(config)
    split_search_index(site_dir, default, others)
    for lang, html in _not_found_pages.items():
        target = site_dir / "404.html" if lang == default else site_dir / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
