"""Data tables and figures on pages: overrides/hooks/markers.py (+ data_table.html, figure.html)
and the data layer it reads docs/data through (scripts/guide_data.py)."""

from __future__ import annotations

import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

import markers as hook
from guide_data import Words, numbers, parse_percentile, percentile_bounds
from guide_data import read_csv as rows
from guide_site import LANGS, SLUGS, page_path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA = DOCS / "data"
FIG_DIR = DOCS / "assets" / "figures"
TABLE_NAMES = ["exams", "benchmarks", "multilingual-mmlu", "rlhf-vs-base", "exam-contamination",
               "benchmark-contamination", "vision-benchmarks", "safety-metrics", "model-metrics"]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


# --- the hook -----------------------------------------------------------------

def fake_page(tmp_path: Path, src_uri: str, url: str, text: str = "") -> SimpleNamespace:
    source = tmp_path / src_uri
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    lang = src_uri.split("/")[0]
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=lang, abs_src_path=str(source)), url=url,
                           canonical_url="https://guide.example/" + url)


def render(tmp_path, markdown: str, src_uri="zh/capabilities.md", url="capabilities/") -> str:
    page = fake_page(tmp_path, src_uri, url, markdown)
    return hook.on_page_markdown(markdown, page, {"docs_dir": str(DOCS), "site_name": "Guide"}, None)


def test_a_figure_without_a_csv_names_the_page_line_and_what_to_write(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "data", docs / "data")
    figures = (docs / "data" / "figures.yml").read_text(encoding="utf-8")
    (docs / "data" / "figures.yml").write_text(figures.replace("  csv: scaling.csv\n", ""), encoding="utf-8")
    page = fake_page(tmp_path, "en/capabilities.md", "en/capabilities/", "# Title\n\n<!-- figure: scaling -->\n")
    with pytest.raises(PluginError, match=r"docs/en/capabilities\.md:3: figure 'scaling' has no CSV to download: "
                                          r"add `csv: FILE\.csv` to it in docs/data/figures\.yml"):
        hook.on_page_markdown("<!-- figure: scaling -->", page, {"docs_dir": str(docs), "site_name": "Guide"}, None)


def test_a_missing_word_names_words_yml_and_the_key(tmp_path):
    """A word the code asks for and docs/data/words.yml lacks stops the build with the page, file and key."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS / "data", docs / "data")
    words = (docs / "data" / "words.yml").read_text(encoding="utf-8")
    (docs / "data" / "words.yml").write_text(re.sub(r"(?m)^permalink: .*\n", "", words), encoding="utf-8")
    page = fake_page(tmp_path, "en/capabilities.md", "en/capabilities/", "# Title\n\n<!-- table: exams -->\n")
    with pytest.raises(PluginError, match=r"docs/en/capabilities\.md:3: docs/data/words\.yml: no 'en' word for 'permalink'"):
        hook.on_page_markdown("<!-- table: exams -->", page, {"docs_dir": str(docs), "site_name": "Guide"}, None)
    with pytest.raises(PluginError, match=r"docs/data/words\.yml: no 'zh' word for 'sep'; add `sep: \{zh: …, en: …\}`"):
        Words({"sep": {"en": "; "}}, {})("sep", "zh")


def test_exams_table_in_chinese_has_all_34_exams_with_translated_percentiles(tmp_path):
    out = render(tmp_path, "<!-- table: exams -->")
    lines = [line for line in out.splitlines() if line.startswith("|")]
    assert len(lines) == 2 + 34
    assert lines[0] == "| 考试 | GPT-4 | GPT-4（无视觉） | GPT-3.5 |"
    assert ("| 美国统一律师资格考试（UBE：MBE+MEE+MPT） | 298 / 400（约第 90 百分位） | 298 / 400（约第 90 百分位） "
            "| 213 / 400（约第 10 百分位） |") in lines
    assert "| AP 生物 | 5（第 85–100 百分位） | 5（第 85–100 百分位） | 4（第 62–85 百分位） |" in lines
    assert "| Codeforces 评分 | 392（低于第 5 百分位） | 392（低于第 5 百分位） | 260（低于第 5 百分位） |" in lines
    assert "| 医学知识自我评估项目（MKSAP） | 75% | 75% | 53% |" in lines
    assert "来源：[§4，表 1，第 5 页][data-table1-exams]；" in out  # a report source cites its quote (evidence.py)


def test_exams_table_in_english_keeps_the_report_wording(tmp_path):
    out = render(tmp_path, "<!-- table: exams -->", "en/capabilities.md", "en/capabilities/")
    assert "| Exam | GPT-4 | GPT-4 (no vision) | GPT-3.5 |" in out
    assert "| LSAT | 163 (~88th) | 161 (~83rd) | 149 (~40th) |" in out
    assert "| AP Calculus BC | 4 (43rd–59th) | 4 (43rd–59th) | 1 (0th–7th) |" in out
    assert "Source: [§4, Table 1, p. 5][data-table1-exams]; " in out


def test_benchmarks_table_shows_few_shot_settings_and_sota_methods(tmp_path):
    en = render(tmp_path, "<!-- table: benchmarks -->", "en/capabilities.md", "en/capabilities/")
    assert "| MMLU | Multiple-choice questions in 57 subjects (professional & academic) | 86.4% (5-shot) | 70.0% (5-shot) | 70.7% (5-shot U-PaLM) | 75.2% (5-shot Flan-PaLM) |" in en
    assert "92.0%\\* (5-shot, chain-of-thought)" in en  # the footnote star is escaped, not emphasis
    assert "[49]" not in en and "[3]" not in en
    zh = render(tmp_path, "<!-- table: benchmarks -->")
    assert "86.4%（5-shot）" in zh and "80.9（3-shot）" in zh and "88.4（QDGAT）" in zh


def test_multilingual_table_has_31_rows_with_3_shot_header(tmp_path):
    zh = render(tmp_path, "<!-- table: multilingual-mmlu -->")
    assert "| 语言或模型 | 准确率（3-shot） | 类别 |" in zh
    assert "| 中文（Mandarin） | 80.1% | GPT-4（翻译后的 MMLU） |" in zh
    assert "| 随机猜测 | 25.0% | 基线 |" in zh
    assert len([line for line in zh.splitlines() if line.startswith("|")]) == 2 + 31


@pytest.mark.parametrize("name,expected", [
    ("rlhf-vs-base", ["| AP Microeconomics (MCQ) | 90.0% | 76.7% |", "| Average | 73.7% | 74.0% |", "p. 28"]),
    ("exam-contamination", ["| LSAT | 39% | 161 (~83rd) | 167 (~95th) | 163 (~88th) | 169 (~97th) |", "p. 30"]),
    ("benchmark-contamination", ["| HumanEval | 67.0% | 48.1% | 25% | 65.58% | -2.12% |", "| HellaSwag | 95.3% | 85.5% | —\\* | — | — |", "p. 32"]),
    ("safety-metrics", ["| Responding to requests for disallowed content | 82% lower (relative) | GPT-3.5 | baseline | relative reduction |",
                        "| RealToxicityPrompts toxic generation rate | 0.73% | GPT-3.5 | 6.48% | absolute rate |",
                        "[Report §6, p. 13][data-p13-safety]; [System Card §3.1, p. 62][data-p62-safety]",
                        "[OpenAI product page (not the report)](https://openai.com/index/gpt-4/)"]),
    ("model-metrics", ["| Calibration error (ECE) of the base model (pre-trained) | 0.007 |",
                       "| Preferred for following user intent | 70.2% | GPT-3.5 (RLHF) | not reported | win rate |"]),
])
def test_english_tables_render_the_data_values(tmp_path, name, expected):
    out = render(tmp_path, f"<!-- table: {name} -->", "en/capabilities.md", "en/capabilities/")
    for text in expected:
        assert text in out


def test_vision_table_says_it_comes_from_the_launch_post_not_the_report(tmp_path):
    en = render(tmp_path, "<!-- table: vision-benchmarks -->", "en/visual-inputs.md", "en/visual-inputs/")
    source = next(line for line in en.splitlines() if line.startswith("Source:"))
    assert "launch post" in source and "not the report" in source and "https://openai.com/research/gpt-4" in source
    assert "arxiv.org" not in source
    assert "| VQAv2 | VQA score (test-dev) | 77.2% (0-shot) | 67.6% (Flamingo 32-shot) | 84.3% (PaLI-17B) |" in en
    zh = render(tmp_path, "<!-- table: vision-benchmarks -->", "zh/visual-inputs.md", "visual-inputs/")
    assert "发布博文" in zh and "非技术报告" in zh


def test_every_table_name_renders_in_both_languages_and_names_are_translated(tmp_path):
    tables = yaml.safe_load((DATA / "tables.yml").read_text(encoding="utf-8"))
    assert sorted(tables) == sorted(TABLE_NAMES)
    proper_nouns = {"HellaSwag", "WinoGrande", "HumanEval", "GSM-8K", "GPT-3.5", "VQAv2", "TextVQA", "ChartQA",
                    "DocVQA", "Infographic VQA", "TVQA", "LSMDC", "AMC 10", "AMC 12"}
    for name in TABLE_NAMES:
        zh = render(tmp_path, f"<!-- table: {name} -->")
        en = render(tmp_path, f"<!-- table: {name} -->", "en/capabilities.md", "en/capabilities/")
        assert CJK.search(next(line for line in zh.splitlines() if line.startswith("|"))), f"{name}: Chinese header missing"
        assert not CJK.search(en), f"{name}: Chinese text on the English page"
        for column in tables[name]["columns"]:
            if column.get("kind") != "name":
                continue
            for row in rows(tables[name]["csv"]):
                raw = re.sub(r"\s*\[\d+\]", "", row[column["field"]]).strip()
                if re.search("[A-Za-z]", raw) and Words.load().name(raw, "zh") == raw:
                    assert raw in proper_nouns, f"{name}: no Chinese name for {raw!r} (add it to labels.csv)"


def test_same_numbers_in_both_languages_for_every_table(tmp_path):
    tables = yaml.safe_load((DATA / "tables.yml").read_text(encoding="utf-8"))

    def table_numbers(text: str, name: str) -> list[float]:
        """Numbers in the value columns (names may legitimately differ: '57 subjects' / '57 个学科')."""
        values = [i for i, c in enumerate(tables[name]["columns"]) if c.get("kind") != "name"]
        out = []
        for line in [line for line in text.splitlines() if line.startswith("|")][2:]:  # after header and ---
            cells = line.strip("|").split(" | ")
            out += [n for i in values for n in numbers(re.sub(r"\]\([^)]*\)", "]", cells[i]))]
        return out
    for name in TABLE_NAMES:
        zh = render(tmp_path, f"<!-- table: {name} -->")
        en = render(tmp_path, f"<!-- table: {name} -->", "en/capabilities.md", "en/capabilities/")
        assert table_numbers(zh, name) == table_numbers(en, name), name
        assert table_numbers(en, name), name


@pytest.mark.parametrize("src_uri,url,prefix", [
    ("zh/index.md", "", ""),
    ("zh/capabilities.md", "capabilities/", "../"),
    ("en/index.md", "en/", "../"),
    ("en/capabilities.md", "en/capabilities/", "../../"),
])
def test_figure_marker_links_both_themes_relative_to_the_page_url(tmp_path, src_uri, url, prefix):
    lang = src_uri.split("/")[0]
    out = render(tmp_path, "Intro\n<!-- figure: exams -->\nMore", src_uri, url)
    root = ET.parse(FIG_DIR / f"exams.{lang}.light.svg").getroot()
    size = f'width="{root.get("width")}" height="{root.get("height")}"'
    assert f'<img src="{prefix}assets/figures/exams.{lang}.light.svg#only-light" ' in out
    assert f'<img src="{prefix}assets/figures/exams.{lang}.dark.svg#only-dark" ' in out
    assert out.count(size) == 2 and out.count('loading="lazy"') == 2
    # The path resolves, from the page's URL, to the one copy published at the site root.
    src = re.search(r'<img src="([^"#]+)', out)[1]
    assert posixpath.normpath(posixpath.join("/" + url, src)) == f"/assets/figures/exams.{lang}.light.svg"
    figures = yaml.safe_load((DATA / "figures.yml").read_text(encoding="utf-8"))
    assert figures["exams"]["alt"][lang].split()[0] in out
    assert "<figcaption>" in out and "https://arxiv.org/pdf/2303.08774v6#page=5" in out
    assert Words.load()("source", lang) in out


def test_unknown_name_stops_the_build_naming_the_file_and_line(tmp_path):
    text = "---\ntitle: x\n---\n\n# Page\n\n<!-- table: nope -->\n"
    page = fake_page(tmp_path, "zh/limitations.md", "limitations/", text)
    markdown = text.split("---\n", 2)[2]  # MkDocs strips the front matter before the hook sees the page
    with pytest.raises(PluginError, match=r"docs/zh/limitations\.md:7: unknown table 'nope'.*known tables: benchmark-contamination"):
        hook.on_page_markdown(markdown, page, {"docs_dir": str(DOCS), "site_name": "Guide"}, None)
    with pytest.raises(PluginError, match=r"unknown figure 'exam'"):
        render(tmp_path, "<!-- figure: exam -->")


def test_markers_in_code_blocks_are_left_alone_and_indented_markers_stay_indented(tmp_path):
    text = "```\n<!-- table: nope -->\n```\n\n??? note \"Data\"\n\n    <!-- table: rlhf-vs-base -->\n"
    out = render(tmp_path, text, "en/capabilities.md", "en/capabilities/")
    assert "```\n<!-- table: nope -->\n```" in out
    assert "\n    | Exam (multiple-choice part) | Base model | RLHF model |\n    | --- | --- | --- |\n" in out
    assert "\n    Source: [Appendix B, Table 8, p. 28]" in out


def test_site_build_turns_every_marker_into_html(built_site):
    """The real build: no marker is left, every figure src exists, every page with a marker shows it."""
    site = built_site
    assert "overrides/hooks/markers.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<!--\s*(table|figure):", html), page
        url_dir = "/" + page.parent.relative_to(site).as_posix() + "/"
        for src in re.findall(r'<img src="([^"#]*assets/figures/[^"#]+)', html):
            target = site / posixpath.normpath(posixpath.join(url_dir, src)).lstrip("/")
            assert target.is_file(), f"{page}: {src}"
    for lang in LANGS:
        for slug in SLUGS:
            source = (DOCS / lang / f"{slug}.md").read_text(encoding="utf-8")
            built = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
            assert built.count('<figure class="data-figure') == len(re.findall(r"^\s*<!--\s*figure:", source, re.M))
            assert built.count('<div class="data-table"') == len(re.findall(r"^\s*<!--\s*table:", source, re.M))


def test_figures_and_tables_have_the_same_ids_in_both_languages_and_a_permalink(built_site):
    for slug in SLUGS:
        found = {}
        for lang in LANGS:
            page = BeautifulSoup((built_site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8"), "html.parser")
            items = page.select("article figure[data-figure], article div.data-table[data-table]")
            for item in items:
                expected = f"fig-{item['data-figure']}" if item.name == "figure" else f"table-{item['data-table']}"
                assert item.get("id") == expected, f"{lang}/{slug}: {item.name} id {item.get('id')!r}"
                assert item.select_one(f'a.headerlink[href="#{expected}"]'), f"{lang}/{slug}: no permalink to #{expected}"
            ids = [tag["id"] for tag in page.select("article [id]")]
            assert len(ids) == len(set(ids)), f"{lang}/{slug}: duplicate ids"
            found[lang] = [item["id"] for item in items]
        assert len(set(map(tuple, found.values()))) == 1, f"{slug}: figure/table ids differ between languages: {found}"


def test_percentile_wording_is_parsed_once_for_tables_and_figures():
    assert parse_percentile("80th - 99th") == ("range", {"a_ord": "80th", "b_ord": "99th", "a": "80", "b": "99"})
    assert percentile_bounds("below 5th") == (0, "<5") and percentile_bounds("~90th") == (90, "~90")
    assert percentile_bounds("") is None and parse_percentile("298 / 400") is None
    words = Words.load()
    assert [words.percentile("43rd - 59th", lang) for lang in ("zh", "en")] == ["第 43–59 百分位", "43rd–59th"]
    with pytest.raises(ValueError, match="unknown percentile wording"):
        percentile_bounds("about 90th")


def test_safety_table_keeps_only_safety_rows_and_the_others_have_their_own(tmp_path):
    """`rows:` in tables.yml: calibration and user preference are not safety results (content review 44)."""
    safety = render(tmp_path, "<!-- table: safety-metrics -->", "en/safety.md", "en/safety/")
    other = render(tmp_path, "<!-- table: model-metrics -->", "en/safety.md", "en/safety/")
    rows = lambda out: [line for line in out.splitlines() if line.startswith("| ") and "---" not in line][1:]  # noqa: E731
    assert len(rows(safety)) == 8 and len(rows(other)) == 4
    assert "ECE" not in safety and "user intent" not in safety
    assert "ECE" in other and "user intent" in other and "RealToxicityPrompts" not in other


def test_a_chinese_table_note_follows_its_sources_without_a_space(tmp_path):
    zh = render(tmp_path, "<!-- table: rlhf-vs-base -->")
    assert "第 28 页][data-appendix-b-free-response]。只比较" in zh
