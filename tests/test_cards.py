"""Every page has a link-preview card that shows its current title."""
from __future__ import annotations

import re

from PIL import Image

from conftest import LANGS, ROOT, SLUGS

CARDS = ROOT / "docs" / "assets" / "cards"


def h1(lang: str, slug: str) -> str:
    text = (ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8")
    return re.search(r"^#\s+(.+?)(\s*\{[^}]*\})?\s*$", text, re.M).group(1).strip()


def test_every_page_has_an_up_to_date_preview_card():
    stale = []
    for lang in LANGS:
        for slug in SLUGS:
            card = CARDS / f"{lang}-{slug}.png"
            assert card.is_file(), f"{card.relative_to(ROOT)} is missing: run python3 scripts/make_cards.py"
            with Image.open(card) as image:
                assert image.size == (1200, 630)
                if image.text.get("Title") != h1(lang, slug) or image.text.get("Language") != lang:
                    stale.append(f"{card.name}: shows {image.text.get('Title')!r}, page title is {h1(lang, slug)!r}")
    assert not stale, "run python3 scripts/make_cards.py:\n" + "\n".join(stale)


def test_cards_are_small():
    for card in CARDS.glob("*.png"):
        assert card.stat().st_size < 100_000, card.name
