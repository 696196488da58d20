"""Under each figure: downloads (SVG, PNG at 2x, CSV) and an "Embed or cite" snippet; under each data table: its CSV.

Works on the built HTML of the page: <figure data-figure="NAME"> and <div data-table="NAME">
(overrides/hooks/markers.py). The HTML comes from figure_extras.html, the words from
docs/data/sharing.yml, titles and sources from docs/data/figures.yml, the CSV names from
docs/data/tables.yml and sharing.yml. Every URL points at this site's own files.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from guide_data import in_language, read_yaml, template

TEMPLATE = template(__file__, "figure_extras.html", autoescape=True)
FIGURE = re.compile(r'<figure\b[^>]*\bdata-figure="([\w-]+)"[^>]*>.*?</figure>', re.S)
TABLE = re.compile(r'(<div\b[^>]*\bdata-table="([\w-]+)"[^>]*>.*?)(</div>)', re.S)


def on_page_content(content: str, page, config, files) -> str:
    data, lang = Path(config.docs_dir) / "data", config.theme["language"]
    words = in_language(read_yaml("sharing.yml", data), lang)
    figures, tables = read_yaml("figures.yml", data), read_yaml("tables.yml", data)
    up = "../" * page.url.count("/")

    def figure(match: re.Match) -> str:
        name, block = match[1], match[0]
        light = re.search(r'<img\b[^>]*\bsrc="([^"#]+\.light\.svg)', block)
        if not light or name not in words["figure_csv"]:
            raise PluginError(f"docs/{page.file.src_uri}: figure {name!r} has no light SVG or no CSV in sharing.yml")
        spec, png = figures[name], light[1][:-4] + ".png"
        sources = words["sep"].join(words["page_label"].format(label=s[lang], page=s["page"]) for s in spec["sources"])
        caption = words["embed_caption"].format(title=spec["title"][lang], sources=sources, site=config.site_name,
                                                url=f"{page.canonical_url}#fig-{name}")
        return TEMPLATE.render(
            figure=block, w=words, svg=light[1], png=png, csv=f"{up}data/{words['figure_csv'][name]}", caption=caption,
            png_url=urljoin(page.canonical_url, png), alt=html.unescape(re.search(r'\balt="([^"]*)"', block)[1]),
            width=re.search(r'\bwidth="([\d.]+)"', block)[1])

    def table(match: re.Match) -> str:
        return match[1] + TEMPLATE.render(w=words, figure=None, csv=f"{up}data/{tables[match[2]]['csv']}") + match[3]

    return TABLE.sub(table, FIGURE.sub(figure, content))
