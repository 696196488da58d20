"""The link-preview image (og:image, 1200x630 PNG) of every page, in its language:
docs/assets/cards/<lang>-<slug>.png, run by `python3 scripts/dev.py generate [--check]`.

Each card is scripts/templates/card.svg.jinja filled in with the site's name, the page's title and the
footer of docs/data/words.yml, drawn by resvg as scripts/make_pngs.py draws the figure PNGs (needs
Noto Sans CJK: `apt-get install fonts-noto-cjk`). A card is stale when any of these words changed.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from guide_data import TEMPLATES, Words, template
from guide_site import LANGS, ROOT, SITE_NAMES, SLUGS
from make_pngs import sync_pngs
from svg_canvas import wrap

DOCS = ROOT / "docs"
OUT = DOCS / "assets" / "cards"
TEMPLATE = template(TEMPLATES, "card.svg.jinja", autoescape=True)


def page_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s+(.+?)(\s*\{[^}]*\})?\s*$", line)
        if match:
            return match.group(1).strip()
    sys.exit(f"make_cards: {path.relative_to(ROOT)} has no '# Title' line")


def cards() -> dict[str, str]:
    """Card file name -> its SVG."""
    words = Words.load()
    return {f"{lang}-{slug}.png": TEMPLATE.render(
        site_name=SITE_NAMES[lang], footer=words(lang, "card_footer"), xml_lang=words(lang, "xml_lang"),
        title_lines=wrap(page_title(DOCS / lang / f"{slug}.md"), 1020, 84)[:3]) for lang in LANGS for slug in SLUGS}


def generate(out: Path = OUT, check: bool = False) -> list[str]:  # for scripts/generators.py
    return sync_pngs(out, cards(), 1, check)
