"""Draw the site's figures as SVG from the data in docs/data.

    python scripts/make_figures.py            # write docs/assets/figures/*.svg
    python scripts/make_figures.py --out DIR  # write somewhere else
    python scripts/make_figures.py --check    # exit 1 if the committed SVGs are out of date

Every figure is drawn once per language (zh, en) and theme (light, dark):
docs/assets/figures/<name>.<lang>.<theme>.svg. Numbers come from the CSV files, words from
docs/data/figures.yml and docs/data/labels.csv. Output is deterministic: the same data gives
byte-identical files (no timestamps, no random ids, fixed number formatting).

Conventions the tests rely on: every number taken from the data is drawn in a <text> with
class="value"; axis ticks have class="tick"; step numbers class="step"; source pages class="page".
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "docs" / "data"
OUT = ROOT / "docs" / "assets" / "figures"
LANGS = ("zh", "en")
FONT = (
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', "
    "'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', "
    "'WenQuanYi Micro Hei', Roboto, 'Helvetica Neue', Arial, sans-serif"
)


@dataclass(frozen=True)
class Theme:
    """Colours checked against the page background: text >= 4.5:1, marks >= 3:1 (WCAG 2.1)."""

    name: str
    bg: str
    text: str
    muted: str
    grid: str
    gpt4: str
    gpt35: str
    sota: str
    base: str


THEMES = (
    Theme("light", bg="#ffffff", text="#1f2328", muted="#57606a", grid="#d0d7de",
          gpt4="#3949ab", gpt35="#c2410c", sota="#0f766e", base="#6b7280"),
    Theme("dark", bg="#1e2129", text="#e6edf3", muted="#aab1bb", grid="#3d4350",
          gpt4="#8c9eff", gpt35="#fb923c", sota="#2dd4bf", base="#9ca3af"),
)


# --- data ---------------------------------------------------------------------

@dataclass(frozen=True)
class Data:
    figures: dict
    labels: dict[str, dict[str, str]]
    exams: list[dict[str, str]]
    benchmarks: list[dict[str, str]]
    mmlu: list[dict[str, str]]
    safety: list[dict[str, str]]
    scaling: list[dict[str, str]]
    flow: list[dict[str, str]]


def read_csv(name: str, data_dir: Path) -> list[dict[str, str]]:
    with open(data_dir / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load(data_dir: Path = DATA) -> Data:
    with open(data_dir / "figures.yml", encoding="utf-8") as f:
        figures = yaml.safe_load(f)
    return Data(
        figures=figures,
        labels={row["source"]: row for row in read_csv("labels.csv", data_dir)},
        exams=read_csv("exams.csv", data_dir),
        benchmarks=read_csv("benchmarks.csv", data_dir),
        mmlu=read_csv("multilingual_mmlu.csv", data_dir),
        safety=read_csv("safety_and_factuality_metrics.csv", data_dir),
        scaling=read_csv("scaling.csv", data_dir),
        flow=read_csv("training_flow.csv", data_dir),
    )


def strip_refs(text: str) -> str:
    """'MMLU [49]' -> 'MMLU' (the report's bibliography numbers mean nothing here)."""
    return re.sub(r"\s*\[\d+\]", "", text).strip()


def short_label(data: Data, source: str, lang: str) -> str:
    row = data.labels.get(strip_refs(source))
    if row is None:
        raise KeyError(f"no entry for {source!r} in labels.csv")
    return row[f"{lang}_short"] or row[lang]


def percentile_bounds(text: str) -> tuple[int, str] | None:
    """Table 1 wording -> (lower bound drawn, label). None when there is no percentile."""
    text = text.strip()
    if not text:
        return None
    if m := re.fullmatch(r"~(\d+)(?:st|nd|rd|th)", text):
        return int(m[1]), f"~{m[1]}"
    if m := re.fullmatch(r"(\d+)(?:st|nd|rd|th) - (\d+)(?:st|nd|rd|th)", text):
        return int(m[1]), f"{m[1]}–{m[2]}"
    if m := re.fullmatch(r"below (\d+)(?:st|nd|rd|th)", text):
        return 0, f"<{m[1]}"
    raise ValueError(f"unknown percentile wording {text!r}")


def number(text: str) -> float:
    m = re.search(r"\d+(?:\.\d+)?", text.replace(",", ""))
    if m is None:
        raise ValueError(f"no number in {text!r}")
    return float(m[0])


# --- SVG building -------------------------------------------------------------

def fmt(v: float) -> str:
    """Fixed formatting for coordinates: at most one decimal, no '-0'."""
    s = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text_width(s: str, size: float) -> float:
    """Rough width of a string in the site's fonts (CJK is 1 em; Latin ~0.55 em)."""
    w = 0.0
    for ch in s:
        if ord(ch) >= 0x2E80:
            w += 1.0
        elif ch.isupper() or ch in "%–—~×":
            w += 0.68
        elif ch.isdigit():
            w += 0.58
        elif ch in " .,:;'|!()[]/":
            w += 0.32
        else:
            w += 0.54
    return w * size


def wrap(s: str, max_width: float, size: float) -> list[str]:
    """Greedy line wrap: Latin words stay whole, CJK may break between characters."""
    tokens = re.findall(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+", s)
    lines, line = [], ""
    for tok in tokens:
        trial = line + tok
        closing = tok in "，。、；：）》”"
        if line and not closing and text_width(trial.rstrip(), size) > max_width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line = trial
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Svg:
    def __init__(self, width: float, theme: Theme):
        self.width = width
        self.theme = theme
        self.parts: list[str] = []

    def add(self, s: str) -> None:
        self.parts.append(s)

    def text(self, x, y, s, *, size=14, fill=None, anchor="start", weight=None, cls=None,
             halo=False, rotate=None) -> None:
        attrs = [f'x="{fmt(x)}"', f'y="{fmt(y)}"', f'font-size="{fmt(size)}"',
                 f'fill="{fill or self.theme.text}"']
        if anchor != "start":
            attrs.append(f'text-anchor="{anchor}"')
        if weight:
            attrs.append(f'font-weight="{weight}"')
        if cls:
            attrs.append(f'class="{cls}"')
        if halo:  # a background-coloured outline keeps labels readable over grid lines
            attrs.append(f'stroke="{self.theme.bg}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"')
        if rotate is not None:
            attrs.append(f'transform="rotate({fmt(rotate)} {fmt(x)} {fmt(y)})"')
        self.add(f"<text {' '.join(attrs)}>{escape(s)}</text>")

    def rect(self, x, y, w, h, *, fill, stroke=None, sw=1.5, rx=0, dash=None) -> None:
        attrs = [f'x="{fmt(x)}"', f'y="{fmt(y)}"', f'width="{fmt(w)}"', f'height="{fmt(h)}"', f'fill="{fill}"']
        if rx:
            attrs.append(f'rx="{fmt(rx)}"')
        if stroke:
            attrs.append(f'stroke="{stroke}" stroke-width="{fmt(sw)}"')
        if dash:
            attrs.append(f'stroke-dasharray="{dash}"')
        self.add(f"<rect {' '.join(attrs)}/>")

    def line(self, x1, y1, x2, y2, *, stroke, sw=1, dash=None) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
                 f'stroke="{stroke}" stroke-width="{fmt(sw)}"{extra}/>')

    def path(self, d: str, *, stroke="none", fill="none", sw=1.5, dash=None) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{fmt(sw)}"{extra}/>')

    def arrow_head(self, x, y, direction: str, colour: str, size=7) -> None:
        dx, dy = {"down": (0, 1), "up": (0, -1), "right": (1, 0), "left": (-1, 0)}[direction]
        px, py = -dy, dx  # perpendicular
        pts = [(x, y), (x - dx * size + px * size * 0.6, y - dy * size + py * size * 0.6),
               (x - dx * size - px * size * 0.6, y - dy * size - py * size * 0.6)]
        self.path("M" + " L".join(f"{fmt(a)} {fmt(b)}" for a, b in pts) + " Z", fill=colour)

    def render(self, height: float, title: str, lang: str) -> str:
        t = self.theme
        defs = (
            "<defs>"
            f'<pattern id="hatch-gpt35" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{t.bg}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{t.gpt35}" stroke-width="3"/></pattern>'
            f'<pattern id="hatch-gpt4" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{t.bg}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{t.gpt4}" stroke-width="3"/></pattern>'
            f'<pattern id="hatch-base" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">'
            f'<rect width="6" height="6" fill="{t.bg}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{t.base}" stroke-width="2.5"/></pattern>'
            f'<pattern id="dots-sota" width="5" height="5" patternUnits="userSpaceOnUse">'
            f'<rect width="5" height="5" fill="{t.bg}"/><circle cx="2.5" cy="2.5" r="1.6" fill="{t.sota}"/></pattern>'
            "</defs>"
        )
        w, h = fmt(self.width), fmt(height)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            f'role="img" aria-labelledby="title" xml:lang="{"zh-Hans" if lang == "zh" else "en"}" '
            f'font-family="{FONT}">'
        )
        body = [head, f'<title id="title">{escape(title)}</title>', defs,
                f'<rect width="{w}" height="{h}" fill="{t.bg}"/>', *self.parts, "</svg>"]
        return "\n".join(body) + "\n"


# Bar styles: (fill, stroke). Solid for GPT-4; patterns for the others, so colour is never the only cue.
def style(theme: Theme, series: str) -> tuple[str, str | None]:
    return {
        "gpt4": (theme.gpt4, None),
        "gpt4-hatch": ("url(#hatch-gpt4)", theme.gpt4),  # a second GPT-4 model (after post-training)
        "gpt35": ("url(#hatch-gpt35)", theme.gpt35),
        "sota": ("url(#dots-sota)", theme.sota),
        "base": ("url(#hatch-base)", theme.base),
    }[series]


def bar(svg: Svg, x, y, w, h, series: str) -> None:
    fill, stroke = style(svg.theme, series)
    svg.rect(x, y, max(w, 2), h, fill=fill, stroke=stroke, sw=1.5)


def legend(svg: Svg, x, y, items: list[tuple[str, str]]) -> float:
    """Draw swatch + label pairs on one line; return the x after the last item."""
    for series, label in items:
        bar(svg, x, y - 11, 18, 13, series)
        svg.text(x + 24, y, label, size=14)
        x += 24 + text_width(label, 14) + 22
    return x


def x_axis(svg: Svg, x0, plot_w, y_top, y_bottom, ticks, vmax, suffix="") -> None:
    for v in ticks:
        x = x0 + plot_w * v / vmax
        svg.line(x, y_top, x, y_bottom, stroke=svg.theme.grid, sw=1)
        svg.text(x, y_bottom + 18, f"{fmt(v)}{suffix}", size=13, fill=svg.theme.muted, anchor="middle", cls="tick")


# --- figures ------------------------------------------------------------------

def words(data: Data, fig: str, key: str, lang: str) -> str:
    return data.figures[fig]["text"][key][lang]


def fig_exams(data: Data, lang: str, theme: Theme) -> Svg | tuple:
    W = 680
    rows = []
    for i, r in enumerate(data.exams):
        g4, g35 = percentile_bounds(r["gpt4_percentile"]), percentile_bounds(r["gpt35_percentile"])
        if g4 is None or g35 is None:
            continue  # no percentile in Table 1: left out, and the caption says so
        rows.append((g35[0], g4[0], i, short_label(data, r["exam"], lang), g4, g35))
    rows.sort()
    svg = Svg(W, theme)
    label_w = max(text_width(r[3], 14) for r in rows) + 14
    x0, plot_w = label_w + 8, W - label_w - 8 - 70
    legend(svg, x0, 24, [("gpt4", words(data, "exams", "gpt4", lang)), ("gpt35", words(data, "exams", "gpt35", lang))])
    top, row_h = 44, 38
    bottom = top + row_h * len(rows)
    x_axis(svg, x0, plot_w, top - 4, bottom, [0, 25, 50, 75, 100], 100)
    for k, (_, _, _, name, g4, g35) in enumerate(rows):
        y = top + k * row_h + 5
        svg.text(label_w, y + 19, name, size=14, anchor="end")
        for j, (series, (lower, label)) in enumerate((("gpt4", g4), ("gpt35", g35))):
            by = y + j * 15
            bar(svg, x0, by, plot_w * lower / 100, 13, series)
            svg.text(x0 + max(plot_w * lower / 100, 2) + 6, by + 11.5, label, size=13, cls="value", halo=True)
    svg.text(x0 + plot_w / 2, bottom + 40, words(data, "exams", "axis", lang), size=14, anchor="middle", fill=theme.muted)
    return svg, bottom + 52


def benchmark_value(raw: str, benchmark: str) -> tuple[float, str]:
    """'92.0%*' -> (92.0, '92.0%*'); DROP is an F1 score, shown without a per cent sign."""
    value = number(raw)
    star = "*" if raw.strip().endswith("*") else ""
    unit = "" if benchmark.startswith("DROP") else "%"
    return value, f"{raw.replace('%', '').replace('*', '').strip()}{unit}{star}"


def fig_benchmarks(data: Data, lang: str, theme: Theme):
    W = 680
    svg = Svg(W, theme)
    names = [short_label(data, r["benchmark"], lang) for r in data.benchmarks]
    label_w = max(text_width(n, 14) for n in names) + 14
    x0, plot_w = label_w + 8, W - label_w - 8 - 76
    legend(svg, x0, 24, [("gpt4", words(data, "benchmarks", "gpt4", lang)),
                         ("gpt35", words(data, "benchmarks", "gpt35", lang)),
                         ("sota", words(data, "benchmarks", "sota", lang))])
    top, group_h = 44, 62
    bottom = top + group_h * len(data.benchmarks)
    x_axis(svg, x0, plot_w, top - 4, bottom, [0, 25, 50, 75, 100], 100)
    for k, (r, name) in enumerate(zip(data.benchmarks, names)):
        y = top + k * group_h + 6
        svg.text(label_w, y + 29, name, size=14, anchor="end")
        for j, (series, field) in enumerate((("gpt4", "gpt4"), ("gpt35", "gpt35"), ("sota", "sota"))):
            value, label = benchmark_value(r[field], r["benchmark"])
            by = y + j * 16
            bar(svg, x0, by, plot_w * value / 100, 13, series)
            svg.text(x0 + plot_w * value / 100 + 6, by + 11.5, label, size=13, cls="value", halo=True)
    svg.text(x0 + plot_w / 2, bottom + 40, words(data, "benchmarks", "axis", lang), size=14, anchor="middle", fill=theme.muted)
    return svg, bottom + 52


def fig_mmlu(data: Data, lang: str, theme: Theme):
    W = 680
    svg = Svg(W, theme)
    t = lambda key: words(data, "multilingual-mmlu", key, lang)  # noqa: E731
    names = [short_label(data, r["language_or_model"], lang) for r in data.mmlu]
    label_w = max(text_width(n, 14) for n in names) + 14
    x0, plot_w = label_w + 8, W - label_w - 8 - 64
    legend(svg, x0, 24, [("gpt4", t("gpt4")), ("base", t("baseline"))])
    row_h = 23
    english = [r for r in data.mmlu if r["series"] != "GPT-4" or r["language_or_model"] == "GPT-4 English"]
    languages = [r for r in data.mmlu if r not in english]
    y = 58
    groups = []
    for header, rows in ((t("group_english"), english), (t("group_languages"), languages)):
        svg.text(0, y + 12, header, size=14, weight="bold")
        y += 22
        groups.append((y, rows))
        y += row_h * len(rows) + 14
    bottom = y - 8
    x_axis(svg, x0, plot_w, 44, bottom, [0, 25, 50, 75, 100], 100)
    ref = next(number(r["accuracy_pct"]) for r in data.mmlu if r["language_or_model"] == "GPT-3.5-English")
    labels = []
    for gy, rows in groups:
        for k, r in enumerate(rows):
            ry = gy + k * row_h
            value = number(r["accuracy_pct"])
            series = "base" if r["series"].startswith("baseline") else "gpt4"
            svg.text(label_w, ry + 14, short_label(data, r["language_or_model"], lang), size=14, anchor="end")
            bar(svg, x0, ry + 2, plot_w * value / 100, 15, series)
            labels.append((x0 + plot_w * value / 100 + 6, ry + 14, f"{r['accuracy_pct']}%"))
    # Reference line over the 26 languages (GPT-3.5's English score), drawn over the bars with a
    # background-coloured underlay so it stays visible on them; value labels go on top of it.
    gy, rows = groups[1]
    rx = x0 + plot_w * ref / 100
    svg.line(rx, gy - 4, rx, gy + row_h * len(rows), stroke=theme.bg, sw=4)
    svg.line(rx, gy - 4, rx, gy + row_h * len(rows), stroke=theme.text, sw=1.5, dash="5 4")
    svg.text(rx, gy - 8, f"{t('refline')} {ref:.1f}%", size=13, anchor="middle", cls="ref", halo=True)
    for x, y, label in labels:
        svg.text(x, y, label, size=13, cls="value", halo=True)
    svg.text(x0 + plot_w / 2, bottom + 40, t("axis"), size=14, anchor="middle", fill=theme.muted)
    return svg, bottom + 52


def fig_safety(data: Data, lang: str, theme: Theme):
    W = 680
    svg = Svg(W, theme)
    t = lambda key: words(data, "safety-rates", key, lang)  # noqa: E731
    rows = {r["metric"]: r for r in data.safety}
    disallowed = number(rows["Responding to requests for disallowed content"]["gpt4_value"])
    sensitive = number(rows["Policy-compliant responses to sensitive requests (e.g. medical advice and self-harm)"]["gpt4_value"])
    rtp = rows["RealToxicityPrompts toxic generation rate"]
    label_w = max(text_width(t("gpt4"), 14), text_width(t("gpt35"), 14)) + 14
    x0 = label_w + 8
    plot_w = W - x0 - 170
    y = 8

    def badge(y, kind: str) -> float:
        label = t(kind)
        w = text_width(label, 13) + 16
        svg.rect(0.75, y, w, 22, fill="none", stroke=theme.text, sw=1.5, rx=11, dash="4 3" if kind == "relative" else None)
        svg.text(8.75, y + 15.5, label, size=13, weight="bold")
        return y + 30

    def pair(y, title, bars, vmax, ticks=None, suffix=""):
        svg.text(0, y + 14, title, size=14, weight="bold")
        y += 26
        if ticks:
            x_axis(svg, x0, plot_w, y - 4, y + 2 * 24 + 2, ticks, vmax, suffix)
        for k, (series, name, value, label, cls) in enumerate(bars):
            by = y + k * 24
            svg.text(label_w, by + 14, name, size=14, anchor="end")
            bar(svg, x0, by + 2, plot_w * value / vmax, 16, series)
            svg.text(x0 + plot_w * value / vmax + 6, by + 15, label, size=13, cls=cls, halo=True)
        return y + 2 * 24 + (34 if ticks else 14)

    paren = lambda s: f"（{s}）" if lang == "zh" else f" ({s})"  # noqa: E731
    y = badge(y, "relative")
    base = f"100 ({t('baseline')})" if lang == "en" else f"100（{t('baseline')}）"
    dec = f"{fmt(disallowed)}% {t('decrease')}" if lang == "en" else f"{t('decrease')} {fmt(disallowed)}%"
    inc = f"{fmt(sensitive)}% {t('increase')}" if lang == "en" else f"{t('increase')} {fmt(sensitive)}%"
    y = pair(y, f"{t('disallowed')}{paren(t('lower_better'))}", [("gpt35", t("gpt35"), 100, base, "index"),
                                  ("gpt4", t("gpt4"), 100 - disallowed, dec, "value")], 130)
    y = pair(y, f"{t('sensitive')}{paren(t('higher_better'))}", [("gpt35", t("gpt35"), 100, base, "index"),
                                 ("gpt4", t("gpt4"), 100 + sensitive, inc, "value")], 130)
    y += 10
    svg.line(0, y - 12, W, y - 12, stroke=theme.grid, sw=1)
    y = badge(y, "absolute")
    g4, g35 = number(rtp["gpt4_value"]), number(rtp["comparison_value"])
    y = pair(y, f"{t('toxic')}{paren(t('lower_better'))}",
             [("gpt35", t("gpt35"), g35, rtp["comparison_value"], "value"),
              ("gpt4", t("gpt4"), g4, rtp["gpt4_value"], "value")], 7, ticks=[0, 1, 2, 3, 4, 5, 6, 7], suffix="%")
    return svg, y - 4


def fig_calibration(data: Data, lang: str, theme: Theme):
    W = 760
    svg = Svg(W, theme)
    t = lambda key: words(data, "calibration", key, lang)  # noqa: E731
    rows = {r["metric"]: r for r in data.safety}
    pre = rows["Calibration ECE pre-trained"]["gpt4_value"]
    ppo = rows["Calibration ECE post-trained (PPO)"]["gpt4_value"]
    # Left panel: the two ECE values printed in Figure 8.
    left_w, lx = 330, 8
    y = 8
    for line in wrap(t("ece_title"), left_w, 15):
        svg.text(lx, y + 15, line, size=15, weight="bold")
        y += 21
    y += 14
    plot_w, vmax = left_w - 60, 0.08
    ticks = [0, 0.02, 0.04, 0.06, 0.08]
    bottom = y + 2 * 58 + 4
    for v in ticks:  # grid first, bars on top
        x = lx + plot_w * v / vmax
        svg.line(x, y + 18, x, bottom, stroke=theme.grid, sw=1)
        svg.text(x, bottom + 18, f"{v:g}", size=13, fill=theme.muted, anchor="middle", cls="tick")
    for k, (series, name, raw) in enumerate((("gpt4", t("pre"), pre), ("gpt4-hatch", t("ppo"), ppo))):
        by = y + k * 58
        svg.text(lx, by + 14, name, size=14)
        bar(svg, lx, by + 22, plot_w * float(raw) / vmax, 20, series)
        svg.text(lx + plot_w * float(raw) / vmax + 8, by + 37, raw, size=14, cls="value", weight="bold", halo=True)
    # Right panel: a schematic reliability diagram, clearly marked as not data.
    px = 400
    svg.rect(px - 14, 0.75, W - px + 13.25, 368, fill="none", stroke=theme.muted, sw=1.5, rx=8, dash="6 4")
    svg.text(px, 24, t("schematic"), size=14, weight="bold")
    svg.text(px, 44, t("diag_title"), size=13, fill=theme.muted)
    size = 250
    ox, oy = px + 46, 68  # plot origin (top-left)
    svg.rect(ox, oy, size, size, fill="none", stroke=theme.muted, sw=1)
    for v in (0, 0.5, 1):
        svg.text(ox + size * v, oy + size + 18, fmt(v), size=13, fill=theme.muted, anchor="middle", cls="tick")
        svg.text(ox - 8, oy + size - size * v + 4, fmt(v), size=13, fill=theme.muted, anchor="end", cls="tick")
    svg.text(ox + size / 2, oy + size + 40, t("x"), size=13, anchor="middle")
    svg.text(ox - 34, oy + size / 2, t("y"), size=13, anchor="middle", rotate=-90)
    svg.line(ox, oy + size, ox + size, oy, stroke=theme.text, sw=1.5, dash="5 4")
    pts = []
    for i in range(21):  # an illustrative over-confident curve: below the diagonal, no markers
        c = i / 20
        acc = c - 0.2 * math.sin(math.pi * c)
        pts.append(f"{fmt(ox + size * c)} {fmt(oy + size - size * acc)}")
    svg.path("M" + " L".join(pts), stroke=theme.gpt4, sw=3)
    svg.text(ox + size * 0.42, oy + size * 0.36, t("perfect"), size=13, anchor="end", halo=True,
             rotate=-45)
    for i, line in enumerate(wrap(t("over"), 110, 13)):  # below the curve, bottom right
        svg.text(ox + size - 8, oy + size * 0.74 + i * 17, line, size=13, anchor="end", halo=True)
    return svg, 370


def fig_scaling(data: Data, lang: str, theme: Theme):
    W = 680
    svg = Svg(W, theme)
    t = lambda key: words(data, "scaling", key, lang)  # noqa: E731
    svg.rect(0.75, 0.75, W - 1.5, 32, fill="none", stroke=theme.muted, sw=1.5, rx=8, dash="6 4")
    svg.text(12, 22, t("schematic"), size=14, weight="bold")
    x0, x1 = 24, W - 64
    lo, hi = -4.6, 0.0
    xpos = lambda ratio: x0 + (x1 - x0) * (math.log10(ratio) - lo) / (hi - lo)  # noqa: E731
    top, row_h = 52, 104
    bottom = top + row_h * len(data.scaling) + 4
    for e in range(-4, 1):
        x = xpos(10.0 ** e)
        svg.line(x, top, x, bottom, stroke=theme.grid, sw=1)
        label = "1" if e == 0 else f"1/{10 ** -e:,}"
        svg.text(x, bottom + 18, label, size=13, fill=theme.muted, anchor="middle", cls="tick")
    svg.text((x0 + x1) / 2, bottom + 42, t("axis"), size=14, anchor="middle", fill=theme.muted)
    for k, r in enumerate(data.scaling):
        y = top + k * row_h
        svg.text(0, y + 20, r[f"{lang}_label"], size=14, weight="bold", halo=True)
        ratio = int(r["compute_ratio"])
        xr, xg = xpos(1 / ratio), xpos(1)
        band_y = y + 44
        # Smaller runs: a hatched band running off the left edge (their exact positions are not given).
        svg.rect(0, band_y, xr, 20, fill="url(#hatch-base)", stroke=theme.base, sw=1.5)
        svg.text(xr / 2, band_y + 40, t("runs"), size=13, anchor="middle", fill=theme.muted)
        # Extrapolation: dashed arrow from the largest small run to GPT-4.
        svg.line(xr, band_y + 10, xg - 12, band_y + 10, stroke=theme.gpt4, sw=2.5, dash="7 5")
        svg.arrow_head(xg - 10, band_y + 10, "right", theme.gpt4, size=9)
        n = f"{ratio:,}"
        svg.text((xr + xg) / 2, band_y - 6, t("less").format(n=n), size=13, anchor="middle", cls="value", halo=True)
        svg.path(f"M{fmt(xg)} {fmt(band_y)} L{fmt(xg + 10)} {fmt(band_y + 10)} L{fmt(xg)} {fmt(band_y + 20)} "
                 f"L{fmt(xg - 10)} {fmt(band_y + 10)} Z", fill=theme.gpt4)
        label = f"{t('gpt4')} ({t('predicted')})" if lang == "en" else f"{t('gpt4')}（{t('predicted')}）"
        svg.text(xg, band_y + 40, label, size=13, anchor="middle")
    return svg, bottom + 54


def fig_flow(data: Data, lang: str, theme: Theme):
    W = 420  # narrow enough to read unscaled on a phone
    svg = Svg(W, theme)
    t = lambda key: words(data, "training-flow", key, lang)  # noqa: E731
    box_x, box_w = 0.75, W - 100
    text_x = box_x + 50
    gap = 28
    y = 0.75
    boxes = []
    for r in data.flow:
        detail = wrap(r[f"{lang}_detail"], box_w - 66, 13.5)
        h = 14 + 20 + 19 * len(detail) + 20 + 10
        boxes.append((y, h))
        highlight = r["step"] in ("2", "5")
        svg.rect(box_x, y, box_w, h, fill=theme.bg, stroke=theme.gpt4 if highlight else theme.muted, sw=2 if highlight else 1.5, rx=8)
        svg.add(f'<circle cx="{fmt(box_x + 24)}" cy="{fmt(y + 26)}" r="14" fill="{theme.gpt4}"/>')
        svg.text(box_x + 24, y + 31, r["step"], size=14, weight="bold", fill=theme.bg, anchor="middle", cls="step")
        svg.text(text_x, y + 31, r[f"{lang}_title"], size=16, weight="bold")
        ly = y + 31 + 21
        for line in detail:
            svg.text(text_x, ly, line, size=13.5)
            ly += 19
        svg.text(text_x, ly + 1, f"{r[f'{lang}_source']}，{t('page').format(n=r['page'])}" if lang == "zh"
                 else f"{r[f'{lang}_source']}, {t('page').format(n=r['page'])}", size=13, fill=theme.muted, cls="page")
        y += h + gap
    for (y1, h1), (y2, _) in zip(boxes, boxes[1:]):
        cx = box_x + box_w / 2
        svg.line(cx, y1 + h1 + 2, cx, y2 - 8, stroke=theme.text, sw=1.75)
        svg.arrow_head(cx, y2 - 2, "down", theme.text)
    # Iteration loop: from "evaluation and red teaming" (step 6) back to SFT (step 3).
    (y3, h3), (y6, h6) = boxes[2], boxes[5]
    lx = box_x + box_w + 30
    a, b = y6 + h6 / 2, y3 + h3 / 2
    svg.path(f"M{fmt(box_x + box_w + 2)} {fmt(a)} H{fmt(lx)} V{fmt(b)} H{fmt(box_x + box_w + 10)}",
             stroke=theme.gpt4, sw=2, dash="6 4")
    svg.arrow_head(box_x + box_w + 3, b, "left", theme.gpt4, size=9)
    for i, line in enumerate(t("iterate").split("\n")):
        svg.text(lx + 8, (a + b) / 2 + i * 18, line, size=14, fill=theme.gpt4, weight="bold")
    return svg, y - gap + 1


FIGURES = {
    "exams": fig_exams,
    "benchmarks": fig_benchmarks,
    "multilingual-mmlu": fig_mmlu,
    "safety-rates": fig_safety,
    "calibration": fig_calibration,
    "scaling": fig_scaling,
    "training-flow": fig_flow,
}


# --- output -------------------------------------------------------------------

def render_all(data: Data) -> dict[str, str]:
    """File name -> SVG text, for every figure, language and theme (in a fixed order)."""
    out = {}
    for name, draw in FIGURES.items():
        for lang in LANGS:
            for theme in THEMES:
                svg, height = draw(data, lang, theme)
                out[f"{name}.{lang}.{theme.name}.svg"] = svg.render(math.ceil(height), data.figures[name]["title"][lang], lang)
    return out


def write(files: dict[str, str], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_bytes(text.encode("utf-8"))


def stale(files: dict[str, str], out_dir: Path) -> list[str]:
    """Names of figures whose committed file is missing or differs, plus stray SVGs."""
    bad = [n for n, text in files.items()
           if not (out_dir / n).is_file() or (out_dir / n).read_bytes() != text.encode("utf-8")]
    bad += sorted(p.name for p in out_dir.glob("*.svg") if p.name not in files)
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: docs/assets/figures)")
    parser.add_argument("--check", action="store_true", help="only check that the files in --out are up to date")
    args = parser.parse_args(argv)
    files = render_all(load())
    if args.check:
        bad = stale(files, args.out)
        for name in bad:
            print(f"{args.out / name}: out of date; run python scripts/make_figures.py", file=sys.stderr)
        return 1 if bad else 0
    write(files, args.out)
    for name, text in files.items():
        print(f"{args.out / name}  {len(text.encode('utf-8')) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
