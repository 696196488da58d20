"""The link-preview image (og:image, 1200x630 PNG) of every page, docs/assets/cards/<lang>-<slug>.png:
scripts/templates/card.svg.jinja with the site's name, the page's title and the footer of words.yml, drawn
as make_pngs.py draws (stale when any of these words changed)."""
from __future__ import annotations

from pathlib import Path

from guide_data import TEMPLATES, Words, template
from guide_site import CONFIG, PAGES, ROOT, SITE_NAMES
from make_pngs import sync_pngs
from svg_canvas import wrap

OUT = ROOT / "docs" / "assets" / "cards"
TEMPLATE = template(TEMPLATES, "card.svg.jinja", autoescape=True)


def cards() -> dict[str, str]:
    """Card file name -> its SVG."""
    words = Words.load()
    return {f"{page.lang}-{page.slug}.png": TEMPLATE.render(
        site_name=SITE_NAMES[page.lang], title_lines=wrap(page.title, 1020, 84)[:3],
        footer=words("card_footer", page.lang), xml_lang=CONFIG.extra["lang_tags"][page.lang]) for page in PAGES}


def generate(out: Path = OUT, check: bool = False) -> list[str]:  # for scripts/generators.py
    return sync_pngs(out, cards(), 1, check)
