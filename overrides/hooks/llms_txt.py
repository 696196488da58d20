"""/llms.txt and /<lang>/llms.txt, after the llms.txt convention (https://llmstxt.org/).

The site's name and one-paragraph summary, then every page of mkdocs.yml `nav` with its front-matter
`description`, all in that language, each linked to its Markdown twin (markdown_twins.py) by an
absolute URL. Written by each language build, beside that language's home page (llms_txt.md).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_data import template

TEMPLATE = template(__file__, "llms_txt.md", keep_trailing_newline=True)
_navs: list = []


def on_nav(nav, config, files):
    _navs[:] = [nav]


def on_post_build(config) -> None:
    nav = _navs[0]
    for page in nav.pages:
        if not page.meta.get("description"):
            raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}: the front matter has no "
                              "'description', which llms.txt lists.")
    Path(nav.homepage.file.abs_dest_path).with_name("llms.txt").write_text(TEMPLATE.render(
        site_name=config.site_name, summary=config.site_description, pages=nav.pages), encoding="utf-8")
