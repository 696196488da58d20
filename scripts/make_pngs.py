"""PNG copies of the light figures at twice their width (NAME.LANG.light.png), for editors that take no SVG.

Drawn by resvg with Noto Sans CJK only (the same SVG and fonts give the same bytes), as make_cards.py draws
the cards. Each PNG records the SHA-256 of its SVG, so checking for stale PNGs needs no fonts.
"""
from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from guide_data import sync

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "figures"
KEY = b"source-svg-sha256"


def fonts() -> list[str]:
    """Noto Sans CJK regular and bold, as fontconfig finds them."""
    found = shutil.which("fc-list") and subprocess.run(["fc-list", ":family=Noto Sans CJK SC", "file"],
                                                       capture_output=True, text=True).stdout
    if not (files := sorted({line.split(":")[0] for line in (found or "").splitlines() if line.strip()})):
        sys.exit("make_pngs: Noto Sans CJK is not installed (Debian: apt-get install fonts-noto-cjk)")
    return files


def stamp(svg: str) -> bytes:
    return KEY + b"\0" + hashlib.sha256(svg.encode("utf-8")).hexdigest().encode()


def render(svg: str, zoom: float) -> bytes:
    import resvg_py  # only needed to draw; the check reads the recorded digest

    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, skip_system_fonts=True, font_files=fonts()))
    text = stamp(svg)  # a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR)
    return png[:33] + struct.pack(">I", len(text)) + b"tEXt" + text + struct.pack(">I", zlib.crc32(b"tEXt" + text)) + png[33:]


def sync_pngs(out: Path, sources: dict[str, str], zoom: float, check: bool) -> list[str]:
    """PNGs (name -> the SVG it is drawn from) missing or older than their SVG, then PNGs with no SVG;
    unless check, drawn or deleted (guide_data.sync)."""
    return sync(out, sources, check, "*.png", fresh=lambda png, svg: stamp(svg) in png[:200],
                draw=lambda svg: render(svg, zoom))


def light_figures(out: Path) -> dict[str, str]:
    return {svg.with_suffix(".png").name: svg.read_text(encoding="utf-8") for svg in sorted(out.glob("*.light.svg"))}


def generate(out: Path = OUT, check: bool = False) -> list[str]:  # for scripts/generators.py
    return sync_pngs(out, light_figures(out), 2, check)
