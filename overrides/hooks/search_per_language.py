"""Search in the reader's language, on top of mkdocs-static-i18n and Material.

1. After every language is built, the index the i18n plugin merged at the root is split:
   /search/search_index.json keeps the default language, /<lang>/search/search_index.json
   gets its own pages and lunr settings.
2. Each built page of another language gets its language root as `base` in Material's
   `<script id="__config">` JSON (only that key changes; the worker file name stays what the
   installed Material wrote), so search loads that language's index and links stay in it.

Both steps are idempotent: MkDocs calls on_post_build once per language build.
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps
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
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def languages(config) -> tuple[str, list[str]]:
    """(default locale, the other locales that are built), from mkdocs.yml's i18n plugin."""
    langs = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in langs if lang.default)
    return default, [lang.locale for lang in langs if lang.build and not lang.default]


def with_language_base(html: str, lang: str) -> str:
    """Point Material's `base` at the language root: '../..' -> '../../en/' (no-op if already done)."""
    def rewrite(m: re.Match) -> str:
        settings = json.loads(m[2])
        base = settings["base"].rstrip("/") or "."
        if posixpath.basename(base) != lang:
            settings["base"] = posixpath.join(base, lang) + "/"
        return m[1] + str(htmlsafe_json_dumps(settings)) + m[3]
    return CONFIG_SCRIPT.sub(rewrite, html, count=1)


def on_post_page(output: str, page, config) -> str:
    lang = config.theme["language"]
    return output if lang == languages(config)[0] else with_language_base(output, lang)


@event_priority(50)  # before not_found_per_language keeps each language's 404 page
def on_post_template(output: str, template_name: str, config) -> str:
    return on_post_page(output, None, config) if template_name == "404.html" else output


def split_search_index(site_dir: Path, default: str, others: list[str]) -> None:
    root_index = site_dir / "search" / "search_index.json"
    if not root_index.exists():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    by_lang = {lang: [] for lang in (default, *others)}
    for doc in index["docs"]:
        prefix = doc["location"].split("/", 1)[0]
        if prefix in others:
            by_lang[prefix].append(dict(doc, location=doc["location"][len(prefix) + 1:]))
        else:
            by_lang[default].append(doc)
    if not any(by_lang[lang] for lang in others):
        return  # not merged yet (an inner per-language build), or already split
    for lang, docs in by_lang.items():
        target = root_index if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        settings = dict(index["config"], **SEARCH_SETTINGS.get(lang, {"lang": [lang]}))
        target.write_text(json.dumps({"config": settings, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config) -> None:
    split_search_index(Path(config.site_dir), *languages(config))
