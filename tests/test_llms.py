"""A clean copy for machines: /llms.txt and /en/llms.txt (overrides/hooks/llms_txt.py) and a Markdown
twin of every page beside it (overrides/hooks/markdown_twins.py)."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from guide_site import ROOT, SITE_NAMES, SITE_URL, SLUGS, page_path

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
LANGUAGES = [lang for lang in CONFIG.plugins["i18n"].config.languages if lang.build]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
LINK = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\): (?P<description>\S.*)$")


def page_dir(site, lang, slug: str):
    return site / page_path(lang.locale, slug)


def local_file(site, url: str):
    assert url.startswith(SITE_URL), f"{url} is not under {SITE_URL}"
    path = site / url[len(SITE_URL):]
    return path / "index.html" if url.endswith("/") else path


def front_matter_description(lang, slug: str) -> str:
    source = (ROOT / "docs" / lang.locale / f"{slug}.md").read_text(encoding="utf-8")
    match = re.search(r"^description:\s*(.+)$", source.split("\n---", 1)[0], re.M)
    return match.group(1).strip().strip('"')


def article(site, lang, slug: str):
    html = BeautifulSoup((page_dir(site, lang, slug) / "index.html").read_text(encoding="utf-8"), "html.parser")
    content = html.select_one("article.md-content__inner")
    for permalink in content.select("a.headerlink"):
        permalink.decompose()
    return html, content


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.locale)
def test_llms_txt_lists_every_page_of_its_language_and_every_link_resolves(built_site, lang):
    lines = (built_site / page_path(lang.locale, "index") / "llms.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {SITE_NAMES[lang.locale]}"
    assert lines[2] == f"> {lang.site_description or CONFIG.site_description}"
    assert "## Pages" in lines
    links = [LINK.match(line) for line in lines if line.startswith("- ")]
    assert all(links), "every list line is '- [title](url): description'"
    assert [m["url"] for m in links] == [SITE_URL + page_path(lang.locale, slug) + "index.md"
                                         for slug in SLUGS]
    for slug, m in zip(SLUGS, links):
        assert local_file(built_site, m["url"]).is_file(), f"{m['url']} is not in the built site"
        assert m["description"] == front_matter_description(lang, slug)
        _, content = article(built_site, lang, slug)
        assert m["title"] == content.h1.get_text().strip()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.locale)
def test_every_page_has_a_markdown_twin_with_its_headings_and_numbers(built_site, lang):
    for slug in SLUGS:
        html, content = article(built_site, lang, slug)
        link = html.select_one("head noscript link[rel='alternate'][type='text/markdown']")
        assert link, f"{lang.locale}/{slug}: no Markdown twin in <head>"
        twin_url = urljoin(SITE_URL + page_path(lang.locale, slug), link["href"])
        twin = local_file(built_site, twin_url).read_bytes().decode("utf-8")  # strict: UTF-8 or fail
        assert "<div" not in twin and "{%" not in twin and "¶" not in twin, f"{twin_url}: template noise"
        for heading in content.select("h1, h2, h3, h4, h5, h6"):
            assert f"# {heading.get_text().strip()}" in twin, f"{twin_url}: heading '{heading.get_text()}' missing"
        for alt in {img["alt"] for img in content.select("img[alt]")}:  # each figure once, with its alt text
            assert twin.replace("\\", "").count(f"![{alt}](") == 1, f"{twin_url}: figure '{alt[:40]}…' not there once"
        seen = " ".join([content.get_text(" ")] + [img.get("alt", "") for img in content.select("img")])
        words = re.sub(r"\]\([^)]*\)", "]", twin)  # numbers in link targets do not count
        missing = sorted(set(NUMBER.findall(seen)) - set(NUMBER.findall(words)))
        assert not missing, f"{twin_url}: numbers of the page missing from its Markdown twin: {missing}"
