"""Markup the Nu Html Checker rejects, fixed in the built pages.

Material's search toggle is `<input type="checkbox" ... autocomplete="off">`;
`autocomplete` is not allowed on a checkbox. The attribute is dropped from the
built output (Material's template stays untouched).
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="[^"]*"')


@event_priority(-200)  # after every language is built (mkdocs-static-i18n runs at -100)
def on_post_build(config) -> None:
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        fixed = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
