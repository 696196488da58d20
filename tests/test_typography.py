"""Chinese typography, one test per pattern of the zh language review's section 4
(../shared/reference/reviews/zh-language-review-2026-12.md, §4.1): thousands separators, "×",
reductions said with 倍 ("少 1,000×"), English fractions, half-width brackets, "vs", spacing, ...

Each test reads what a Chinese reader gets: the article of every built Chinese page (text, image alt
text, tooltips), the text of the Chinese figures, and every Chinese string of the data files
(docs/data/*.yml, docs/data/quotes/*.yml, the CSVs), which also reach cards, embed snippets and print.
Code, and anything marked lang="en" (the report's English words), are not Chinese text and are skipped.
A hit is reported at the Markdown or data line that wrote it (found by its text), with what to write.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import yaml
from bs4 import BeautifulSoup, Comment, NavigableString

from conftest import ROOT, SLUGS, page_path

DATA = ROOT / "docs" / "data"
HAN = "\u4e00-\u9fff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’"
BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "summary",
          "caption", "blockquote", "div", "section", "details", "figure", "table", "tr", "ul", "ol", "dl", "aside"}
SKIP = {"pre", "code", "script", "style", "svg", "kbd", "samp", "textarea"}
CSV_ZH = re.compile(r"^zh(_.+)?$")
CODE = "\ufffc"  # stands for code in a text: not Chinese, but not nothing either (no "律 ，" around a formula)
NOT_TEXT = ("headerlink", "md-source-file", "ev-mark")  # permalinks; Material's "last update" date; evidence markers


# --- what a Chinese reader gets ------------------------------------------------------------------

@dataclass
class Text:
    where: str   # "docs/zh/training.md:51", "docs/data/figures.yml:182" or "site: zh/training/" when not found
    text: str


def plain_markdown(line: str) -> str:
    """A Markdown source line as the reader sees it, to find built text in it."""
    line = re.sub(r"\{\s*[#.][^}]*\}", "", line)                        # { #id } attribute lists
    line = re.sub(r"`[^`]*`", CODE, line)                                # inline code (not checked)
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)              # [text](url)
    line = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", line)              # [text][quote-id]
    line = re.sub(r"<[^>]+>", "", line)                                  # raw HTML tags
    line = re.sub(r'^\s*(?:[!?]{3}\+?\s*\w+(?:\s+[\w-]+)*\s*"?|[-*+]\s+|\d+\.\s+|#+\s+|>\s*)', "", line)
    line = line.replace("**", "").replace("\\", "").replace("|", " ")
    return line


def markdown_lines(slug: str) -> tuple[list[Text], list[Text]]:
    """The page's body lines, and its front matter (the description reaches previews, llms.txt and cards)."""
    path = ROOT / "docs" / "zh" / f"{slug}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    head = next((n for n, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0) if lines[:1] == ["---"] else -1
    front = [Text(f"docs/zh/{slug}.md:{n}", line.split(":", 1)[1].strip().strip('"'))
             for n, line in enumerate(lines[1:head], 2) if re.match(r"(description|title):", line)]
    out, fence = [], None
    for number, line in enumerate(lines[head + 1:], head + 2):
        if m := re.match(r"\s*(`{3,}|~{3,})", line):
            fence = None if fence and line.strip().startswith(fence) else (fence or m[1])
            continue
        if not fence:
            out.append(Text(f"docs/zh/{slug}.md:{number}", plain_markdown(line)))
    return out, front


def yaml_strings(path: Path) -> list[Text]:
    """Every Chinese string of a YAML file (values under a `zh` key), at the line that holds it;
    the glossary's ruled-out variants (`avoid`) are not text."""
    raw = path.read_text(encoding="utf-8").splitlines()
    out = []

    def walk(node, zh: bool) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else ""
                if name != "avoid":
                    walk(value, (zh or name == "zh") and name != "en")
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, zh)
        elif isinstance(node, yaml.ScalarNode) and zh and isinstance(node.value, str):
            first, last = node.start_mark.line, node.end_mark.line
            if first == last or node.style not in (">", "|"):
                out.append(Text(f"{rel(path)}:{first + 1}", plain_markdown(" ".join(node.value.split()))))
            else:  # a folded block: one Text per source line, so a hit names its own line
                end = last if node.end_mark.column == 0 else last + 1  # a block ends where the next key starts
                for n in range(first + 1, end):
                    if n < len(raw) and raw[n].strip():
                        out.append(Text(f"{rel(path)}:{n + 1}", plain_markdown(raw[n].strip())))
    walk(yaml.compose(path.read_text(encoding="utf-8")), False)
    return out


def csv_strings(path: Path) -> list[Text]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [Text(f"{rel(path)}:{n}", value) for n, row in enumerate(rows, 2)
            for key, value in row.items() if key and CSV_ZH.match(key) and value]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def data_strings() -> list[Text]:
    out = []
    for path in sorted(DATA.glob("*.yml")) + sorted(DATA.glob("quotes/*.yml")):
        out += yaml_strings(path)
    for path in sorted(DATA.glob("*.csv")):
        out += csv_strings(path)
    return out


def join_lines(a: str, b: str) -> str:
    """Two wrapped lines of a figure: no space between Chinese, one between Latin words."""
    return a + ("" if re.search(f"[{HAN}{CJK_PUNCT}]$", a) and re.match(f"[{HAN}{CJK_PUNCT}]", b) else " ") + b


def segments(node) -> list[str]:
    """The text of an element, cut at block boundaries; alt text and tooltips are segments of their own."""
    out, extra = [""], []

    def walk(n) -> None:
        for child in n.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                out[-1] += str(child)
            elif child.name in SKIP:
                out[-1] += CODE
            elif (child.get("lang") or "").startswith("en") or set(NOT_TEXT) & set(child.get("class") or []):
                continue
            else:
                if child.name == "img" and child.get("alt"):
                    extra.append(child["alt"])
                if child.name == "abbr" and child.get("title"):
                    extra.append(child["title"])
                block = child.name in BLOCKS
                if block:
                    out.append("")
                walk(child)
                if block:
                    out.append("")
    walk(node)
    return [t for t in (" ".join(s.split()) for s in out + extra) if t]


def figure_lines(svg: Path) -> list[list[str]]:
    """The text blocks of a figure: consecutive <text> lines at the same x and size, one line height apart."""
    soup = BeautifulSoup(svg.read_text(encoding="utf-8"), "html.parser")
    blocks, last = [], None
    for t in soup.find_all("text"):
        key = (t.get("x"), t.get("font-size"), t.get("class"))
        y, size = float(t.get("y", 0)), float(t.get("font-size", 12))
        if last and key == last[0] and 0 < y - last[1] <= 1.6 * size:
            blocks[-1].append(t.get_text())
        else:
            blocks.append([t.get_text()])
        last = key, y
    return blocks


@dataclass
class Reader:
    """The Chinese texts a reader gets, each with where it was written."""
    site: Path
    built: list[tuple[str, str]] = field(default_factory=list)         # (built page or figure, text)
    lines: list[list[str]] = field(default_factory=list)               # figure text blocks, line by line
    data: list[Text] = field(default_factory=list)
    sources: dict[str, list[Text]] = field(default_factory=dict)       # page -> its Markdown lines + data

    @classmethod
    def load(cls, site: Path) -> "Reader":
        reader = cls(site, data=data_strings())
        fronts = []
        for slug in SLUGS:
            html = (site / page_path("zh", slug) / "index.html").read_text(encoding="utf-8")
            article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
            name = f"site/{page_path('zh', slug)}".rstrip("/") + "/"
            body, front = markdown_lines(slug)
            reader.sources[name] = body + reader.data
            fronts += front
            reader.built += [(name, text) for text in dict.fromkeys(segments(article))]
        for svg in sorted((site / "assets" / "figures").glob("*.zh.light.svg")):
            name = f"site/assets/figures/{svg.name}"
            reader.sources[name] = reader.data
            for block in figure_lines(svg):
                if not re.search(f"[{HAN}]", "".join(block)):
                    continue  # tick labels and numbers (1/10,000 on a log axis), not Chinese text
                joined = block[0]
                for line in block[1:]:
                    joined = join_lines(joined, line)
                reader.built.append((name, joined))
                reader.lines.append([name, *block])
        reader.data += fronts
        return reader

    def locate(self, page: str, text: str, start: int, end: int) -> str:
        """The source line that wrote text[start:end]: the one holding the widest context around it."""
        for width in (12, 8, 5, 3, 2):
            snippet = text[max(0, start - width):end + width].strip()
            for source in self.sources[page]:
                if snippet and snippet in source.text:
                    return source.where
        return page + " (built text)"


# --- the patterns of §4 -------------------------------------------------------------------------

@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    fix: str | Callable[[re.Match], str]
    review: str           # what the review counted (§4.1), for the failure message

    def advice(self, m: re.Match) -> str:
        return self.fix(m) if callable(self.fix) else self.fix


def thousands(m: re.Match) -> str:
    n = int(m[0].replace(",", ""))
    if n >= 10000 and n % 10000 == 0:
        return f"write {n // 10000} 万 (Chinese counts large numbers in 万), not {m[0]}"
    return f"write {n} (no thousands separator in Chinese), not {m[0]}"


NUMERAL = "[三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?"
MEASURE = "个月|个|档|类|项|道|种|条|次|位|步|段|组|层|轮|年|天|周|名|篇|份|张|句|家|节|栏|行|列"

RULES = [
    Rule("thousands-separator", re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])"), thousands,
         "千分撇 36 处：四位数不分节（5214、8000），整万用“万”（10 万条、1 万倍）"),
    Rule("times-sign", re.compile("×"),
         "write 倍 (1000 倍) or a fraction in words (千分之一), not “×”",
         "“×”表示倍数 10 处：中文写“倍”，或者写成分数"),
    Rule("reduction-by-times", re.compile(
        rf"少\s*[\d,.万千百十]+\s*(?:倍|×)|[\d,.万千百]+\s*(?:倍|×)\s*(?:更少|少)|最多少|(?<![\d/.])1\s*/\s*[\d,]{{3,}}"),
         "say the share in words, as the report means it: “at most 10,000× less” = 算力低至 GPT-4 的万分之一, "
         "“no more than 1/1,000th” = 算力不超过 GPT-4 的千分之一 (Chinese does not reduce by 倍, nor write 1/10,000)",
         "用“少 N 倍”表示减少 9 处 + 模板 1；“1/10,000”这类英文式分数"),
    Rule("half-width-brackets", re.compile(rf"\((?:[a-z]|[ivx]{{1,4}}|\d{{1,2}})\)|\([^()]*[{HAN}{CJK_PUNCT}][^()]*\)"),
         "use full-width brackets in Chinese: （a）, （说明）",
         "中文里的半角括号 4 处：(a)–(d) → （a）"),
    Rule("vs", re.compile(r"(?i)(?<![A-Za-z])vs\.?(?![A-Za-z])"),
         "write 对 (GPT-4 对 GPT-3.5), not “vs”",
         "中文句中用“vs” 3 处：统一成“对”"),
    Rule("spacing", re.compile(rf"[{HAN}][A-Za-z0-9]|[A-Za-z0-9%][{HAN}]"),
         "put one space between Chinese and Latin letters or digits (见 ARC, 第 5 页)",
         "中文与西文/数字之间缺空格 2 处"),
    Rule("half-width-punctuation", re.compile(
        rf"(?<=[{HAN}》）」”])[,.;:?!](?!\d)|[,;:?!](?=\s?[{HAN}《（「“])|(?<=[^\d\s.])\.(?=\s?[《（「“{HAN}])"),
         "use full-width punctuation in a Chinese sentence: ，。；：？！ (a literal token such as IMAGE: goes in “”)",
         "中文句内用半角逗号、句号等 1 行 2 处"),
    Rule("chinese-numerals-for-counts", re.compile(rf"(?<![一二三四五六七八九十百千万第几两数])(?:{NUMERAL})\s*(?={MEASURE})"),
         "counts take Arabic numerals: 6 个月, 7 项, 9 个类别, 5 道例题 (两 and 几 stay in Chinese)",
         "同一概念数字写法不一 6 组：计量、统计的数字一律用阿拉伯数字"),
    Rule("single-em-dash", re.compile(r"(?<=[^\s—])—(?=[^\s—*])"),  # an empty table cell "—" is fine
         "a single “—” is not Chinese punctuation: use ——, or 、 (“原回答、新回答”这一对)",
         "单个 em dash 1 处"),
    Rule("adjacent-brackets", re.compile(r"）\s*（"),
         "merge the two brackets into one, the parts separated by ；",
         "两个括号直接相连“）（” 2 处"),
    Rule("enumeration-comma-before-conjunction", re.compile("、\\s*(?:或者|或|以及|并且|并|及)"),  # 、与 is often a preposition
         "drop the 、 before 或 / 以及 / 并 (or use ，)",
         "顿号后接连词 3 处"),
    Rule("unit-symbols", re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?\s?(?:kg|mg|g|km|cm|mm|mL|ml)(?![A-Za-z])"),
         "write the unit in Chinese in running text: 79.84 克",
         "单位 3 处（建议）：正文写“克”"),
    Rule("iso-dates", re.compile(r"(?<![\d-])(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d-])"),
         "write dates as 2023 年 3 月 15 日, as everywhere else on the site",
         "日期格式 6 处（建议）：统一成“2023 年 3 月 15 日”"),
    Rule("title-marks", re.compile(r"(?<!《)GPT-4 Technical Report(?!》|\. arXiv)"),
         "a title in Chinese text takes 《》: 《GPT-4 Technical Report》",
         "书名号 3 处：中文语境里外文篇名也加《》"),
    Rule("space-around-full-width-punctuation", re.compile(rf"[A-Za-z0-9{HAN}]\s+[，。；：？！、）》」』”]|[（《「『“，。；：？！、]\s+(?=[A-Za-z0-9{HAN}])"),
         "no space before or after full-width punctuation",
         "全角标点前后的空格：检查无误，保持"),
    Rule("straight-quotes", re.compile(rf'"(?=[^"]*[{HAN}])[^"]*"|(?<=[{HAN}])"|"(?=[{HAN}])'),
         "use “” in Chinese text",
         "直引号：检查无误，保持"),
]


@dataclass(frozen=True)
class Hit:
    where: str
    found: str
    context: str
    advice: str

    def __str__(self) -> str:
        return f"{self.where}: “{self.found}” in “…{self.context}…”: {self.advice}"


def hits(reader: Reader, rule: Rule) -> list[Hit]:
    found: dict[tuple[str, str, str], Hit] = {}

    def add(where: str, text: str, m: re.Match) -> None:  # one hit per place, however often it is shown
        context = text[max(0, m.start() - 12):m.end() + 12].replace(CODE, "‹code›")
        found.setdefault((where, m[0], text[max(0, m.start() - 3):m.end() + 3]), Hit(where, m[0], context, rule.advice(m)))

    for page, text in reader.built:
        for m in rule.pattern.finditer(text):
            add(reader.locate(page, text, m.start(), m.end()), text, m)
    located = {(h.where, h.found) for h in found.values()}
    for source in reader.data:  # Chinese data strings that reach no page (cards, embed snippets, print)
        for m in rule.pattern.finditer(source.text):
            if (source.where, m[0]) not in located:
                add(source.where, source.text, m)
    return sorted(found.values(), key=lambda h: (h.where, h.context))


@pytest.fixture(scope="module")
def reader(built_site) -> Reader:
    return Reader.load(built_site)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_chinese_typography(reader, rule):
    problems = hits(reader, rule)
    assert not problems, (f"{len(problems)} × {rule.name} (zh review §4: {rule.review}):\n"
                          + "\n".join(map(str, problems)))


def test_figure_lines_do_not_split_a_name(reader):
    """A line break inside a figure never cuts a Latin name ("Moderation / API") or 分类器 (review §4.1)."""
    problems = []
    for name, *lines in reader.lines:
        for a, b in zip(lines, lines[1:]):
            if re.search(r"[A-Za-z0-9]$", a) and re.match(r"[A-Za-z0-9]", b) or any(
                    word in join_lines(a, b) and word not in a and word not in b for word in ("分类器",)):
                problems.append(f"{name}: “{a}” / “{b}”: reword the data text (figures.yml, the CSV) "
                                "so the line breaks between words")
    assert not problems, "\n".join(problems)


# --- the rules themselves ------------------------------------------------------------------------

RULE = {r.name: r for r in RULES}


@pytest.mark.parametrize("name, bad, good", [
    ("thousands-separator", "共 5,214 条提示", "共 5214 条提示"),
    ("times-sign", "少 1,000×", "1000 倍"),
    ("reduction-by-times", "算力最多少 10,000 倍", "算力低至 GPT-4 的万分之一"),
    ("reduction-by-times", "至多为 GPT-4 的 1/10,000", "第 2–4 页"),
    ("half-width-brackets", "(a) 以得体的方式拒绝", "（a）以得体的方式拒绝；AP Biology (MCQ)"),
    ("vs", "GPT-4 vs GPT-3.5", "GPT-4 对 GPT-3.5"),
    ("spacing", "见ARC 自主复制评估", "见 ARC 自主复制评估，第 5 页"),
    ("half-width-punctuation", "技术报告导读.《页面》", "§4.1 与第 2.5 节，openai.com/research"),
    ("chinese-numerals-for-counts", "推迟六个月", "推迟 6 个月，第三方，两个版本，十分准确"),
    ("single-em-dash", "原回答—新回答", "他说——这是破折号"),
    ("adjacent-brackets", "（说真的）（附录 G）", "（说真的；附录 G）"),
    ("enumeration-comma-before-conjunction", "表现较差、以及", "表现较差，以及"),
    ("unit-symbols", "79.84 g", "79.84 克，GPT-4"),
    ("iso-dates", "2023-03-15", "2023 年 3 月 15 日，YYYY-MM-DD"),
    ("title-marks", "来源：GPT-4 Technical Report，", "OpenAI《GPT-4 Technical Report》；OpenAI. GPT-4 Technical Report. arXiv"),
    ("space-around-full-width-punctuation", "报告 ，第 5 页", "报告，第 5 页"),
    ("straight-quotes", '所谓"上万"', "所谓“上万”"),
])
def test_each_rule_catches_its_pattern_and_spares_the_fix(name, bad, good):
    assert RULE[name].pattern.search(bad), f"{name} misses {bad!r}"
    assert not RULE[name].pattern.search(good), f"{name} flags {good!r}"


def test_a_hit_names_the_markdown_line_that_wrote_it(tmp_path):
    reader = Reader(tmp_path, built=[("site/training/", "所以“用 1,000× 更少的算力预测了 HumanEval”没错")])
    reader.sources["site/training/"] = [Text("docs/zh/training.md:55", "所以“用 1,000× 更少的算力预测了 HumanEval”没错")]
    (hit,) = hits(reader, RULE["times-sign"])
    assert hit.where == "docs/zh/training.md:55" and "倍" in hit.advice
