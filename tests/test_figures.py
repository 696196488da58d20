"""Figures (scripts/make_figures.py) and data tables (overrides/hooks/data_tables.py).

The SVGs in docs/assets/figures are committed; these tests prove they are what the script draws from
docs/data today, that they draw the numbers in the data files, and that the hook turns markers into
tables and figures in the page's language.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA = DOCS / "data"
FIG_DIR = DOCS / "assets" / "figures"
NS = {"svg": "http://www.w3.org/2000/svg"}
FIGURE_NAMES = ["exams", "benchmarks", "multilingual-mmlu", "safety-rates", "calibration", "scaling", "training-flow"]
TABLE_NAMES = ["exams", "benchmarks", "multilingual-mmlu", "rlhf-vs-base", "exam-contamination",
               "benchmark-contamination", "vision-benchmarks", "safety-metrics"]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


make_figures = load_module("make_figures", ROOT / "scripts" / "make_figures.py")
hook = load_module("data_tables", ROOT / "overrides" / "hooks" / "data_tables.py")


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def svg_texts(path: Path, cls: str | None = None) -> list[str]:
    root = ET.parse(path).getroot()
    return [t.text or "" for t in root.iter(f"{{{NS['svg']}}}text") if cls is None or t.get("class") == cls]


def drawn_values(name: str, lang: str = "en", theme: str = "light", cls: str = "value") -> list[float]:
    """Every number in the figure's labels of one class (data values by default), in drawing order."""
    return [n for text in svg_texts(FIG_DIR / f"{name}.{lang}.{theme}.svg", cls) for n in numbers(text)]


def all_svgs() -> list[Path]:
    return sorted(FIG_DIR.glob("*.svg"))


# --- the script -----------------------------------------------------------------

def test_committed_figures_are_what_the_script_draws_now(tmp_path):
    assert make_figures.main(["--out", str(tmp_path)]) == 0
    fresh = {p.name: p.read_bytes() for p in tmp_path.glob("*.svg")}
    committed = {p.name: p.read_bytes() for p in all_svgs()}
    assert sorted(fresh) == sorted(committed), "run: python scripts/make_figures.py"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"out of date, run python scripts/make_figures.py: {stale}"


def test_check_mode_reports_a_stale_figure(tmp_path, capsys):
    make_figures.main(["--out", str(tmp_path)])
    (tmp_path / "exams.zh.light.svg").write_text("<svg/>", encoding="utf-8")
    assert make_figures.main(["--out", str(tmp_path), "--check"]) == 1
    assert "exams.zh.light.svg: out of date" in capsys.readouterr().err


def test_rendering_twice_in_fresh_processes_gives_identical_bytes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_figures.py"), "--out", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.svg"))})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(FIGURE_NAMES) * 2 * 2


def test_every_figure_exists_in_both_languages_and_themes():
    expected = {f"{n}.{lang}.{theme}.svg" for n in FIGURE_NAMES for lang in ("zh", "en") for theme in ("light", "dark")}
    assert {p.name for p in all_svgs()} == expected


@pytest.mark.parametrize("path", all_svgs(), ids=lambda p: p.name)
def test_svg_is_small_sized_and_keeps_its_words_as_text(path):
    assert path.stat().st_size < 60 * 1024
    root = ET.parse(path).getroot()
    width, height = float(root.get("width")), float(root.get("height"))
    assert 300 <= width <= 800 and height > 100
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.get("font-family") == make_figures.FONT
    assert "PingFang SC" in root.get("font-family") and "Noto Sans CJK SC" in root.get("font-family")
    for size in (float(t.get("font-size")) for t in root.iter(f"{{{NS['svg']}}}text")):
        assert size >= 13  # >= 12 px when shown at 800 px wide
    text = " ".join(svg_texts(path))
    if ".zh." in path.name:
        assert CJK.search(text), "Chinese figure without Chinese labels"
    else:
        assert not CJK.search(text), f"English figure with Chinese text: {CJK.findall(text)[:5]}"
    assert not re.search(rb"\d{4}-\d{2}-\d{2}T|\d\d:\d\d:\d\d", path.read_bytes()), "timestamp in the SVG"


def contrast(a: str, b: str) -> float:
    def lum(h: str) -> float:
        def chan(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, bl = (int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(bl)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", make_figures.THEMES, ids=lambda t: t.name)
def test_palette_passes_wcag_contrast_against_the_page(theme):
    page = {"light": "#ffffff", "dark": "#1e2129"}[theme.name]
    assert theme.bg == page
    for colour in (theme.text, theme.muted, theme.gpt4):  # used for text
        assert contrast(colour, page) >= 4.5, colour
    for colour in (theme.gpt35, theme.sota, theme.base):  # bars, lines, patterns
        assert contrast(colour, page) >= 3.0, colour


# --- the numbers drawn are the numbers in the data ----------------------------------

def test_exam_figure_draws_table1_percentile_lower_bounds_and_skips_exams_without_one():
    drawn = svg_texts(FIG_DIR / "exams.en.light.svg", "value")
    with_percentile = [r for r in rows("exams.csv") if r["gpt4_percentile"] and r["gpt35_percentile"]]
    assert len(with_percentile) == 26 and len(drawn) == 52
    expected = sorted(n for r in with_percentile for col in ("gpt4_percentile", "gpt35_percentile")
                      for n in numbers(r[col]))
    assert sorted(n for t in drawn for n in numbers(t)) == expected
    labels = " ".join(svg_texts(FIG_DIR / "exams.en.light.svg"))
    assert "Uniform Bar Exam" in labels and "Leetcode" not in labels and "USNCO" not in labels
    # The bar for a range is drawn at its lower bound: AP Biology 5 -> 85th percentile.
    root = ET.parse(FIG_DIR / "exams.en.light.svg").getroot()
    texts = list(root.iter(f"{{{NS['svg']}}}text"))
    label = next(t for t in texts if t.text == "85–100")
    bars = [r for r in root.iter(f"{{{NS['svg']}}}rect") if r.get("y") and abs(float(r.get("y")) - (float(label.get("y")) - 11.5)) < 0.01]
    x0 = float(next(t for t in texts if t.text == "0" and t.get("class") == "tick").get("x"))
    x100 = float(next(t for t in texts if t.text == "100" and t.get("class") == "tick").get("x"))
    assert any(abs(float(b.get("width")) - (x100 - x0) * 0.85) < 0.11 for b in bars)


def test_benchmark_figure_draws_table2_values():
    expected = [number for r in rows("benchmarks.csv") for col in ("gpt4", "gpt35", "sota") for number in numbers(r[col])]
    assert drawn_values("benchmarks") == expected
    assert 86.4 in expected and 88.4 in expected


def test_multilingual_figure_draws_all_26_languages_and_4_baselines():
    data = rows("multilingual_mmlu.csv")
    assert len(data) == 31
    assert drawn_values("multilingual-mmlu") == [float(r["accuracy_pct"]) for r in data]
    assert drawn_values("multilingual-mmlu")[:5] == [25.0, 67.0, 69.3, 70.1, 85.5]
    assert "普通话（Mandarin）" in svg_texts(FIG_DIR / "multilingual-mmlu.zh.light.svg")
    assert any("70.1%" in t for t in svg_texts(FIG_DIR / "multilingual-mmlu.en.light.svg", "ref"))


def test_safety_figure_draws_the_relative_and_absolute_numbers_and_says_which_is_which():
    assert drawn_values("safety-rates") == [82, 29, 6.48, 0.73]
    texts = svg_texts(FIG_DIR / "safety-rates.en.light.svg")
    assert "Relative change" in texts and "Absolute rate" in texts
    zh = svg_texts(FIG_DIR / "safety-rates.zh.light.svg")
    assert "相对变化" in zh and "绝对比率" in zh and "降低 82%" in zh


def test_calibration_figure_draws_the_two_ece_values_and_marks_the_schematic():
    assert drawn_values("calibration") == [0.007, 0.074]
    assert "Schematic: not data from the report" in svg_texts(FIG_DIR / "calibration.en.light.svg")
    assert "示意图：非报告数据" in svg_texts(FIG_DIR / "calibration.zh.light.svg")


def test_scaling_figure_draws_the_two_compute_ratios_as_a_schematic():
    assert drawn_values("scaling") == [10000, 1000]
    assert [float(r["compute_ratio"]) for r in rows("scaling.csv")] == [10000, 1000]
    assert any("Schematic" in t for t in svg_texts(FIG_DIR / "scaling.en.light.svg"))


def test_training_flow_draws_seven_steps_with_their_source_pages():
    data = rows("training_flow.csv")
    path = FIG_DIR / "training-flow.en.light.svg"
    assert svg_texts(path, "step") == [str(i) for i in range(1, 8)]
    assert [numbers(t)[-1] for t in svg_texts(path, "page")] == [float(r["page"]) for r in data]
    texts = svg_texts(path)
    assert "Pre-training" in texts and "Deployment" in texts and "RL with PPO + RBRM rewards" in texts


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_zh_and_en_and_both_themes_draw_the_same_numbers(name):
    for cls in ("value", "step", "page", "tick"):
        en = drawn_values(name, "en", "light", cls)
        for lang, theme in (("zh", "light"), ("zh", "dark"), ("en", "dark")):
            assert drawn_values(name, lang, theme, cls) == en, (cls, lang, theme)
    assert drawn_values(name) or drawn_values(name, cls="step"), f"{name} draws no data values"


def test_every_figure_has_alt_text_caption_and_sources_in_both_languages():
    figures = yaml.safe_load((DATA / "figures.yml").read_text(encoding="utf-8"))
    assert list(figures) == FIGURE_NAMES
    for name, spec in figures.items():
        for key in ("title", "alt", "caption"):
            assert CJK.search(spec[key]["zh"]), f"{name}.{key}.zh is not Chinese"
            assert spec[key]["en"].strip() and not CJK.search(spec[key]["en"]), f"{name}.{key}.en"
        assert spec["sources"] and all(isinstance(s["page"], int) and 1 <= s["page"] <= 100 for s in spec["sources"])


# --- the hook -----------------------------------------------------------------

def fake_page(tmp_path: Path, src_uri: str, url: str, text: str = "") -> SimpleNamespace:
    source = tmp_path / src_uri
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    lang = src_uri.split("/")[0]
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=lang, abs_src_path=str(source)), url=url)


def render(tmp_path, markdown: str, src_uri="zh/capabilities.md", url="capabilities/") -> str:
    page = fake_page(tmp_path, src_uri, url, markdown)
    return hook.on_page_markdown(markdown, page, {"docs_dir": str(DOCS)}, None)


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
    assert "来源：[§4，表 1，第 5 页](https://arxiv.org/pdf/2303.08774v6#page=5)。" in out


def test_exams_table_in_english_keeps_the_report_wording(tmp_path):
    out = render(tmp_path, "<!-- table: exams -->", "en/capabilities.md", "en/capabilities/")
    assert "| Exam | GPT-4 | GPT-4 (no vision) | GPT-3.5 |" in out
    assert "| LSAT | 163 (~88th) | 161 (~83rd) | 149 (~40th) |" in out
    assert "| AP Calculus BC | 4 (43rd–59th) | 4 (43rd–59th) | 1 (0th–7th) |" in out
    assert "Source: [§4, Table 1, p. 5](https://arxiv.org/pdf/2303.08774v6#page=5)." in out


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
    assert "| 普通话（Mandarin） | 80.1% | GPT-4（翻译后的 MMLU） |" in zh
    assert "| 随机猜测 | 25.0% | 基准 |" in zh
    assert len([line for line in zh.splitlines() if line.startswith("|")]) == 2 + 31


@pytest.mark.parametrize("name,expected", [
    ("rlhf-vs-base", ["| AP Microeconomics (MCQ) | 90.0% | 76.7% |", "| Average | 73.7% | 74.0% |", "p. 28"]),
    ("exam-contamination", ["| LSAT | 39% | 161 (~83rd) | 167 (~95th) | 163 (~88th) | 169 (~97th) |", "p. 30"]),
    ("benchmark-contamination", ["| HumanEval | 67.0% | 48.1% | 25% | 65.58% | -2.12% |", "| HellaSwag | 95.3% | 85.5% | —\\* | — | — |", "p. 32"]),
    ("safety-metrics", ["| Responding to requests for disallowed content | 82% lower (relative) | GPT-3.5 | baseline | relative reduction |",
                        "| RealToxicityPrompts toxic generation rate | 0.73% | GPT-3.5 | 6.48% | absolute rate |",
                        "[Report §6, p. 13](https://arxiv.org/pdf/2303.08774v6#page=13)",
                        "[OpenAI product page (not the report)](https://openai.com/index/gpt-4/)"]),
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
    assert "发布文章" in zh and "非技术报告" in zh


def test_every_table_name_renders_in_both_languages_and_names_are_translated(tmp_path):
    tables = yaml.safe_load((DATA / "tables.yml").read_text(encoding="utf-8"))
    assert sorted(tables) == sorted(TABLE_NAMES)
    proper_nouns = {"HellaSwag", "WinoGrande", "HumanEval", "GSM-8K", "GPT-3.5", "VQAv2", "TextVQA", "ChartQA",
                    "DocVQA", "Infographic VQA", "TVQA", "LSMDC", "AMC 10", "AMC 12"}
    for name in TABLE_NAMES:
        zh = render(tmp_path, f"<!-- table: {name} -->")
        en = render(tmp_path, f"<!-- table: {name} -->", "en/capabilities.md", "en/capabilities/")
        assert CJK.search(zh.splitlines()[1]), f"{name}: Chinese header missing"
        assert not CJK.search(en), f"{name}: Chinese text on the English page"
        for column in tables[name]["columns"]:
            if column.get("kind") != "name":
                continue
            for row in rows(tables[name]["csv"]):
                raw = re.sub(r"\s*\[\d+\]", "", row[column["field"]]).strip()
                if re.search("[A-Za-z]", raw) and hook.translate(raw, "zh", load_labels()) == raw:
                    assert raw in proper_nouns, f"{name}: no Chinese name for {raw!r} (add it to labels.csv)"


def load_labels() -> dict:
    return {row["source"]: row for row in rows("labels.csv")}


def test_same_numbers_in_both_languages_for_every_table(tmp_path):
    tables = yaml.safe_load((DATA / "tables.yml").read_text(encoding="utf-8"))

    def table_numbers(text: str, name: str) -> list[float]:
        """Numbers in the value columns (names may legitimately differ: '57 subjects' / '57 个学科')."""
        values = [i for i, c in enumerate(tables[name]["columns"]) if c.get("kind") != "name"]
        out = []
        for line in text.splitlines()[3:]:
            if line.startswith("|"):
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
    assert ("来源：" if lang == "zh" else "Source: ") in out


def test_unknown_name_stops_the_build_naming_the_file_and_line(tmp_path):
    text = "---\ntitle: x\n---\n\n# Page\n\n<!-- table: nope -->\n"
    page = fake_page(tmp_path, "zh/limitations.md", "limitations/", text)
    markdown = text.split("---\n", 2)[2]  # MkDocs strips the front matter before the hook sees the page
    with pytest.raises(PluginError, match=r"docs/zh/limitations\.md:7: unknown table 'nope'.*known tables: benchmark-contamination"):
        hook.on_page_markdown(markdown, page, {"docs_dir": str(DOCS)}, None)
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
    assert "overrides/hooks/data_tables.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<!--\s*(table|figure):", html), page
        url_dir = "/" + page.parent.relative_to(site).as_posix() + "/"
        for src in re.findall(r'<img src="([^"#]*assets/figures/[^"#]+)', html):
            target = site / posixpath.normpath(posixpath.join(url_dir, src)).lstrip("/")
            assert target.is_file(), f"{page}: {src}"
    for source in sorted((ROOT / "docs").glob("[a-z][a-z]/*.md")):
        lang, slug = source.parent.name, source.stem
        markers = len(re.findall(r"^\s*<!--\s*figure:", source.read_text(encoding="utf-8"), re.M))
        built = site / ("" if lang == "zh" else lang) / ("" if slug == "index" else slug) / "index.html"
        assert built.read_text(encoding="utf-8").count('<figure class="data-figure') == markers, source
