"""Every word of the interface in the page's language (issue 23; tests/test_interface_language.py).

1. Heading permalinks: Python-Markdown's toc extension has one `permalink_title`, and mkdocs-static-i18n
   refuses per-language `markdown_extensions`; each language build sets it from docs/data/words.yml
   (`section_permalink`) before any page is rendered.
2. The 404 page's language switch: Material renders 404.html before the pages, from
   `config.extra.alternate`; the previous language build's last page left its own list there as an
   attribute (mkdocs-static-i18n, parallel_view.py), which hides the fresh list this build set up.
3. `name_languages`, a page step of pipeline.py: each language's name in the language switch says which
   language it is in (`lang`, mapped to extra.lang_tags by html_lang.py), so "简体中文" on an English page is
   read as Chinese.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority

from guide_data import Words

SWITCH = re.compile(r'(<a href="[^"]*" hreflang="([^"]+)" class="md-select__link")(?![^>]*\blang=)')


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the config to this language
def on_config(config):
    words = Words.load(Path(config.docs_dir) / "data")
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words("section_permalink", config.theme["language"])
    vars(config.extra).pop("alternate", None)  # the item mkdocs-static-i18n set for this build shows through
    return config


def name_languages(html: str, page=None) -> str:
    """Language names in the switch get their own `lang` (the parallel view's entry, hreflang="mul",
    is in the page's language)."""
    return SWITCH.sub(lambda m: m[0] if m[2] == "mul" else f'{m[1]} lang="{m[2]}"', html)
