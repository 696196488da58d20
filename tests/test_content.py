"""The guide's content rules, checked on the rendered pages: both languages
say the same things with the same numbers, and every page cites the report."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, SLUGS, page_path

PDF = re.compile(r"^https://arxiv\.org/pdf/2303\.08774v6#page=(\d+)$")
MONTHS = {m: str(i) for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def article(site, lang, slug) -> BeautifulSoup:
    html = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")


def numbers(node) -> Counter:
    """Every number a reader sees (text, alt text, link targets aside), normalised:
    thousands separators dropped, English month names read as their number."""
    node = BeautifulSoup(str(node), "html.parser")
    for tag in node.select(".headerlink, abbr"):
        tag.unwrap() if tag.name == "abbr" else tag.decompose()
    text = node.get_text(" ") + " " + " ".join(img.get("alt", "") for img in node.find_all("img"))
    text = re.sub(r"\b(" + "|".join(MONTHS) + r")\b", lambda m: MONTHS[m.group(1).lower()], text, flags=re.I)
    found = Counter()
    for match in NUMBER.findall(text):
        value = re.sub(r"(?<=\d),(?=\d{3}\b)", "", match)
        found[value] += 1
    return found


@pytest.mark.parametrize("slug", SLUGS)
def test_twins_show_the_same_numbers(built_site, slug):
    zh, en = (set(numbers(article(built_site, lang, slug))) for lang in LANGS)
    assert zh == en, f"{slug}: only in zh: {sorted(zh - en)}; only in en: {sorted(en - zh)}"


@pytest.mark.parametrize("slug", SLUGS)
def test_twins_have_the_same_figures_tables_and_admonitions(built_site, slug):
    shape = {}
    for lang in LANGS:
        page = article(built_site, lang, slug)
        shape[lang] = {
            "figures": [re.sub(r"\.(zh|en)\.", ".LANG.", img["src"].rsplit("/", 1)[-1]) for img in page.select("figure img")],
            "tables": len(page.find_all("table")),
            "admonitions": [d.get("class") for d in page.select(".admonition, details")],
        }
    assert shape["zh"] == shape["en"], slug


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_opens_with_key_takeaways(built_site, lang, slug):
    page = article(built_site, lang, slug)
    first = page.find("h1").find_next_sibling()
    assert first is not None and "abstract" in first.get("class", []), f"{lang}/{slug}: no takeaways box after the title"
    assert 3 <= len(first.find_all("li")) <= 5, f"{lang}/{slug}: takeaways should be 3 to 5 lines"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_cites_report_pages(built_site, lang, slug):
    links = [a["href"] for a in article(built_site, lang, slug).find_all("a", href=True)]
    pages = [int(m.group(1)) for m in map(PDF.match, links) if m]
    assert pages, f"{lang}/{slug}: no link to a page of the report's PDF"
    assert all(1 <= p <= 100 for p in pages), f"{lang}/{slug}: PDF page out of range: {pages}"
    stray = [h for h in links if "2303.08774" in h and "arxiv.org/abs/" not in h and not PDF.match(h)]
    assert not stray, f"{lang}/{slug}: report links that do not open a page: {stray}"


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_have_tooltips_on_every_page(built_site, lang):
    for slug in SLUGS:
        titles = {a.get_text(): a.get("title") for a in article(built_site, lang, slug).find_all("abbr")}
        assert titles, f"{lang}/{slug}: no glossary tooltips"
        assert all(titles.values())
    assert "RLHF" in {a.get_text() for a in article(built_site, lang, "calibration").find_all("abbr")}


@pytest.mark.parametrize("lang", LANGS)
def test_corrections_say_what_the_report_says(built_site, lang):
    section = article(built_site, lang, "sources")
    text = section.get_text(" ")
    for figure in ("15%", "82%", "29%", "0.73%", "6.48%", "40%", "19", "8,192", "32,768"):
        assert figure in text, f"{lang}/sources: corrections table does not mention {figure}"


def test_number_extraction_reads_dates_and_separators_alike():
    zh = numbers(BeautifulSoup("<p>2023 年 3 月 14 日，计算量少 10,000 倍，得分 86.4%</p>", "html.parser"))
    en = numbers(BeautifulSoup("<p>14 March 2023, with 10,000× less compute, scoring 86.4%</p>", "html.parser"))
    assert set(zh) == set(en) == {"2023", "3", "14", "10000", "86.4"}
    assert set(numbers(BeautifulSoup("<p>82% in 2023</p>", "html.parser"))) != set(zh)


def test_chinese_pages_follow_the_house_style():
    """A space between Chinese and Latin letters or digits; “” quotation marks."""
    from conftest import ROOT
    crowded = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9%][\u4e00-\u9fff]")
    problems = []
    for path in sorted((ROOT / "docs" / "zh").glob("*.md")) + [ROOT / "docs/.snippets/abbreviations.zh.md"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = re.sub(r"\]\([^)]*\)|`[^`]*`", "", line)  # link targets and code are not prose
            if crowded.search(text) or "「" in text:
                problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not problems, "\n".join(problems)
