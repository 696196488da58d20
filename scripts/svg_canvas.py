"""SVG drawing for scripts/make_figures.py: themes, text metrics, a tiny SVG writer and
the one horizontal bar chart (exams, benchmarks, multilingual MMLU). Deterministic output."""

from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass
from xml.sax.saxutils import escape

from guide_data import TEMPLATES, template


FONT = (
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', "
    "'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', "
    "'WenQuanYi Micro Hei', Roboto, 'Helvetica Neue', Arial, sans-serif"
)


SHELL = template(TEMPLATES, "figure.svg.jinja", keep_trailing_newline=True)

# Colours checked against the page background: text >= 4.5:1, marks >= 3:1 (WCAG 2.1).
Theme = namedtuple("Theme", "name bg text muted grid gpt4 gpt35 sota base")


THEMES = (
    Theme("light", bg="#ffffff", text="#1f2328", muted="#57606a", grid="#d0d7de",
          gpt4="#3949ab", gpt35="#c2410c", sota="#0f766e", base="#6b7280"),
    Theme("dark", bg="#1e2129", text="#e6edf3", muted="#aab1bb", grid="#3d4350",
          gpt4="#8c9eff", gpt35="#fb923c", sota="#2dd4bf", base="#9ca3af"),
)


# --- SVG building -------------------------------------------------------------

def fmt(v: float) -> str:
    """Fixed formatting for coordinates: at most one decimal, no '-0'."""
    s = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text_width(s: str, size: float) -> float:
    """Rough width of a string in the site's fonts (CJK is 1 em; Latin ~0.55 em)."""
    def em(ch: str) -> float:
        return (1.0 if ord(ch) >= 0x2E80 else 0.68 if ch.isupper() or ch in "%–—~×" else 0.58 if ch.isdigit()
                else 0.32 if ch in " .,:;'|!()[]/" else 0.54)
    return sum((em(ch) for ch in s), 0.0) * size


def wrap(s: str, max_width: float, size: float) -> list[str]:
    """Greedy line wrap: Latin words stay whole, CJK may break between characters."""
    lines, line = [], ""
    for tok in re.findall(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+", s):
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

    def add(self, name: str, body: str | None = None, **attrs) -> None:
        """Append an element. Attributes keep their order, '_' in a name is '-' ('class_' is 'class'),
        numbers go through fmt and None leaves an attribute out."""
        a = "".join(f' {k.rstrip("_").replace("_", "-")}="{fmt(v) if isinstance(v, (int, float)) else v}"'
                    for k, v in attrs.items() if v is not None)
        self.parts.append(f"<{name}{a}/>" if body is None else f"<{name}{a}>{body}</{name}>")

    def text(self, x, y, s, *, size=14, fill=None, anchor=None, weight=None, cls=None,
             halo=False, rotate=None) -> None:
        # a background-coloured outline keeps labels readable over grid lines
        outline = dict(stroke=self.theme.bg, stroke_width=4, stroke_linejoin="round", paint_order="stroke")
        self.add("text", escape(s), x=x, y=y, font_size=size, fill=fill or self.theme.text, text_anchor=anchor,
                 font_weight=weight, class_=cls, **(outline if halo else {}),
                 transform=None if rotate is None else f"rotate({fmt(rotate)} {fmt(x)} {fmt(y)})")

    def rect(self, x, y, w, h, *, fill, stroke=None, sw=1.5, rx=0, dash=None) -> None:
        self.add("rect", x=x, y=y, width=w, height=h, fill=fill, rx=rx or None, stroke=stroke,
                 stroke_width=sw if stroke else None, stroke_dasharray=dash)

    def line(self, x1, y1, x2, y2, *, stroke, sw=1, dash=None) -> None:
        self.add("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=sw, stroke_dasharray=dash)

    def path(self, d: str, *, stroke="none", fill="none", sw=1.5, dash=None) -> None:
        self.add("path", d=d, fill=fill, stroke=stroke, stroke_width=sw, stroke_dasharray=dash)

    def arrow_head(self, x, y, direction: str, colour: str, size=7) -> None:
        dx, dy = {"down": (0, 1), "up": (0, -1), "right": (1, 0), "left": (-1, 0)}[direction]
        # the tip, then the two back corners: `size` behind it and 0.6 * size to either side
        pts = [(x, y)] + [(x - dx * size + s * dy * size * 0.6, y - dy * size - s * dx * size * 0.6) for s in (-1, 1)]
        self.path("M" + " L".join(f"{fmt(a)} {fmt(b)}" for a, b in pts) + " Z", fill=colour)

    def render(self, height: float, title: str, xml_lang: str) -> str:
        """The whole file: the parts inside templates/figure.svg.jinja (size, title, bar patterns, background)."""
        return SHELL.render(w=fmt(self.width), h=fmt(height), t=self.theme, title=escape(title), xml_lang=xml_lang,
                            font=FONT, parts="\n".join(self.parts))


def bar(svg: Svg, x, y, w, h, series: str) -> None:
    """Solid for GPT-4; patterns for the others, so colour is never the only cue."""
    t = svg.theme
    fill, stroke = {
        "gpt4": (t.gpt4, None),
        "gpt4-hatch": ("url(#hatch-gpt4)", t.gpt4),  # a second GPT-4 model (after post-training)
        "gpt35": ("url(#hatch-gpt35)", t.gpt35),
        "sota": ("url(#dots-sota)", t.sota),
        "base": ("url(#hatch-base)", t.base),
    }[series]
    svg.rect(x, y, max(w, 2), h, fill=fill, stroke=stroke, sw=1.5)


def legend(svg: Svg, x, y, items: list[tuple[str, str]]) -> None:
    """Draw swatch + label pairs on one line."""
    for series, label in items:
        bar(svg, x, y - 11, 18, 13, series)
        svg.text(x + 24, y, label, size=14)
        x += 24 + text_width(label, 14) + 22


def x_axis(svg: Svg, ticks, y_top, y_bottom) -> None:
    """A grid line from y_top to y_bottom, labelled below, for each (x, label) in ticks."""
    for x, label in ticks:
        svg.line(x, y_top, x, y_bottom, stroke=svg.theme.grid, sw=1)
        svg.text(x, y_bottom + 18, label, size=13, fill=svg.theme.muted, anchor="middle", cls="tick")


@dataclass(frozen=True)
class BarLayout:
    """Geometry of a horizontal bar chart; every row is `pad` below its slot, bars `step` apart."""

    margin: float        # right of the plot, for the value labels
    row_h: float         # height of a row (all its bars)
    pad: float           # from the top of a row to its first bar
    step: float          # from one bar of a row to the next
    bar_h: float
    name_dy: float       # from the first bar to the baseline of the row's name
    value_dy: float      # from a bar to the baseline of its value label
    top: float = 44      # where the first row (or group header) starts
    grid_top: float = 40
    group_gap: float = 14
    bottom_pad: float = 0


def bar_chart(svg: Svg, layout: BarLayout, legend_items, groups, axis: str, overlay=None) -> float:
    """Draw a horizontal bar chart; return its height.

    groups: [(header or None, [(name, [(series, value 0-100, label), ...]), ...]), ...].
    overlay(svg, x0, plot_w, placed_groups) draws over the bars (a reference line), before the
    value labels, which are then drawn last; without it, each label follows its bar.
    """
    label_w = max(text_width(name, 14) for _, rows in groups for name, _ in rows) + 14
    x0 = label_w + 8
    plot_w = svg.width - x0 - layout.margin
    legend(svg, x0, 24, legend_items)
    y, placed = layout.top, []
    for header, rows in groups:
        if header:
            svg.text(0, y + 12, header, size=14, weight="bold")
            y += 22
        placed.append((y, rows))
        y += layout.row_h * len(rows) + layout.group_gap
    bottom = y - layout.group_gap + layout.bottom_pad
    x_axis(svg, [(x0 + plot_w * v / 100, f"{v}") for v in (0, 25, 50, 75, 100)], layout.grid_top, bottom)
    labels = []
    for gy, rows in placed:
        for k, (name, bars) in enumerate(rows):
            y = gy + k * layout.row_h + layout.pad
            svg.text(label_w, y + layout.name_dy, name, size=14, anchor="end")
            for j, (series, value, label) in enumerate(bars):
                by = y + j * layout.step
                bar(svg, x0, by, plot_w * value / 100, layout.bar_h, series)
                labels.append((x0 + max(plot_w * value / 100, 2) + 6, by + layout.value_dy, label))
                if overlay is None:
                    svg.text(*labels.pop(), size=13, cls="value", halo=True)
    if overlay:
        overlay(svg, x0, plot_w, placed)
    for x, y, label in labels:
        svg.text(x, y, label, size=13, cls="value", halo=True)
    svg.text(x0 + plot_w / 2, bottom + 40, axis, size=14, anchor="middle", fill=svg.theme.muted)
    return bottom + 52


