"""The figures as SVG, docs/assets/figures/<name>.<lang>.<theme>.svg, from docs/data (`dev.py generate`).

The same data gives byte-identical files. The tests rely on the class of each <text>: "value" for every number
taken from the data, "tick" for axis ticks, "step" for step numbers, "page" for source pages.
"""

from __future__ import annotations

import math
from itertools import product
from pathlib import Path
from types import SimpleNamespace

from guide_data import DATA, Words, benchmark_value, number, percentile_bounds, read_csv, read_yaml, sync
from guide_site import CONFIG, LANGS
from svg_canvas import THEMES, BarLayout, Svg, bar, bar_chart, fmt, text_width, wrap, x_axis

OUT = DATA.parent / "assets" / "figures"
Data = SimpleNamespace  # figures (figures.yml), words (guide_data.Words), and data.NAME: the rows of docs/data/NAME.csv
FIGURES: dict[str, tuple] = {}  # name in figures.yml -> (drawing function, width in px), by @figure


def figure(name: str, width: int = 680):
    """Draws the figure NAME of docs/data/figures.yml: draw(data, lang, svg, t) -> the height it used."""
    def register(draw):
        FIGURES[name] = (draw, width)
        return draw
    return register


def load(data_dir: Path = DATA) -> Data:
    return Data(figures=read_yaml("figures.yml", data_dir), words=Words.load(data_dir),
                **{path.stem: read_csv(path.name, data_dir) for path in sorted(data_dir.glob("*.csv"))})


@figure("exams")
def fig_exams(data: Data, lang: str, svg: Svg, t) -> float:
    exams = [(percentile_bounds(r["gpt4_percentile"]), percentile_bounds(r["gpt35_percentile"]), r["exam"])
             for r in data.exams]
    # No percentile in Table 1: left out (the caption says so). By GPT-3.5's, then GPT-4's percentile (stable).
    exams = sorted((e for e in exams if None not in e[:2]), key=lambda e: (e[1][0], e[0][0]))
    rows = [(data.words.short_name(exam, lang), [("gpt4", *g4), ("gpt35", *g35)]) for g4, g35, exam in exams]
    layout = BarLayout(margin=70, row_h=38, pad=5, step=15, bar_h=13, name_dy=19, value_dy=11.5)
    return bar_chart(svg, layout, [("gpt4", t("gpt4")), ("gpt35", t("gpt35"))], [(None, rows)], t("axis"))


@figure("benchmarks")
def fig_benchmarks(data: Data, lang: str, svg: Svg, t) -> float:
    layout = BarLayout(margin=76, row_h=62, pad=6, step=16, bar_h=13, name_dy=29, value_dy=11.5)
    rows = [(data.words.short_name(r["benchmark"], lang),
             [(s, *benchmark_value(r[s], r["benchmark"])) for s in ("gpt4", "gpt35", "sota")]) for r in data.benchmarks]
    legend_items = [(s, t(s)) for s in ("gpt4", "gpt35", "sota")]
    return bar_chart(svg, layout, legend_items, [(None, rows)], t("axis"))


@figure("multilingual-mmlu")
def fig_mmlu(data: Data, lang: str, svg: Svg, t) -> float:
    english = [r for r in data.multilingual_mmlu if r["series"] != "GPT-4" or r["language_or_model"] == "GPT-4 English"]
    languages = [r for r in data.multilingual_mmlu if r not in english]

    def row(r):
        series = "base" if r["series"].startswith("baseline") else "gpt4"
        name = data.words.short_name(r["language_or_model"], lang)
        return name, [(series, number(r["accuracy_pct"]), f"{r['accuracy_pct']}%")]

    ref = next(number(r["accuracy_pct"]) for r in data.multilingual_mmlu if r["language_or_model"] == "GPT-3.5-English")

    def reference_line(svg, x0, plot_w, placed):
        """GPT-3.5's English score over the 26 languages, over the bars with a background-coloured
        underlay so it stays visible on them; value labels go on top of it."""
        gy, rows = placed[1]
        rx = x0 + plot_w * ref / 100
        svg.line(rx, gy - 4, rx, gy + layout.row_h * len(rows), stroke=svg.theme.bg, sw=4)
        svg.line(rx, gy - 4, rx, gy + layout.row_h * len(rows), stroke=svg.theme.text, sw=1.5, dash="5 4")
        svg.text(rx, gy - 8, f"{t('refline')} {ref:.1f}%", size=13, anchor="middle", cls="ref", halo=True)

    layout = BarLayout(margin=64, row_h=23, pad=2, step=0, bar_h=15, name_dy=12, value_dy=12,
                       top=58, grid_top=44, bottom_pad=6)
    groups = [(t("group_english"), [row(r) for r in english]), (t("group_languages"), [row(r) for r in languages])]
    return bar_chart(svg, layout, [("gpt4", t("gpt4")), ("base", t("baseline"))], groups, t("axis"), reference_line)


@figure("safety-rates")
def fig_safety(data: Data, lang: str, svg: Svg, t) -> float:
    theme, W = svg.theme, svg.width
    rows = {r["metric"]: r for r in data.safety_and_factuality_metrics}
    disallowed = number(rows["Responding to requests for disallowed content"]["gpt4_value"])
    sensitive = number(rows["Policy-compliant responses to sensitive requests (e.g. medical advice and self-harm)"]
                       ["gpt4_value"])
    rtp = rows["RealToxicityPrompts toxic generation rate"]
    label_w = max(text_width(t("gpt4"), 14), text_width(t("gpt35"), 14)) + 14
    x0 = label_w + 8
    plot_w = W - x0 - 170
    paren = lambda s: data.words("paren", lang, s)  # noqa: E731

    def badge(y, kind: str, dash=None) -> float:
        label = t(kind)
        svg.rect(0.75, y, text_width(label, 13) + 16, 22, fill="none", stroke=theme.text, sw=1.5, rx=11, dash=dash)
        svg.text(8.75, y + 15.5, label, size=13, weight="bold")
        return y + 30

    def pair(y, title, better, gpt35, gpt4, vmax, ticks=()):
        """A titled GPT-3.5 bar over a GPT-4 bar; gpt35 and gpt4 are (value, label, class), ticks (value, label)."""
        svg.text(0, y + 14, f"{t(title)}{paren(t(better))}", size=14, weight="bold")
        y += 26
        if ticks:
            x_axis(svg, [(x0 + plot_w * v / vmax, label) for v, label in ticks], y - 4, y + 2 * 24 + 2)
        for k, (series, (value, label, cls)) in enumerate((("gpt35", gpt35), ("gpt4", gpt4))):
            by = y + k * 24
            svg.text(label_w, by + 14, t(series), size=14, anchor="end")
            bar(svg, x0, by + 2, plot_w * value / vmax, 16, series)
            svg.text(x0 + plot_w * value / vmax + 6, by + 15, label, size=13, cls=cls, halo=True)
        return y + 2 * 24 + (34 if ticks else 14)

    y = badge(8, "relative", dash="4 3")
    index = (100, "100" + paren(t("baseline")), "index")  # GPT-3.5 is the baseline, 100
    for title, better, change, value in (("disallowed", "lower_better", "decrease", -disallowed),
                                         ("sensitive", "higher_better", "increase", sensitive)):
        label = data.words("change", lang, word=t(change), value=fmt(abs(value)))
        y = pair(y, title, better, index, (100 + value, label, "value"), 130)
    svg.line(0, y - 2, W, y - 2, stroke=theme.grid, sw=1)
    y = badge(y + 10, "absolute")
    g35, g4 = ((number(rtp[key]), rtp[key], "value") for key in ("comparison_value", "gpt4_value"))
    return pair(y, "toxic", "lower_better", g35, g4, 7, ticks=[(v, f"{v}%") for v in range(8)]) - 4


@figure("calibration", 760)
def fig_calibration(data: Data, lang: str, svg: Svg, t) -> float:
    theme, W = svg.theme, svg.width
    ece = {r["metric"].removeprefix("Calibration ECE "): r["gpt4_value"] for r in data.safety_and_factuality_metrics}
    # Left panel: the two ECE values printed in Figure 8.
    left_w, lx = 330, 8
    title = wrap(t("ece_title"), left_w, 15)
    for i, line in enumerate(title):
        svg.text(lx, 23 + 21 * i, line, size=15, weight="bold")
    y = 8 + 21 * len(title) + 14
    plot_w, vmax = left_w - 60, 0.08
    ticks = [(lx + plot_w * v / vmax, f"{v:g}") for v in (0, 0.02, 0.04, 0.06, 0.08)]
    x_axis(svg, ticks, y + 18, y + 2 * 58 + 4)  # grid first, bars on top
    for k, (series, name, raw) in enumerate((("gpt4", t("pre"), ece["pre-trained"]),
                                             ("gpt4-hatch", t("ppo"), ece["post-trained (PPO)"]))):
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
    # an illustrative over-confident curve: below the diagonal, no markers
    curve = [(c, c - 0.2 * math.sin(math.pi * c)) for c in (i / 20 for i in range(21))]
    svg.path("M" + " L".join(f"{fmt(ox + size * c)} {fmt(oy + size - size * acc)}" for c, acc in curve),
             stroke=theme.gpt4, sw=3)
    svg.text(ox + size * 0.42, oy + size * 0.36, t("perfect"), size=13, anchor="end", halo=True, rotate=-45)
    for i, line in enumerate(wrap(t("over"), 110, 13)):  # below the curve, bottom right
        svg.text(ox + size - 8, oy + size * 0.74 + i * 17, line, size=13, anchor="end", halo=True)
    return 370


@figure("scaling")
def fig_scaling(data: Data, lang: str, svg: Svg, t) -> float:
    theme, W = svg.theme, svg.width
    svg.rect(0.75, 0.75, W - 1.5, 32, fill="none", stroke=theme.muted, sw=1.5, rx=8, dash="6 4")
    svg.text(12, 22, t("schematic"), size=14, weight="bold")
    x0, x1 = 24, W - 64
    lo, hi = -4.6, 0.0
    xpos = lambda ratio: x0 + (x1 - x0) * (math.log10(ratio) - lo) / (hi - lo)  # noqa: E731
    top, row_h = 52, 104
    bottom = top + row_h * len(data.scaling) + 4
    x_axis(svg, [(xpos(10.0 ** e), "1" if e == 0 else f"1/{10 ** -e:,}") for e in range(-4, 1)], top, bottom)
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
        less = r[f"{lang}_less"]  # scaling.csv: the ratio in words ("算力低至 GPT-4 的万分之一": Chinese does not reduce by 倍)
        svg.text((xr + xg) / 2, band_y - 6, less, size=13, anchor="middle", cls="value", halo=True)
        svg.path(f"M{fmt(xg)} {fmt(band_y)} L{fmt(xg + 10)} {fmt(band_y + 10)} L{fmt(xg)} {fmt(band_y + 20)} "
                 f"L{fmt(xg - 10)} {fmt(band_y + 10)} Z", fill=theme.gpt4)
        svg.text(xg, band_y + 40, t("gpt4") + data.words("paren", lang, t("predicted")), size=13, anchor="middle")
    return bottom + 54


@figure("training-flow", 420)  # narrow enough to read unscaled on a phone
def fig_flow(data: Data, lang: str, svg: Svg, t) -> float:
    theme, W = svg.theme, svg.width
    box_x, box_w = 0.75, W - 100
    text_x = box_x + 50
    gap = 28
    y = 0.75
    boxes = []
    for r in data.training_flow:
        detail = wrap(r[f"{lang}_detail"], box_w - 66, 13.5)
        h = 14 + 20 + 19 * len(detail) + 20 + 10
        boxes.append((y, h))
        stroke, sw = (theme.gpt4, 2) if r["step"] in ("1", "5") else (theme.muted, 1.5)  # pre-training, PPO
        svg.rect(box_x, y, box_w, h, fill=theme.bg, stroke=stroke, sw=sw, rx=8)
        svg.add("circle", cx=box_x + 24, cy=y + 26, r=14, fill=theme.gpt4)
        svg.text(box_x + 24, y + 31, r["step"], size=14, weight="bold", fill=theme.bg, anchor="middle", cls="step")
        svg.text(text_x, y + 31, r[f"{lang}_title"], size=16, weight="bold")
        for i, line in enumerate(detail):
            svg.text(text_x, y + 52 + 19 * i, line, size=13.5)
        page = r[f"{lang}_source"] + data.words("comma", lang) + t("page").format(n=r["page"])
        svg.text(text_x, y + 53 + 19 * len(detail), page, size=13, fill=theme.muted, cls="page")
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
    return y - gap + 1


# --- output -------------------------------------------------------------------

def render_all(data: Data) -> dict[str, str]:
    """File name -> SVG text, for every figure, language and theme (in a fixed order)."""
    out = {}
    for (name, (draw, width)), lang, theme in product(FIGURES.items(), LANGS, THEMES):
        svg = Svg(width, theme)
        height = draw(data, lang, svg, lambda key: data.figures[name]["text"][key][lang])
        title = data.figures[name]["title"][lang]
        out[f"{name}.{lang}.{theme.name}.svg"] = svg.render(math.ceil(height), title, CONFIG.extra["lang_tags"][lang])
    return out


def generate(out: Path = OUT, check: bool = False) -> list[str]:  # for scripts/generators.py
    """SVGs in out that are missing or differ, then stray SVGs: rewritten (strays deleted) unless check."""
    return sync(out, render_all(load()), check, strays="*.svg")
