"""/llms.txt and /<lang>/llms.txt, after the llms.txt convention (https://llmstxt.org/).

The site's name and one-paragraph summary, then every page of mkdocs.yml `nav` with its front-matter
`description`, all in that language, each linked to its Markdown twin (markdown_twins.py) by an
absolute URL. Written by each language build as it renders its home page, beside it (llms_txt.md).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_data import template, write

TEMPLATE = template(__file__, "llms_txt.md", keep_trailing_newline=True)


def on_page_context(context, page, config, nav):
    if page is nav.homepage:  # MkDocs has read every page's title and front matter before rendering any
        for each in nav.pages:
            if not each.meta.get("description"):
                raise PluginError(f"{Path(config.docs_dir).name}/{each.file.src_uri}: the front matter "
                                  "has no 'description', which llms.txt lists.")
        write(Path(page.file.abs_dest_path).with_name("llms.txt"), TEMPLATE.render(
            site_name=config.site_name, summary=config.site_description, pages=nav.pages))
    return context
