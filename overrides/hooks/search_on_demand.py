"""Search on demand: no search index, worker or lunr file on load.

Material fetches the index and starts the search worker as soon as a page
loads, though most readers never search. An inline script (the template
search_on_demand.html) placed right after Material's `__config` holds both back
until the reader shows intent: focus or a click on the search box, or the
shortcut keys `/`, `s`, `f`. The worker (and with it the lunr language files)
starts on the first message Material sends it, which comes after the index.
The worker's URL is read from the page's own `__config` at run time.
"""
from __future__ import annotations

import re

from mkdocs.plugins import event_priority

from guide_data import hook_template, rewrite_built_pages

SCRIPT = hook_template(__file__, "search_on_demand.html", autoescape=True).render()
CONFIG = re.compile(r'<script\b[^>]*\bid="__config"[^>]*>.*?</script>', re.S)


def add_script(html: str) -> str:
    return html if SCRIPT in html else CONFIG.sub(lambda m: m[0] + SCRIPT, html, count=1)


@event_priority(-200)  # after every language is built and its __config is final
def on_post_build(config) -> None:
    rewrite_built_pages(config.site_dir, add_script)
