"""MkDocs hook: turn marker lines into data tables and figures, from docs/data.

    <!-- table: exams -->    -> a Markdown table (docs/data/tables.yml says which CSV and columns)
    <!-- figure: exams -->   -> a <figure> with light/dark SVGs, alt text and a captioned source
                                (words in docs/data/figures.yml, SVGs from scripts/make_figures.py)

Headers, names and captions follow the page's language (zh or en); the numbers are the same in both.
An unknown name stops the build with the page file and line.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

MARKER = re.compile(r"<!--\s*(table|figure):\s*([\w-]+)\s*-->")
PDF = "https://arxiv.org/pdf/2303.08774v6#page={}"
PRODUCT_PAGE = "https://openai.com/index/gpt-4/"
WORDS = {
    "zh": {"source": "来源：", "sources_column": "来源：见每行的“出处”列。", "product_page": "OpenAI 产品页（非报告）",
           "sep": "；", "end": "。", "mcq": "（选择题）"},
    "en": {"source": "Source: ", "sources_column": "Sources: see the Source column.",
           "product_page": "OpenAI product page (not the report)", "sep": "; ", "end": ".", "mcq": " (MCQ)"},
}


# --- reading ------------------------------------------------------------------

def read_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def page_lang(page) -> str:
    """'zh' or 'en': mkdocs-static-i18n sets file.locale; otherwise use the first folder of the source path."""
    lang = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]
    return lang if lang in WORDS else "zh"


# --- words --------------------------------------------------------------------

def tidy(text: str) -> str:
    """One line; YAML's folded line breaks become no space next to Chinese punctuation or between two Han characters."""
    text = " ".join(text.split())
    text = re.sub(r"\s+(?=[\u3000-\u303f\uff00-\uffef])|(?<=[\u3000-\u303f\uff00-\uffef])\s+", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)


def paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def percentile(text: str, lang: str) -> str | None:
    """Table 1 percentile wording in the page's language, or None if the text is not a percentile."""
    if m := re.fullmatch(r"~(\d+)(?:st|nd|rd|th)", text):
        return f"约第 {m[1]} 百分位" if lang == "zh" else text
    if m := re.fullmatch(r"(\d+)(?:st|nd|rd|th) - (\d+)(?:st|nd|rd|th)", text):
        return f"第 {m[1]}–{m[2]} 百分位" if lang == "zh" else text.replace(" - ", "–")
    if m := re.fullmatch(r"below (\d+)(?:st|nd|rd|th)", text):
        return f"低于第 {m[1]} 百分位" if lang == "zh" else text
    return None


def translate(text: str, lang: str, labels: dict) -> str:
    """A name or short phrase in the page's language; unknown text (proper nouns, numbers) stays as it is."""
    text = re.sub(r"\s*\[\d+\]", "", text).strip()  # the report's reference numbers, e.g. "MMLU [49]"
    if text.endswith(" (MCQ)"):
        return translate(text[: -len(" (MCQ)")], lang, labels) + WORDS[lang]["mcq"]
    if text in labels:
        return labels[text][lang]
    return percentile(text, lang) or text


def value(text: str, lang: str, labels: dict) -> str:
    """A printed value: '75 %' -> '75%', '298 / 400 (~90th)' -> '298 / 400（约第 90 百分位）' in Chinese."""
    text = re.sub(r"(\d) %", r"\1%", text.strip())
    if text in ("-", "-*"):
        return text.replace("-", "—")
    if m := re.fullmatch(r"(.*?)\s*\((.+)\)", text):
        return m[1] + paren(translate(m[2], lang, labels), lang)
    return translate(text, lang, labels)


def md(text: str) -> str:
    """Escape text for a Markdown table cell."""
    return re.sub(r"([\\|*_\[\]<])", r"\\\1", text)


def link(label: str, page: int | str | None = None, url: str | None = None) -> str:
    return f"[{md(label)}]({url or PDF.format(page)})"


def source_label(src: dict, lang: str) -> str:
    """'§4，表 1，第 5 页' / '§4, Table 1, p. 5' (common.md citation style)."""
    if "page" not in src:
        return src[lang]
    return f"{src[lang]}，第 {src['page']} 页" if lang == "zh" else f"{src[lang]}, p. {src['page']}"


def source_links(text: str, lang: str) -> str:
    """A CSV source cell ('Report §6 p.13; System Card §3.1 p.62') as links to the PDF pages."""
    out = []
    for part in (p.strip() for p in text.split(";")):
        if "openai.com" in part:
            out.append(link(WORDS[lang]["product_page"], url=PRODUCT_PAGE))
            continue
        m = re.search(r"\s*p\.\s*(\d+)", part)
        if not m:
            out.append(md(part))
            continue
        label = part[: m.start()].strip()
        if lang == "zh":
            for en, zh in (("Report ", "报告 "), ("System Card ", "系统卡 "), ("Fig. ", "图 "), (" left", "（左）"),
                           (" right", "（右）"), ("fn ", "脚注 ")):
                label = label.replace(en, zh)
        out.append(link(source_label({lang: label, "page": m[1]}, lang), page=m[1]))
    return WORDS[lang]["sep"].join(out)


# --- rendering ----------------------------------------------------------------

def sources_line(sources: list[dict], lang: str) -> str:
    w = WORDS[lang]
    if not sources:
        return w["sources_column"]
    links = [link(source_label(s, lang), s.get("page"), s.get("url")) for s in sources]
    return w["source"] + w["sep"].join(links) + w["end"]


def render_table(spec: dict, data_dir: Path, lang: str) -> str:
    labels = {row["source"]: row for row in read_csv(data_dir / "labels.csv")}
    cols = spec["columns"]
    lines = ["| " + " | ".join(md(c["header"][lang]) for c in cols) + " |",
             "| " + " | ".join("---" for _ in cols) + " |"]
    for row in read_csv(data_dir / spec["csv"]):
        cells = []
        for c in cols:
            raw = row[c["field"]].strip()
            kind = c.get("kind", "value")
            if kind == "source":
                cells.append(source_links(raw, lang))
                continue
            if not raw:
                text = "—"
            elif kind == "name":
                text = translate(raw, lang, labels)
            else:
                text = value(raw, lang, labels) + c.get("suffix", "")
            extra = row.get(c.get("extra", ""), "").strip()
            if raw and extra and extra != "-":
                text += paren(translate(extra, lang, labels), lang)
            cells.append(md(text))
        lines.append("| " + " | ".join(cells) + " |")
    note = tidy(spec.get("note", {}).get(lang, ""))
    return "\n".join(lines) + "\n\n" + sources_line(spec.get("sources", []), lang) + (" " + note if note else "")


def svg_size(path: Path) -> tuple[str, str]:
    head = path.read_text(encoding="utf-8")[:600]
    m = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', head)
    if not m:
        raise PluginError(f"{path}: the SVG has no width/height")
    return m[1], m[2]


def render_figure(name: str, spec: dict, docs_dir: Path, page_url: str, lang: str) -> str:
    """Raw HTML, so the src is relative to the page's URL: /capabilities/ -> ../assets/..., / -> assets/...

    Both languages point at the one copy of docs/assets/figures published at the site root.
    """
    up = "../" * page_url.count("/")
    alt = html.escape(tidy(spec["alt"][lang]))
    imgs = []
    for theme in ("light", "dark"):
        svg = docs_dir / "assets" / "figures" / f"{name}.{lang}.{theme}.svg"
        if not svg.is_file():
            raise PluginError(f"{svg}: missing; run python scripts/make_figures.py")
        width, height = svg_size(svg)
        imgs.append(f'<img src="{up}assets/figures/{name}.{lang}.{theme}.svg#only-{theme}" alt="{alt}" '
                    f'width="{width}" height="{height}" loading="lazy">')
    links = [f'<a href="{html.escape(PDF.format(s["page"]))}">{html.escape(source_label(s, lang))}</a>'
             for s in spec["sources"]]
    w = WORDS[lang]
    caption = html.escape(tidy(spec["caption"][lang]), quote=False) + (" " if lang == "en" else "")
    caption += w["source"] + w["sep"].join(links) + w["end"]
    # Wide charts scroll sideways on phones rather than shrink their labels (extra.css).
    classes = "data-figure data-figure--wide" if float(width) > 480 else "data-figure"
    return f'<figure class="{classes}">\n' + "\n".join(imgs) + f"\n<figcaption>{caption}</figcaption>\n</figure>"


def marker_line(page, marker: str) -> int:
    """Line number of a marker in the page's source file (front matter included)."""
    for number, line in enumerate(Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == marker:
            return number
    return 0


def on_page_markdown(markdown: str, page, config, files) -> str:
    docs_dir = Path(config["docs_dir"])
    data_dir = docs_dir / "data"
    lang = page_lang(page)
    specs = {"table": read_yaml(data_dir / "tables.yml"), "figure": read_yaml(data_dir / "figures.yml")}
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if m := re.match(r"(`{3,}|~{3,})", stripped):  # leave markers inside code blocks alone
            fence = None if fence and stripped.startswith(fence) else (fence or m[1])
        found = None if fence else MARKER.fullmatch(stripped)
        if not found:
            out.append(line)
            continue
        kind, name = found[1], found[2]
        if name not in specs[kind]:
            where = f"docs/{page.file.src_uri}:{marker_line(page, stripped)}"
            raise PluginError(f"{where}: unknown {kind} {name!r} in '{stripped}'; "
                              f"known {kind}s: {', '.join(sorted(specs[kind]))}")
        if kind == "table":
            block = render_table(specs["table"][name], data_dir, lang)
        else:
            block = render_figure(name, specs["figure"][name], docs_dir, page.url, lang)
        indent = line[: len(line) - len(line.lstrip())]  # keep the block inside an admonition or list
        out.extend(["", *(indent + b if b else "" for b in block.split("\n")), ""])
    return "\n".join(out)
