#!/usr/bin/env python3
"""Draw the link-preview image (og:image, 1200x630 PNG) of every page, in its language:
docs/assets/cards/<lang>-<slug>.png (run by `python3 scripts/dev.py generate`).

A card is stale when it is missing or its embedded Title differs from the page's title.
Drawing needs Pillow and a CJK font (Debian/Ubuntu: `apt-get install fonts-noto-cjk`;
or set CARD_FONT to any OpenType/TrueType font with Chinese glyphs).
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from guide_data import Words
from guide_site import LANGS, ROOT, SITE_NAMES, SLUGS

DOCS = ROOT / "docs"
OUT = DOCS / "assets" / "cards"
SIZE = (1200, 630)
FONT_CANDIDATES = [
    os.environ.get("CARD_FONT", ""),
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",
]
BG, FG, MUTED, ACCENT = "#1a237e", "#ffffff", "#c5cae9", "#ffca28"


def find_font() -> str:
    for path in FONT_CANDIDATES:
        if path and Path(path).is_file():
            return path
    sys.exit("make_cards: no CJK font found. Install fonts-noto-cjk "
             "(apt-get install fonts-noto-cjk) or set CARD_FONT=/path/to/font.ttc")


def page_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s+(.+?)(\s*\{[^}]*\})?\s*$", line)
        if match:
            return match.group(1).strip()
    sys.exit(f"make_cards: {path.relative_to(ROOT)} has no '# Title' line")


def wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Break text into lines that fit: at spaces for Latin text, anywhere for CJK."""
    units = re.findall(r"[A-Za-z0-9\-.,:;'()%&+/]+\s*|\s+|.", text)
    lines, current = [], ""
    for unit in units:
        if draw.textlength(current + unit, font=font) <= width or not current:
            current += unit
        else:
            lines.append(current.rstrip())
            current = unit.lstrip()
    return lines + [current.rstrip()] if current.strip() else lines


def draw_card(lang: str, title: str, font_path: str) -> tuple[Image.Image, PngInfo]:
    image = Image.new("RGB", SIZE, BG)
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(font_path, 34)
    big = ImageFont.truetype(font_path, 84)
    foot = ImageFont.truetype(font_path, 28)
    draw.rectangle([0, 0, 24, SIZE[1]], fill=ACCENT)
    draw.text((90, 80), SITE_NAMES[lang], font=small, fill=MUTED)
    y = 190
    for line in wrap(draw, title, big, SIZE[0] - 180)[:3]:
        draw.text((90, y), line, font=big, fill=FG)
        y += 110
    draw.text((90, SIZE[1] - 90), Words.load()(lang, "card_footer"), font=foot, fill=MUTED)
    info = PngInfo()
    info.add_text("Title", title)
    info.add_text("Language", lang)
    return image, info


def write(out_dir: Path = OUT) -> list[str]:
    """Draw every page's card into out_dir; return the file names."""
    font_path = find_font()
    out_dir.mkdir(parents=True, exist_ok=True)
    names = []
    for lang in LANGS:
        for slug in SLUGS:
            image, info = draw_card(lang, page_title(DOCS / lang / f"{slug}.md"), font_path)
            image.save(out_dir / f"{lang}-{slug}.png", pnginfo=info, optimize=True)
            names.append(f"{lang}-{slug}.png")
    return names


def stale(out_dir: Path = OUT) -> list[str]:
    """Cards that are missing, show another title or language, or belong to no page."""
    expected = {f"{lang}-{slug}.png": (lang, page_title(DOCS / lang / f"{slug}.md")) for lang in LANGS for slug in SLUGS}
    bad = []
    for name, (lang, title) in expected.items():
        if not (out_dir / name).is_file():
            bad.append(name)
            continue
        with Image.open(out_dir / name) as image:
            if (image.text.get("Language"), image.text.get("Title")) != (lang, title):
                bad.append(name)
    return bad + sorted(p.name for p in out_dir.glob("*.png") if p.name not in expected)
