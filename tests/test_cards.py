"""Link-preview cards (scripts/make_cards.py): one per page and language, showing its current title."""
from __future__ import annotations

from PIL import Image

import make_cards
from guide_data import Page
from guide_site import LANGS, SLUGS


def test_every_page_has_an_up_to_date_preview_card():
    assert make_cards.generate(check=True) == [], "run python3 scripts/dev.py generate"
    for lang in LANGS:
        for slug in SLUGS:
            with Image.open(make_cards.OUT / f"{lang}-{slug}.png") as image:
                assert image.size == (1200, 630)


def test_a_card_with_an_old_title_is_stale(tmp_path, monkeypatch):
    for name in (f"{lang}-{slug}.png" for lang in LANGS for slug in SLUGS):
        (tmp_path / name).write_bytes((make_cards.OUT / name).read_bytes())
    assert make_cards.generate(tmp_path, check=True) == []
    title = Page.title.fget
    monkeypatch.setattr(Page, "title", property(lambda page: "Renamed" if page.slug == "index" else title(page)))
    assert make_cards.generate(tmp_path, check=True) == ["zh-index.png", "en-index.png"]


def test_a_card_without_its_recorded_svg_is_stale(tmp_path):
    for name in (f"{lang}-{slug}.png" for lang in LANGS for slug in SLUGS):
        (tmp_path / name).write_bytes((make_cards.OUT / name).read_bytes())
    with Image.open(tmp_path / "en-index.png") as image:
        image.save(tmp_path / "en-index.png")  # drops the recorded SHA-256 of the card's SVG
    (tmp_path / "en-old-page.png").write_bytes(b"")
    assert make_cards.generate(tmp_path, check=True) == ["en-index.png", "en-old-page.png"]


def test_cards_are_small():
    for card in make_cards.OUT.glob("*.png"):
        assert card.stat().st_size < 100_000, card.name
