"""Search in the reader's language, on top of mkdocs-static-i18n and Material.

1. After every language is built, the index the i18n plugin merged at the root is split:
   /search/search_index.json keeps the default language, /<lang>/search/search_index.json
   gets its own pages and lunr settings.
2. Each built page of another language gets its language root as `base` in Material's
   `<script id="__config">` JSON (only that key changes; the worker file name stays what the
   installed Material wrote), so search loads that language's index and links stay in it.

split_index is a step of pipeline.py, once every language is built.
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps

from guide_data import language_root, languages, write

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


def with_language_base(html: str, lang: str) -> str:
    """Point Material's `base` at the language root: '../..' -> '../../en/' (no-op if already done)."""
    def rewrite(m: re.Match) -> str:
        settings = json.loads(m[2])
        base = settings["base"].rstrip("/") or "."
        if posixpath.basename(base) != lang:
            settings["base"] = posixpath.join(base, lang) + "/"
        return m[1] + str(htmlsafe_json_dumps(settings)) + m[3]
    return CONFIG_SCRIPT.sub(rewrite, html, count=1)


def on_post_page(output: str, page, config) -> str:  # also the 404 pages: not_found_per_language.py
    lang = config.theme["language"]
    return with_language_base(output, lang) if language_root(config, lang) else output


def split_index(config, site_dir: Path) -> None:
    root_index = site_dir / "search" / "search_index.json"
    if not root_index.exists():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    roots = {language_root(config, lang.locale): lang.locale for lang in languages(config)}  # {"": "zh", "en/": "en"}
    docs = {root: [] for root in roots}
    for doc in index["docs"]:
        root = doc["location"].split("/", 1)[0] + "/"
        root = root if root in roots else ""
        docs[root].append(dict(doc, location=doc["location"][len(root):]))
    if not any(docs[root] for root in roots if root):
        return  # only the default language is built (the others `build: false`): nothing to split
    for root, lang in roots.items():
        settings = dict(index["config"], **SEARCH_SETTINGS.get(lang, {"lang": [lang]}))
        write(site_dir / root / "search" / "search_index.json",
              json.dumps({"config": settings, "docs": docs[root]}, ensure_ascii=False, separators=(",", ":")))
