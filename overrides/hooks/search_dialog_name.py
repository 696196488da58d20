"""Give Material's search dialog an accessible name (axe: aria-dialog-name).

Material's partials/search.html renders `<div class="md-search" ... role="dialog">`
with no name; we add aria-label="<Material's own word for 'Search'>" to that one
tag in each built page instead of copying the partial.
"""
from __future__ import annotations

import re

DIALOG = re.compile(r'<div class="md-search"[^>]*\brole="dialog"(?![^>]*aria-label)')
LABEL = re.compile(r'<nav class="md-search__options" aria-label="([^"]*)"')


def add_name(html: str, page=None) -> str:
    """A step of pipeline.py, over every built page (404 pages too)."""
    label = LABEL.search(html)  # the same dialog's options bar carries lang.t("search"), already escaped
    return DIALOG.sub(lambda m: f'{m[0]} aria-label="{label[1]}"', html, count=1) if label else html
