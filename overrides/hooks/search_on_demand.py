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
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.plugins import event_priority

SCRIPT = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True).get_template(
    "search_on_demand.html").render()
CONFIG = re.compile(r'<script\b[^>]*\bid="__config"[^>]*>.*?</script>', re.S)


@event_priority(-200)  # after every language is built and its __config is final
def on_post_build(config) -> None:
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if SCRIPT not in html and CONFIG.search(html):
            html = CONFIG.sub(lambda m: m.group(0) + SCRIPT, html, count=1)
            path.write_text(html, encoding="utf-8")
