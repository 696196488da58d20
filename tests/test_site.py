"""The built site, checked without a browser: pages, anchors, head tags,
sitemap, search indexes (third-party loads: test_built_site.py)."""
from __future__ import annotations

import json
import posixpath
import re
import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from guide_site import LANGS, ROOT, SITE_URL, SLUGS, page_path

DOCS = ROOT / "docs"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#([a-z0-9-]+)\s*\}\s*$")


def markdown_headings(path: Path) -> list[tuple[int, str, int]]:
    """(level, text, line) for every heading outside fenced code."""
    found, fence = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.lstrip()
        marker = stripped[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        match = HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2), number))
    return found


def soup(site: Path, lang: str, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_both_languages_have_exactly_the_same_pages():
    for lang in LANGS:
        pages = sorted(p.stem for p in (DOCS / lang).glob("*.md"))
        assert pages == sorted(SLUGS), f"docs/{lang}/ pages differ from the site's page list"


def test_every_heading_has_an_explicit_id():
    missing = []
    for lang in LANGS:
        for slug in SLUGS:
            path = DOCS / lang / f"{slug}.md"
            for level, text, line in markdown_headings(path):
                if level > 1 and not EXPLICIT_ID.search(text):
                    missing.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    assert not missing, "headings without an explicit { #id }:\n" + "\n".join(missing)


def test_twins_have_the_same_heading_ids_in_the_same_order():
    for slug in SLUGS:
        ids = {}
        for lang in LANGS:
            ids[lang] = [(lvl, EXPLICIT_ID.search(t).group(1)) for lvl, t, _ in
                         markdown_headings(DOCS / lang / f"{slug}.md") if EXPLICIT_ID.search(t)]
        assert ids["zh"] == ids["en"], f"{slug}: heading ids differ between zh and en"
        assert ids["zh"], f"{slug}: no sections"
        assert ids["zh"][0][0] == 1, f"{slug}: the title has no explicit id (a Chinese title slugs to '_1')"


def test_rendered_twins_have_the_same_anchors(built_site):
    for slug in SLUGS:
        anchors = {lang: [h["id"] for h in soup(built_site, lang, slug).select(
            "article h1[id], article h2[id], article h3[id]")] for lang in LANGS}
        assert anchors["zh"] == anchors["en"], slug
        assert len(set(anchors["zh"])) == len(anchors["zh"]), f"{slug}: duplicate anchors"


def test_headings_have_permalinks(built_site):
    page = soup(built_site, "en", "capabilities")
    link = page.select_one("h2#exams a.headerlink")
    assert link is not None and link["href"] == "#exams"


@pytest.mark.parametrize("lang", LANGS)
def test_head_has_lang_canonical_and_link_preview_tags(built_site, lang):
    descriptions = set()
    for slug in SLUGS:
        page = soup(built_site, lang, slug)
        assert page.html["lang"] == {"zh": "zh-Hans"}.get(lang, lang)  # BCP 47 (extra.lang_tags)
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == SITE_URL + page_path(lang, slug)
        meta = {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}
        for key in ("og:title", "og:description", "og:image", "og:url", "twitter:card", "description"):
            assert meta.get(key), f"{lang}/{slug}: missing {key}"
        assert meta["og:url"] == canonical
        assert meta["og:description"] == meta["description"]
        descriptions.add(meta["description"])
        assert meta["twitter:card"] == "summary_large_image"
        image = meta["og:image"]
        assert image.startswith(SITE_URL), image
        png = built_site / image[len(SITE_URL):]
        assert png.is_file(), f"{lang}/{slug}: og:image {image} is not in the site"
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (1200, 630)
    assert len(descriptions) == len(SLUGS), f"{lang}: pages share a description; give each page its own"


def test_no_alternate_links_in_head_and_absolute_hreflang_in_sitemap(built_site):
    for lang in LANGS:
        for slug in SLUGS:
            head = soup(built_site, lang, slug).head
            seen_by_material = [link for link in head.find_all("link", rel="alternate") if not link.find_parent("noscript")]
            assert not seen_by_material, f"{lang}/{slug}: <link rel=alternate> in <head>"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(built_site / "sitemap.xml")
    urls = {u.find("s:loc", ns).text: {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
            for u in tree.getroot().findall("s:url", ns)}
    for slug in SLUGS:
        zh, en = SITE_URL + page_path("zh", slug), SITE_URL + page_path("en", slug)
        assert urls[zh] == {"zh-Hans": zh, "en": en, "x-default": zh}
        assert urls[en] == {"zh-Hans": zh, "en": en, "x-default": zh}


@pytest.mark.material_range
def test_each_language_has_its_own_search_index(built_site):
    zh = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert zh["config"]["lang"] == ["zh"] and en["config"]["lang"] == ["en"]
    assert not [d for d in zh["docs"] if d["location"].startswith("en/")]
    assert {d["location"] for d in en["docs"] if "#" not in d["location"]} == {page_path("zh", s) for s in SLUGS}
    han = re.compile(r"[\u4e00-\u9fff]")
    assert all(not han.search(d["title"]) for d in en["docs"]), "Chinese titles in the English index"
    assert any("\u200b" in d["text"] for d in zh["docs"]), "Chinese text is not segmented (jieba)"


@pytest.mark.material_range
def test_every_page_searches_its_own_language_with_the_installed_worker(built_site):
    """Material's own __config, with `base` at the page's language root; the worker file exists."""
    for lang in LANGS:
        for slug in SLUGS:
            config = json.loads(soup(built_site, lang, slug).find("script", id="__config").string)
            base = posixpath.normpath(posixpath.join(page_path(lang, slug), config["base"]))
            assert base == posixpath.normpath(page_path(lang, "index") or "."), f"{lang}/{slug}: base {config['base']}"
            worker = posixpath.normpath(posixpath.join(page_path(lang, slug), config["search"]))
            assert (built_site / worker).is_file(), f"{lang}/{slug}: no search worker at {worker}"
            dialog = soup(built_site, lang, slug).select_one("div.md-search[role=dialog]")
            assert dialog.get("aria-label"), f"{lang}/{slug}: the search dialog has no name"


def test_data_csvs_are_published_and_build_inputs_are_not(built_site):
    csvs = sorted(p.name for p in (DOCS / "data").glob("*.csv"))
    assert csvs and sorted(p.name for p in (built_site / "data").glob("*.csv")) == csvs
    assert (DOCS / "data" / "figures.yml").is_file()
    assert not list(built_site.rglob("*.yml")), "a build input (docs/data/*.yml) is published"


@pytest.mark.material_range
def test_each_language_has_its_own_404_page(built_site):
    zh = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    en = BeautifulSoup((built_site / "en/404.html").read_text(encoding="utf-8"), "html.parser")
    assert zh.html["lang"] == "zh-Hans" and "找不到" in zh.h1.text
    assert en.html["lang"] == "en" and "not found" in en.h1.text.lower()

