#!/usr/bin/env python3
"""Draw the link-preview image (og:image, 1200x630 PNG) of every page, in its language.

    python3 scripts/make_cards.py            # writes docs/assets/cards/<lang>-<slug>.png

Run it after adding a page or changing a page title; tests/test_cards.py fails
when a card is missing or shows an old title. Needs Pillow and a CJK font
(Debian/Ubuntu: `apt-get install fonts-noto-cjk`; or set CARD_FONT to any
OpenType/TrueType font with Chinese glyphs).
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

ROOT = Path(__file__).resolve().parent.parent
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
SITE_NAMES = {"zh": "GPT-4 技术报告导读", "en": "GPT-4 Technical Report Guide"}
FOOTER = {"zh": "OpenAI《GPT-4 Technical Report》· arXiv:2303.08774 · 每个数字都注明出处",
          "en": "OpenAI, GPT-4 Technical Report · arXiv:2303.08774 · every number cited"}
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
    draw.text((90, SIZE[1] - 90), FOOTER[lang], font=foot, fill=MUTED)
    info = PngInfo()
    info.add_text("Title", title)
    info.add_text("Language", lang)
    return image, info


def main() -> None:
    font_path = find_font()
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in SITE_NAMES:
        for page in sorted((DOCS / lang).glob("*.md")):
            image, info = draw_card(lang, page_title(page), font_path)
            target = OUT / f"{lang}-{page.stem}.png"
            image.save(target, pnginfo=info, optimize=True)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
