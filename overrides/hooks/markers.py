"""MkDocs hook: turn marker lines into data tables and figures, from docs/data.

    <!-- table: exams -->    -> a Markdown table (docs/data/tables.yml says which CSV and columns)
    <!-- figure: exams -->   -> a <figure> with light/dark SVGs, alt text and a captioned source
                                (words in docs/data/figures.yml, SVGs from scripts/make_figures.py),
                                then its downloads (SVG, PNG, CSV) and an "Embed or cite" snippet

Words follow the page's language, through the data layer (scripts/guide_data.py); the numbers
are the same in both. The HTML comes from data_table.html and figure.html beside this file; both
carry an id (table-NAME, fig-NAME) that is the same in every language, with a permalink.
An unknown name stops the build with the page file and line.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from guide_data import PDF, Words, read_csv, read_yaml, template, tidy

MARKER = re.compile(r"<!--\s*(table|figure):\s*([\w-]+)\s*-->")
TABLE = template(__file__, "data_table.html", autoescape=True, trim_blocks=True, lstrip_blocks=True)
FIGURE = template(__file__, "figure.html", autoescape=True, trim_blocks=True, lstrip_blocks=True)


def md(text: str) -> str:
    """Escape text for a Markdown table cell."""
    return re.sub(r"([\\|*_\[\]<])", r"\\\1", text)


def link(label: str, url: str | None, quote: str | None = None) -> str:
    """A Markdown link; a report page cites its quote instead (`[label][id]`, overrides/hooks/evidence.py)."""
    return f"[{md(label)}][{quote}]" if quote else f"[{md(label)}]({url})" if url else md(label)


def sources_line(sources: list[dict], lang: str, words: Words) -> str:
    if not sources:
        return words("sources_column", lang)
    links = [link(words.source_label(s, lang), s.get("url") or PDF.format(s.get("page")), s.get("quote"))
             for s in sources]
    return words("source", lang) + words("sep", lang).join(links) + words("end", lang)


def cell(raw: str, column: dict, row: dict, lang: str, words: Words) -> str:
    kind = column.get("kind", "value")
    if kind == "source":  # the quotes of a source cell's report pages: column `quotes`, ids separated by ';'
        quotes = iter(q.strip() for q in row.get(column.get("quotes", ""), "").split(";") if q.strip())
        return words("sep", lang).join(link(label, url, next(quotes, None) if url and "arxiv" in url else None)
                                       for label, url in words.source_parts(raw, lang))
    if not raw:
        return "—"
    text = words.name(raw, lang) if kind == "name" else words.value(raw, lang) + column.get("suffix", "")
    extra = row.get(column.get("extra", ""), "").strip()
    if extra and extra != "-":
        text += words("paren", lang, words.name(extra, lang))
    return md(text)


def render_table(name: str, spec: dict, data_dir: Path, lang: str, words: Words, nested: bool = False,
                 page_url: str = "") -> str:
    cols = spec["columns"]
    wanted = spec.get("rows", {})  # {field: [values]}: only the rows whose field has one of the values
    rows = [[cell(r[c["field"]].strip(), c, r, lang, words) for c in cols] for r in read_csv(spec["csv"], data_dir)
            if all(r[field].strip() in values for field, values in wanted.items())]
    return TABLE.render(name=name, header=[md(c["header"][lang]) for c in cols], rows=rows, nested=nested,
                        words=words, lang=lang, csv="../" * page_url.count("/") + f"data/{spec['csv']}",
                        sources=Markup(sources_line(spec.get("sources", []), lang, words)),
                        note=Markup(tidy(spec.get("note", {}).get(lang, ""))))


def svg_size(path: Path) -> tuple[str, str]:
    m = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', path.read_text(encoding="utf-8")[:600])
    if not m:
        raise PluginError(f"{path}: the SVG has no width/height")
    return m[1], m[2]


def render_figure(name: str, spec: dict, docs_dir: Path, page, lang: str, words: Words, site_name: str) -> str:
    """Raw HTML, so the src is relative to the page's URL: /capabilities/ -> ../assets/..., / -> assets/...

    Both languages point at the one copy of docs/assets/figures published at the site root.
    """
    if "csv" not in spec:
        raise PluginError(f"figure {name!r} has no CSV to download: add `csv: FILE.csv` to it in docs/data/figures.yml")
    up = "../" * page.url.count("/")
    light = f"{up}assets/figures/{name}.{lang}.light.svg"
    sources = words("sep", lang).join(words.source_label(s, lang) for s in spec["sources"])
    images = []
    for theme in ("light", "dark"):
        svg = docs_dir / "assets" / "figures" / f"{name}.{lang}.{theme}.svg"
        if not svg.is_file():
            raise PluginError(f"{svg}: missing; run python3 scripts/dev.py generate")
        width, height = svg_size(svg)
        src = f"{up}assets/figures/{name}.{lang}.{theme}.svg#only-{theme}"
        images.append({"src": src, "width": width, "height": height})
    return FIGURE.render(
        name=name, images=images, alt=tidy(spec["alt"][lang]), caption=tidy(spec["caption"][lang]),
        wide=float(width) > 480,  # wide charts scroll sideways on phones rather than shrink (extra.css)
        sources=[(words.source_label(s, lang), PDF.format(s["page"]), s.get("quote")) for s in spec["sources"]],
        words=words, lang=lang, svg=light, png=light[:-4] + ".png", csv=f"{up}data/{spec['csv']}",
        png_url=urljoin(page.canonical_url, light[:-4] + ".png"), embed_caption=words("embed_caption", lang,
            title=spec["title"][lang], sources=sources, site=site_name, url=f"{page.canonical_url}#fig-{name}"))


def where(page, line: str) -> str:
    """'docs/en/capabilities.md:42': the file and line of a marker (front matter included)."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    return f"docs/{page.file.src_uri}:{next((n for n, s in enumerate(source, 1) if s.strip() == line), 0)}"


def on_page_markdown(markdown: str, page, config, files) -> str:
    docs_dir = Path(config["docs_dir"])
    data_dir = docs_dir / "data"
    lang = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]  # set by mkdocs-static-i18n
    specs = {"table": read_yaml("tables.yml", data_dir), "figure": read_yaml("figures.yml", data_dir)}
    words = Words.load(data_dir)
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
            raise PluginError(f"{where(page, stripped)}: unknown {kind} {name!r} in '{stripped}'; "
                              f"known {kind}s: {', '.join(sorted(specs[kind]))}")
        indent = line[: len(line) - len(line.lstrip())]  # keep the block inside an admonition or list
        try:
            block = (render_table(name, specs[kind][name], data_dir, lang, words, bool(indent), page.url)
                     if kind == "table" else
                     render_figure(name, specs[kind][name], docs_dir, page, lang, words, config["site_name"]))
        except PluginError as error:
            raise PluginError(f"{where(page, stripped)}: {error}") from None
        out.extend(["", *(indent + b if b else "" for b in block.split("\n")), ""])
    return "\n".join(out)
