"""Every report citation carries its evidence, and the evidence is the report's (issue 24).

Quotes live in docs/data/quotes/*.yml (overrides/hooks/evidence.py). Tested against the report itself,
`report-pages.jsonl` (the report's English text, one object per PDF page: where it is is printed in
pytest's header): each quote is found verbatim on its page. Tested on the built site, both languages:
no report link without a quote; every number of the sentence, list item or table row a citation
supports is printed in its quote (or the sentence says it is this site's calculation, and the number is
listed below with the reason); the link text names the quote's page; zh and en cite the same quotes in
the same order in every section; no quote goes unused.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from mkdocs.exceptions import PluginError

from conftest import LANGS, ROOT, SLUGS, page_path, report_source, source_line
from evidence import drop_evidence_heading, load_quotes

QUOTES_DIR = ROOT / "docs" / "data" / "quotes"
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
LABEL = r"本站计算|this site's calculation"  # how a sentence says a number is the site's own arithmetic

# Numbers deliberately not in the cited quote: (page slug, number) -> (why, words that must stand in
# the same sentence in each language, so the reader is told too).
SITE_ARITHMETIC = {
    ("training", "7"): ("months from August 2022 to 14 March 2023, counted by the site", LABEL),
    ("calibration", "0.7"): ("ECE 0.007 read as percentage points", LABEL),
    ("calibration", "7.4"): ("ECE 0.074 read as percentage points", LABEL),
    ("calibration", "10"): ("0.074 / 0.007, worked out by the site", LABEL),
    ("index", "100"): ("the PDF's page count, not a number printed in a quote", r"100 页|100-page"),
    ("safety", "89"): ("relative drop from 6.48% to 0.73%", LABEL),
    ("safety", "29.8"): ("100% minus the 70.2% win rate, marked in the table cell", LABEL),
    ("safety", "15"): ("a claim found online that the report does not contain", r"没有找到这个数字|nowhere in the report"),
    ("sources", "15"): ("a claim found online, refuted in the corrections table", r"没有“有害输出减少 15%”|no claim of a 15%|找不到|nowhere in the report"),
    ("sources", "1.76"): ("a rumour found online, refuted in the corrections table", r"传闻|rumours"),
    ("sources", "8192"): ("launch-post figure, not the report's", r"发布博文|launch post"),
    ("sources", "32768"): ("launch-post figure, not the report's", r"发布博文|launch post"),
    ("capabilities", "19"): ("languages above Flan-PaLM's 75.2%, counted by the site (multilingual-mmlu caption)", LABEL),
}


def normalise_text(text: str) -> str:
    """What a quote may differ in from the page: whitespace, quote marks, ligatures, a hyphen at a line break."""
    for old, new in {"“": '"', "”": '"', "‘": "'", "’": "'", "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi",
                     "ﬄ": "ffl"}.items():
        text = text.replace(old, new)
    text = re.sub(r"(?<=[a-z])-\s+(?=[a-z])", "", text)
    return " ".join(text.split())


def report_pages(path: Path) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
            texts.setdefault(int(row["page"]), []).append(str(row["text"]))
        except (ValueError, KeyError, TypeError) as exc:
            pytest.fail(f"{path}:{line_no}: not a page object with 'page' and 'text' ({exc})")
    return {page: normalise_text(" ".join(parts)) for page, parts in texts.items()}


def numbers_in(text: str) -> set[str]:
    """Names with digits out; thousands separators (also the report's "10, 000") dropped; "100k" is 100000."""
    text = re.sub(r"(?<=\d), ?(?=\d{3}(?!\d))", "", NAMES.sub(" ", text))
    text = re.sub(r"\b(\d+)k\b", lambda m: str(int(m.group(1)) * 1000), text)
    return {n.rstrip(".,") for n in NUMBER.findall(text)}


def printed_numbers(text: str) -> set[str]:
    """The numbers a quote prints: digits, and month names, number words and ordinals read as digits."""
    found = numbers_in(text)
    found |= {n[:4] for n in found if re.fullmatch(r"(19|20)\d{3,}", n)}  # "September 202110": year + footnote
    found |= {str(i) for i, m in enumerate(MONTHS, 1) if re.search(rf"\b{m[:3].title()}(?:{m[3:]})?\b", text)}
    found |= {str(i) for words in (WORDS, ORDINALS) for i, w in enumerate(words)
              if w != "_" and re.search(rf"(?i)\b{w}\b", text)}
    return found


@pytest.fixture(scope="module")
def quotes() -> dict[str, dict]:
    return load_quotes(QUOTES_DIR)


def article(site: Path, lang: str, slug: str) -> Tag:
    html = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    for tag in found.select(".headerlink"):
        tag.decompose()
    return found


def cited_id(link: Tag) -> str:
    return link["aria-describedby"].removeprefix("ev-").removesuffix("-text")


def segments(block: Tag):
    """Split a block at its report citations: yield (text since the previous group, [citation links])."""
    text, group = [], []
    for node in block.descendants:
        if node.find_parent(["tr", *BLOCKS]) is not block and node.parent is not block:
            continue
        if isinstance(node, Tag) and node.name == "a" and "ev-cite" in node.get("class", []):
            group.append(node)
        elif isinstance(node, Tag) and node.name == "a" and node.get("href", "").startswith("http"):
            if group:  # another source (launch post, product page) answers for the text before it
                yield "".join(text), group
                group = []
            text = []
        elif isinstance(node, NavigableString) and not node.find_parent("a") and not node.find_parent("sup"):
            if group and re.search(r"[\w\u4e00-\u9fff]", node):
                yield "".join(text), group
                text, group = [], []
            text.append(str(node))
    if group:
        yield "".join(text), group


def problems_on(content: Tag, slug: str, quotes: dict[str, dict]) -> list[tuple[list[str], str]]:
    """(the quote ids a problem is about, what is wrong and what to write) for every citation of the page."""
    problems, seen = [], set()
    for link in content.find_all("a", href=PDF):
        classes = link.get("class", [])
        if "ev-page" in classes:  # the Evidence list and the report-page index: the quote's own page
            continue
        if "ev-cite" not in classes:
            problems.append(([], f"report link {link.get_text()!r} ({link['href']}) has no quote: write it as "
                                 "[text][quote-id] with the quote in docs/data/quotes/ (README, 'Adding a page')"))
            continue
        block = link.find_parent(["tr", *BLOCKS])
        if block is None or id(block) in seen:
            continue
        seen.add(id(block))
        for text, group in segments(block):
            ids = [cited_id(a) for a in group]
            for a, qid in zip(group, ids):
                named = {int(first) for first, _ in LINK_PAGES.findall(a.get_text())}
                if quotes[qid]["page"] not in named:
                    problems.append(([qid], f"link text {a.get_text()!r} does not name p. {quotes[qid]['page']}, "
                                            f"the page of its quote {qid!r}"))
            printed = set().union(*(printed_numbers(quotes[qid]["text"]) for qid in ids))
            missing = sorted(n for n in numbers_in(text) - printed
                             if not ((slug, n) in SITE_ARITHMETIC and re.search(SITE_ARITHMETIC[slug, n][1], text)))
            if missing:
                problems.append((ids, f"{missing} not in the quote(s) {ids} cited for “{' '.join(text.split())[-160:]}”: "
                                      "cite a quote that prints them, or change the sentence"))
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_report_citation_is_carried_by_its_quote(built_site, quotes, lang, slug):
    problems = problems_on(article(built_site, lang, slug), slug, quotes)
    if problems:
        pytest.fail("\n".join(f"{where(lang, slug, ids)}: {problem}" for ids, problem in problems), pytrace=False)


def where(lang: str, slug: str, ids: list[str]) -> str:
    """The Markdown line that cites the first of these quotes (`[text][id]`); else the page, and the data files
    that write the text of its figures and tables."""
    for qid in ids:
        if ":" in (line := source_line(lang, slug, f"][{qid}]")):
            return line
    return f"{source_line(lang, slug)} (or a caption or source of its figures and tables: docs/data/figures.yml, tables.yml)"


def test_every_quote_is_printed_verbatim_on_its_page(quotes):
    source = report_source()
    if source is None:
        pytest.skip("no report-pages.jsonl beside the checkout (set REPORT_PAGES): quotes not checked verbatim")
    pages = report_pages(source)
    wrong = [f"{q['file']}: {qid} (p. {q['page']}): “{q['text'][:90]}…” is not on p. {q['page']} of {source}"
             for qid, q in quotes.items() if normalise_text(q["text"]) not in pages.get(q["page"], "")]
    assert not wrong, "copy each quote exactly from its page:\n" + "\n".join(wrong)


def test_zh_and_en_cite_the_same_quotes_in_the_same_order_in_every_section(built_site):
    differ = []
    for slug in SLUGS:
        order = {}
        for lang in LANGS:
            sections, current = {}, "(top)"
            for node in article(built_site, lang, slug).find_all(["h1", "h2", "h3", "a"]):
                if node.name != "a":
                    current = node.get("id", current)
                elif "ev-cite" in node.get("class", []):
                    sections.setdefault(current, []).append(cited_id(node))
            order[lang] = sections
        if len({json.dumps(s, sort_keys=True) for s in order.values()}) > 1:
            for section in sorted(set().union(*order.values())):
                cited = {lang: order[lang].get(section, []) for lang in LANGS}
                if len({tuple(c) for c in cited.values()}) > 1:
                    differ.append(f"{slug}#{section}: " + "; ".join(f"{lang} {c}" for lang, c in cited.items()))
    assert not differ, "docs/zh and docs/en must cite the same quotes in the same order:\n" + "\n".join(differ)


def test_every_quote_is_cited_somewhere(built_site, quotes):
    cited = {cited_id(a) for lang in LANGS for slug in SLUGS
             for a in article(built_site, lang, slug).select("a.ev-cite")}
    unused = sorted(set(quotes) - cited)
    assert not unused, "quotes no page cites (cite them or delete them):\n" + "\n".join(
        f"{quotes[q]['file']}: {q}" for q in unused)


def test_a_number_missing_from_its_quote_is_caught():
    quotes = {"q": {"page": 2, "text": "GPT-4's pretraining data was cut off in September 2021.", "file": "x"}}
    html = ('<article><p>Training ended in August 2022 (<a class="ev-cite" aria-describedby="ev-q-text" '
            'href="https://arxiv.org/pdf/2303.08774v6#page=2">p. 2</a>).</p>'
            '<p>A bare link (<a href="https://arxiv.org/pdf/2303.08774v6#page=3">p. 3</a>).</p></article>')
    problems = problems_on(BeautifulSoup(html, "html.parser").article, "x", quotes)
    assert len(problems) == 2 and "['2022']" in problems[0][1] and "has no quote" in problems[1][1]


def test_a_changed_word_or_a_moved_quote_is_not_verbatim():
    source = report_source()
    if source is None:
        pytest.skip("no report-pages.jsonl beside the checkout (set REPORT_PAGES)")
    pages = report_pages(source)
    quote = normalise_text("on a simulated bar exam, GPT-4 achieves a score that falls in the top 10% of test takers.")
    assert quote in pages[1]
    assert quote.replace("top 10%", "top 11%") not in pages[1] and quote not in pages[2]


def test_a_bad_quote_file_names_its_file_and_line(tmp_path):
    (tmp_path / "a.yml").write_text("ok:\n  page: 2\n  text: Some words.\nbad:\n  page: 101\n  text: x\n",
                                    encoding="utf-8")
    with pytest.raises(PluginError, match=r"a\.yml:4: quote 'bad' needs `page:`"):
        load_quotes(tmp_path)
    (tmp_path / "a.yml").write_text("ok:\n  page: 2\n  text: Some words.\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("x: 1\nok:\n  page: 3\n  text: Other words.\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"b\.yml:1: quote 'x' needs"):
        load_quotes(tmp_path)
    (tmp_path / "b.yml").write_text("ok:\n  page: 3\n  text: Other words.\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"b\.yml:1: quote id 'ok' is also in .*a\.yml"):
        load_quotes(tmp_path)
    (tmp_path / "b.yml").write_text("- page: 3\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"b\.yml:1: write a mapping of quote ids"):
        load_quotes(tmp_path)


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_the_takeaways_links_to_its_source(built_site, lang):
    """The takeaways boxes promise a page link for every number: a line with a number cites a source."""
    unlinked = []
    for slug in SLUGS:
        box = article(built_site, lang, slug).select_one(".admonition.abstract")
        for item in box.find_all("li"):
            if numbers_in(item.get_text(" ")) and not item.find("a", href=re.compile(r"^https?://")):
                unlinked.append(f"{lang}/{slug}: {' '.join(item.get_text(' ').split())[:100]}")
    assert not unlinked, "\n".join(unlinked)


def test_a_page_that_cites_no_quote_keeps_no_evidence_heading():
    from types import SimpleNamespace

    from mkdocs.structure.toc import AnchorLink, TableOfContents
    title, evidence = AnchorLink("Draft", "draft", 1), AnchorLink("Evidence", "evidence", 2)
    title.children = [AnchorLink("Part", "part", 2), evidence]
    page = SimpleNamespace(toc=TableOfContents([title]))
    html = '<h1 id="draft">Draft</h1><h2 id="part">Part</h2><p>Text.</p><h2 id="evidence">Evidence</h2><p>Intro.</p>'
    assert drop_evidence_heading(html, page) == '<h1 id="draft">Draft</h1><h2 id="part">Part</h2><p>Text.</p>'
    assert [child.id for child in title.children] == ["part"]
