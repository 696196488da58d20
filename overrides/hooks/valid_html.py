"""Markup the Nu Html Checker rejects, fixed in the built pages.

Material's search toggle is `<input type="checkbox" ... autocomplete="off">`;
`autocomplete` is not allowed on a checkbox. The attribute is dropped from the
built output (Material's template stays untouched). And a page outside the
nav (the parallel view) gets Material's TOC title `<label for="__toc">` without
the `__toc` toggle: a label pointing at no element loses its `for`.
"""
from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="[^"]*"')
LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]+)"')


def fix(html: str, page=None) -> str:
    """A step of pipeline.py, over every built page."""
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    return LABEL_FOR.sub(lambda m: m.group(0) if f'id="{m.group(2)}"' in html else m.group(1), html)
