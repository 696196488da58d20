"""Figures: scripts/make_figures.py, run by `dev.py generate` (scripts/generators.py).

The SVGs in docs/assets/figures are committed; these tests prove they are what the script draws from
docs/data today and that they draw the numbers in the data files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

import generators
import make_figures
import svg_canvas
from guide_data import numbers, read_yaml
from guide_data import read_csv as rows

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA = DOCS / "data"
FIG_DIR = DOCS / "assets" / "figures"
NS = {"svg": "http://www.w3.org/2000/svg"}
FIGURE_NAMES = list(read_yaml("figures.yml"))  # every figure docs/data/figures.yml describes
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def svg_texts(path: Path, cls: str | None = None) -> list[str]:
    root = ET.parse(path).getroot()
    return [t.text or "" for t in root.iter(f"{{{NS['svg']}}}text") if cls is None or t.get("class") == cls]


def drawn_values(name: str, lang: str = "en", theme: str = "light", cls: str = "value") -> list[float]:
    """Every number in the figure's labels of one class (data values by default), in drawing order; a Chinese
    share in words is its ratio (算力低至 GPT-4 的万分之一 = 10,000× less: Chinese does not reduce by 倍)."""
    texts = svg_texts(FIG_DIR / f"{name}.{lang}.{theme}.svg", cls)
    texts = [t.replace("GPT-4", "").replace("万分之一", "10000").replace("千分之一", "1000") for t in texts]
    return [n for text in texts for n in numbers(text)]


def all_svgs() -> list[Path]:
    return sorted(FIG_DIR.glob("*.svg"))


# --- the script -----------------------------------------------------------------

def test_every_generated_file_is_up_to_date(capsys):
    """`dev.py generate --check`: figures and cards are what their generators make from today's data."""
    assert generators.main(["--check"]) == 0, capsys.readouterr().err


def test_check_mode_names_a_stale_figure_and_a_stray_one(tmp_path, capsys, monkeypatch):
    make_figures.generate(tmp_path)
    assert make_figures.generate(tmp_path, check=True) == []
    (tmp_path / "exams.zh.light.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "old.en.light.svg").write_text("<svg/>", encoding="utf-8")
    assert make_figures.generate(tmp_path, check=True) == ["exams.zh.light.svg", "old.en.light.svg"]
    monkeypatch.setattr(make_figures, "OUT", tmp_path)
    assert generators.main(["--check"]) == 1
    assert "exams.zh.light.svg: out of date" in capsys.readouterr().err
    assert make_figures.generate(tmp_path) == ["exams.zh.light.svg", "old.en.light.svg"]  # redrawn, deleted
    assert make_figures.generate(tmp_path, check=True) == [] and not (tmp_path / "old.en.light.svg").exists()


def test_rendering_twice_in_fresh_processes_gives_identical_bytes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "scripts")}
        code = f"import make_figures, pathlib; make_figures.generate(pathlib.Path({str(out)!r}))"
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
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
    assert root.get("font-family") == svg_canvas.FONT
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


@pytest.mark.parametrize("theme", svg_canvas.THEMES, ids=lambda t: t.name)
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
    assert "中文（Mandarin）" in svg_texts(FIG_DIR / "multilingual-mmlu.zh.light.svg")
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
    assert set(figures) == set(make_figures.FIGURES), "each figure in figures.yml needs its drawing in make_figures.py"
    for name, spec in figures.items():
        for key in ("title", "alt", "caption"):
            assert CJK.search(spec[key]["zh"]), f"{name}.{key}.zh is not Chinese"
            assert spec[key]["en"].strip() and not CJK.search(spec[key]["en"]), f"{name}.{key}.en"
        assert spec["sources"] and all(isinstance(s["page"], int) and 1 <= s["page"] <= 100 for s in spec["sources"])
