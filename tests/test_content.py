"""The guide's content rules, checked on the rendered pages: both languages
say the same things with the same numbers, and every page cites the report."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from guide_site import LANGS, SLUGS, page_path
from conftest import source_line

PDF = re.compile(r"^https://arxiv\.org/pdf/2303\.08774v6#page=(\d+)$")
MONTHS = {m: str(i) for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
# A month name is a number; "May" only next to a number, so "results may vary" is not May.
MONTH = re.compile(r"\b(?:" + "|".join(m for m in MONTHS if m != "May") + r")\b|(?<=\d )May\b|\bMay(?= \d)")
SCALE = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3}
# Digits in names (GPT-4, GPT-3.5, chatgpt-v4, GSM-8K) are not numbers a reader compares.
NUMBER = re.compile(r"(?<![A-Za-z\d.])(?<![A-Za-z]-)\d+(?:[.,]\d+)*")
# "p. 12", "pp. 10–11", "第 12 页", "第 61–62 页": the first page must be the one the link opens.
PAGE_LABEL = re.compile(r"(?:\bpp?\.\s*|第\s*)(\d+)(?:\s*[–-]\s*(\d+))?(?:\s*页)?\s*$")


def article(site, lang, slug) -> BeautifulSoup:
    html = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")


def sections(page) -> dict[str, BeautifulSoup]:
    """The article cut at every h2/h3 with an id (the twins share these ids); '' is what comes before the first."""
    parts, current = {"": []}, ""
    for node in page.children:
        if getattr(node, "name", None) in ("h2", "h3") and node.get("id"):
            current = node["id"]
            parts[current] = []
        parts[current].append(str(node))
    return {key: BeautifulSoup("".join(nodes), "html.parser") for key, nodes in parts.items()}


def scaled(match: re.Match) -> str:
    value = Decimal(match[1].replace(",", "")) * SCALE[match[2]]
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value.normalize())


def numbers(node) -> Counter:
    """Every number a reader sees (text, alt text, link targets aside), with how often it appears,
    normalised: thousands separators dropped, month names read as their number, 10 万 = 100,000 =
    100 thousand, 1/10,000 = 万分之一 = 10,000× less."""
    node = BeautifulSoup(str(node), "html.parser")
    # The Evidence list's Chinese rendering of a quote (.ev-translation) repeats the quote's numbers on zh only.
    for tag in node.select(".headerlink, abbr, .ev-translation"):
        tag.unwrap() if tag.name == "abbr" else tag.decompose()
    text = node.get_text(" ") + " " + " ".join(img.get("alt", "") for img in node.find_all("img"))
    text = re.sub(r"&#x?[0-9a-fA-F]+;", "", text)  # character references shown in code to copy (&#39;)
    text = MONTH.sub(lambda m: MONTHS[m.group()], text)
    text = re.sub(r"([千万])分之一", lambda m: " 1000 " if m[1] == "千" else " 10000 ", text)  # before 万 = 10^4: GPT-4 万分之一
    text = re.sub(r"(\d[\d,]*(?:\.\d+)?)\s*(" + "|".join(SCALE) + ")", scaled, text)
    text = re.sub(r"(?<![\d.,/])1/(?=\d{1,3},\d{3})", "", text)
    found = Counter()
    for match in NUMBER.findall(text):
        value = re.sub(r"(?<=\d),(?=\d{3}\b)", "", match)
        found[value] += 1
    return found


def report_links(node) -> list[tuple[int, str]]:
    """(page opened, link text) for every link to a page of the report's PDF, in reading order."""
    return [(int(m[1]), a.get_text(" ", strip=True)) for a in node.find_all("a", href=True) if (m := PDF.match(a["href"]))]


def differences(zh: Counter, en: Counter) -> str:
    return f"only in zh (or more often): {dict(zh - en)}; only in en (or more often): {dict(en - zh)}"


@pytest.mark.parametrize("slug", SLUGS)
def test_twins_show_the_same_numbers_as_often(built_site, slug):
    """Same numbers, same number of times, on the page and in every section: a number changed or
    dropped in one language fails even when the new value appears elsewhere on the page."""
    pages = {lang: article(built_site, lang, slug) for lang in LANGS}
    zh, en = (numbers(pages[lang]) for lang in LANGS)
    assert zh == en, f"{slug}: {differences(zh, en)}"
    parts = {lang: sections(pages[lang]) for lang in LANGS}
    assert list(parts["zh"]) == list(parts["en"]), f"{slug}: the twins have different sections"
    for section in parts["zh"]:
        zh, en = (numbers(parts[lang][section]) for lang in LANGS)
        assert zh == en, f"{slug}#{section or '(top)'}: {differences(zh, en)}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_report_link_names_the_page_it_opens(built_site, lang, slug):
    wrong = []
    for page, text in report_links(article(built_site, lang, slug)):
        label = PAGE_LABEL.search(text)
        if not label or int(label[1]) != page or (label[2] and int(label[2]) <= page):
            wrong.append(f"{source_line(lang, slug, f'#page={page}')}: '{text}' opens #page={page}: "
                         f"name that page in the link text ('p. {page}' / '第 {page} 页')")
    assert not wrong, "a report link's text must name the page it opens:\n" + "\n".join(wrong)


@pytest.mark.parametrize("slug", SLUGS)
def test_twins_cite_the_same_report_pages_in_the_same_order(built_site, slug):
    parts = {lang: sections(article(built_site, lang, slug)) for lang in LANGS}
    for section in parts["zh"]:
        zh, en = ([p for p, _ in report_links(parts[lang].get(section, BeautifulSoup("", "html.parser")))]
                  for lang in LANGS)
        assert zh == en, f"{slug}#{section or '(top)'}: report pages zh {zh} != en {en}"


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
    assert first is not None and "abstract" in first.get("class", []), (
        f"{source_line(lang, slug)}: right after the title, write a takeaways box: "
        f"!!! abstract \"要点\" (zh) / \"Key takeaways\" (en) with 3 to 5 bullets")
    assert 3 <= len(first.find_all("li")) <= 5, (
        f"{source_line(lang, slug, '!!! abstract')}: the takeaways box has {len(first.find_all('li'))} bullets; write 3 to 5")


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
        assert titles, (f"{source_line(lang, slug)}: no glossary tooltip: end the page with "
                        f"--8<-- \"abbreviations.{lang}.md\" and use a term of docs/data/glossary.yml")
        assert all(titles.values())
    assert "RLHF" in {a.get_text() for a in article(built_site, lang, "calibration").find_all("abbr")}
    term = {"zh": "扩展定律", "en": "scaling law"}[lang]  # in running text: 一条带这种“不可约损失”项的扩展定律
    assert term in {a.get_text() for a in article(built_site, lang, "training").find_all("abbr")}


def test_a_chinese_term_in_chinese_text_gets_its_tooltip_and_a_latin_term_only_as_a_whole_word():
    """overrides/hooks/cjk_abbreviations.py: Python-Markdown's abbr needs a word boundary, which Chinese text lacks."""
    import markdown
    from cjk_abbreviations import CjkAbbreviations
    html = markdown.Markdown(extensions=["abbr", CjkAbbreviations()]).convert(
        "一条扩展定律，RLHF 与 RLHFs。\n\n*[扩展定律]: 定律\n*[RLHF]: 人类反馈")
    assert '一条<abbr title="定律">扩展定律</abbr>，<abbr title="人类反馈">RLHF</abbr> 与 RLHFs。' in html, html


@pytest.mark.parametrize("lang", LANGS)
def test_corrections_say_what_the_report_says(built_site, lang):
    section = article(built_site, lang, "sources")
    text = section.get_text(" ").replace(",", "")  # zh writes 8192 (no thousands separator in Chinese)
    for figure in ("15%", "82%", "29%", "0.73%", "6.48%", "40%", "19", "8,192", "32,768"):
        assert figure.replace(",", "") in text, f"{lang}/sources: corrections table does not mention {figure}"


def test_number_extraction_reads_dates_separators_and_scales_alike():
    read = lambda html: numbers(BeautifulSoup(html, "html.parser"))
    zh = read("<p>2023 年 3 月 14 日，计算量至多为 1/10,000，约 10 万条，GPT-4 得分 86.4%、86.4%</p>")
    assert read("<p>不超过千分之一，最多万分之一</p>") == read("<p>1,000× or 1/10,000</p>") == Counter({"1000": 1, "10000": 1})
    en = read("<p>14 March 2023, with 10,000× less compute, about 100 thousand, GPT-4 scoring 86.4%, 86.4%</p>")
    assert zh == en == Counter({"2023": 1, "3": 1, "14": 1, "10000": 1, "100000": 1, "86.4": 2})
    assert read("<p>results may vary in May 2023</p>") == Counter({"5": 1, "2023": 1})
    assert read("<p>1.76 万亿</p>") == read("<p>1.76 trillion</p>") == Counter({"1760000000000": 1})
    assert read("<p>86.4% and 86.5%</p>") != read("<p>86.5% and 86.5%</p>")


def test_report_link_labels_are_read_as_pages():
    assert [PAGE_LABEL.search(t)[1] for t in ("§4, Table 1, p. 5", "§5, pp. 10–11", "系统卡 §3.1，第 61–62 页")] == ["5", "10", "61"]
    assert PAGE_LABEL.search("Table 12") is None and PAGE_LABEL.search("第 12 节") is None


def test_chinese_pages_follow_the_house_style():
    """A space between Chinese and Latin letters or digits; “” quotation marks."""
    from guide_site import ROOT
    crowded = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9%][\u4e00-\u9fff]")
    problems = []
    for path in sorted((ROOT / "docs" / "zh").glob("*.md")) + [ROOT / "docs/.snippets/abbreviations.zh.md"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = re.sub(r"\]\([^)]*\)|`[^`]*`", "", line)  # link targets and code are not prose
            if crowded.search(text) or "「" in text:
                problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not problems, ("Chinese house style: a space between Chinese and Latin letters or digits ('GPT-4 的', "
                          "not 'GPT-4的'), and “” quotation marks, not 「」:\n" + "\n".join(problems))
