"""Every link to a page of the report, on every page in both languages, is
checked against the report's own text (`report-pages.jsonl`, one object per
PDF page): each number of the sentence, list item or table row that the link
supports must be printed on the cited page (counting the end of a sentence that
runs over onto the next page). Numbers that are the site's own arithmetic are
listed below with the reason, and the text around them must say so."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import LANGS, ROOT, SLUGS, page_path

REPORT_PAGES = Path(os.environ.get(
    "REPORT_PAGES", ROOT.parent.parent / "shared" / "reference" / "report-pages.jsonl"))
NUMBER_INDEX = ROOT / "tests" / "fixtures" / "report_numbers.json"
PDF = re.compile(r"^https://arxiv\.org/pdf/2303\.08774v6#page=(\d+)$")
# "p. 4", "pp. 2–4", "第 4 页", "第 61–62 页": the pages a link's text names
LINK_PAGES = re.compile(r"(?:pp?\.\s*|第\s*)(\d+)(?:\s*[–-]\s*(\d+))?")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# names that contain digits but are not figures: GPT-4, GPT-3.5, gpt-4-0314, GSM-8K, arXiv ids, v6
NAMES = re.compile(r"(?i)\bgpt-\d(?:\.\d)?(?:-[\w]+)*|\bGSM-8K\b|\b2303\.08774|\bS\d\b")
MONTHS = "january february march april may june july august september october november december".split()
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen twenty").split()
ORDINALS = "_ first second third fourth fifth sixth seventh eighth ninth tenth".split()
BLOCKS = ("li", "p", "dd", "dt", "blockquote", "figcaption", "caption", "h1", "h2", "h3", "h4", "summary")

# Numbers deliberately not on the cited page: (page slug, number) -> (why, words that must stand in
# the same sentence in each language, so the reader is told too).
SITE_ARITHMETIC = {
    ("training", "7"): ("months from August 2022 to 14 March 2023, counted by the site", r"本站|this site"),
    ("calibration", "0.7"): ("ECE 0.007 read as percentage points", r"本站|this site"),
    ("calibration", "7.4"): ("ECE 0.074 read as percentage points", r"本站|this site"),
    ("calibration", "10"): ("0.074 / 0.007, worked out by the site", r"本站|this site"),
    ("index", "100"): ("the PDF's page count, not a number printed on its first page", r"100 页|100-page"),
    ("safety", "89"): ("relative drop from 6.48% to 0.73%", r"本站|this site"),
    ("safety", "29.8"): ("100% minus the 70.2% win rate, marked in the table cell", r"推算|implied"),
    ("safety", "15"): ("a claim found online that the report does not contain", r"没有找到这个数字|nowhere in the report"),
    ("sources", "15"): ("a claim found online, refuted in the corrections table", r"没有“有害输出减少 15%”|no claim of a 15%|找不到|nowhere in the report"),
    ("sources", "1.76"): ("a rumour found online, refuted in the corrections table", r"传闻|rumours"),
    ("sources", "8192"): ("launch-post figure, not the report's", r"发布博文|launch post"),
    ("sources", "32768"): ("launch-post figure, not the report's", r"发布博文|launch post"),
}

def normalise(text: str) -> str:
    """Names with digits out; thousands separators (also the report's "10, 000") dropped; "100k" is 100000."""
    text = re.sub(r"(?<=\d), ?(?=\d{3}(?!\d))", "", NAMES.sub(" ", text))
    return re.sub(r"\b(\d+)k\b", lambda m: str(int(m.group(1)) * 1000), text)


def numbers_in(text: str) -> set[str]:
    return {n.rstrip(".,") for n in NUMBER.findall(normalise(text))}


def report_numbers() -> dict[int, set[str]]:
    """Numbers printed on each page (month names, number words and ordinals also
    read as digits: the site writes "6" where the report says "six"), plus those of
    a sentence that starts on the page and ends on the next one."""
    texts: dict[int, str] = {}
    for line_no, line in enumerate(REPORT_PAGES.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
            page, text = int(row["page"]), str(row["text"])
        except (ValueError, KeyError, TypeError) as exc:
            pytest.fail(f"{REPORT_PAGES}:{line_no}: not a page object with 'page' and 'text' ({exc})")
        texts[page] = texts.get(page, "") + text + "\n"
    pages = {}
    for page, text in texts.items():
        if not re.search(r"[.!?:][”\"’)]*\d*\s*$", text) and page + 1 in texts:
            text += " " + re.split(r"[.!?][”\"’)]*\d*\s+(?=[A-Z\[])", texts[page + 1], maxsplit=1)[0]
        found = numbers_in(text)
        # a footnote marker glued to a year: "September 202110" is 2021 + footnote 10
        found |= {n[:4] for n in found if re.fullmatch(r"(19|20)\d{3,}", n)}
        found |= {str(i) for i, m in enumerate(MONTHS, 1) if re.search(rf"\b{m[:3].title()}(?:{m[3:]})?\b", text)}
        found |= {str(i) for words in (WORDS, ORDINALS) for i, w in enumerate(words)
                  if w != "_" and re.search(rf"(?i)\b{w}\b", text)}
        pages[page] = found
    return pages


def segments(block: Tag):
    """Split a block at its report links: yield (text since the previous group, [links])."""
    text, group = [], []
    for node in block.descendants:
        if node.find_parent(["tr", *BLOCKS]) is not block and node.parent is not block:
            continue
        if isinstance(node, Tag) and node.name == "a" and PDF.match(node.get("href", "")):
            group.append(node)
        elif isinstance(node, Tag) and node.name == "a" and node.get("href", "").startswith("http"):
            if group:  # another source (launch post, product page) answers for the text before it
                yield "".join(text), group
                group = []
            text = []
        elif isinstance(node, NavigableString) and not node.find_parent("a", href=PDF):
            if group and re.search(r"[\w\u4e00-\u9fff]", node):
                yield "".join(text), group
                text, group = [], []
            text.append(str(node))
    if group:
        yield "".join(text), group


def cited_pages(link: Tag) -> set[int]:
    """The page the link opens and any range its text names ("pp. 2–4")."""
    pages = {int(PDF.match(link["href"]).group(1))}
    for first, last in LINK_PAGES.findall(link.get_text()):
        pages |= set(range(int(first), int(last or first) + 1))
    return pages


def problems_on(site: Path, lang: str, slug: str, report: dict[int, set[str]]) -> list[str]:
    html = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    for tag in article.select(".headerlink"):
        tag.decompose()
    problems, seen = [], set()
    for link in article.find_all("a", href=PDF):
        block = link.find_parent(["tr", *BLOCKS])
        if block is None or id(block) in seen:
            continue
        seen.add(id(block))
        for text, group in segments(block):
            named = [int(f) for a in group for f, _ in LINK_PAGES.findall(a.get_text())]
            hrefs = [int(PDF.match(a["href"]).group(1)) for a in group]
            if not named or any(h not in named for h in hrefs):
                problems.append(f"link text {[a.get_text() for a in group]} does not name page(s) {hrefs}")
            allowed = set().union(*(cited_pages(a) for a in group))
            printed = set().union(*(report.get(p, set()) for p in allowed))
            missing = sorted(n for n in numbers_in(text) - printed
                             if not ((slug, n) in SITE_ARITHMETIC and re.search(SITE_ARITHMETIC[slug, n][1], text)))
            if missing:
                where = ", ".join(a.get_text() for a in group)
                problems.append(f"[{where}] numbers not on the cited page: {missing} in “{' '.join(text.split())[-160:]}”")
    return problems


@pytest.fixture(scope="module")
def report():
    """The numbers of each page. The report's text stays outside the repository; a committed index of
    its numbers (no text) lets the test run anywhere, and is checked against the text where it exists."""
    if not REPORT_PAGES.is_file():
        if not NUMBER_INDEX.is_file():
            pytest.fail(f"neither {REPORT_PAGES} (set REPORT_PAGES) nor {NUMBER_INDEX} exists")
        return {int(page): set(found) for page, found in json.loads(NUMBER_INDEX.read_text(encoding="utf-8")).items()}
    pages = report_numbers()
    index = "{\n" + ",\n".join(f'"{p}": {json.dumps(sorted(pages[p]))}' for p in sorted(pages)) + "\n}\n"  # a page a line
    if os.environ.get("UPDATE_NUMBER_INDEX"):
        NUMBER_INDEX.write_text(index, encoding="utf-8")
    elif not NUMBER_INDEX.is_file() or NUMBER_INDEX.read_text(encoding="utf-8") != index:
        pytest.fail(f"{NUMBER_INDEX} is out of date with {REPORT_PAGES}: rerun with UPDATE_NUMBER_INDEX=1")
    return pages


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_report_link_is_backed_by_its_page(built_site, report, lang, slug):
    problems = problems_on(built_site, lang, slug, report)
    assert not problems, f"{lang}/{slug}:\n" + "\n".join(problems)


def test_a_number_from_another_page_is_caught(report):
    page = BeautifulSoup('<article class="md-content__inner"><p>Training ended in August 2022 '
                         '(<a href="https://arxiv.org/pdf/2303.08774v6#page=2">p. 2</a>).</p></article>', "html.parser")
    block = page.p
    (text, group), = segments(block)
    assert numbers_in(text) - set().union(*(report[p] for p in cited_pages(group[0]))) == {"2022"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_the_takeaways_links_to_its_source(built_site, lang):
    """The takeaways boxes promise a page link for every number: a line with a number cites a source."""
    unlinked = []
    for slug in SLUGS:
        html = (built_site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
        box = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner .admonition.abstract")
        for item in box.find_all("li"):
            if numbers_in(item.get_text(" ")) and not item.find("a", href=re.compile(r"^https?://")):
                unlinked.append(f"{lang}/{slug}: {' '.join(item.get_text(' ').split())[:100]}")
    assert not unlinked, "\n".join(unlinked)
