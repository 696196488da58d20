"""Search on demand: no search index, worker or lunr file on load, as most readers never search.

An inline script (search_on_demand.html) right after Material's `__config` holds back the index
request and the worker until the reader shows intent (README: "Speed and security"). It reads
the worker's URL from the page's own `__config` at run time: no hashed file name here.
"""
from __future__ import annotations

import re

from guide_data import template

SCRIPT = template(__file__, "search_on_demand.html", autoescape=True).render()
CONFIG = re.compile(r'<script\b[^>]*\bid="__config"[^>]*>.*?</script>', re.S)


def add_script(html: str, page=None) -> str:
    """A step of pipeline.py: every built page's __config is final."""
    return html if SCRIPT in html else CONFIG.sub(lambda m: m[0] + SCRIPT, html, count=1)
