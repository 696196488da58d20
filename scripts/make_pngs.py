"""PNGs drawn from SVG by resvg (no browser), with Noto Sans CJK only: the same SVG and font files give
the same bytes. Each PNG records the SHA-256 of its SVG, so checking for stale PNGs needs no fonts.

Here: copies of the light figures at twice their width, for editors that take no SVG
(NAME.LANG.light.svg -> NAME.LANG.light.png in docs/assets/figures); scripts/make_cards.py draws
the link-preview cards the same way. Run by `python3 scripts/dev.py generate [--check]`.
"""
from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

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


def stale_pngs(out: Path, sources: dict[str, str]) -> list[str]:
    """PNGs (name -> the SVG it is drawn from) missing or older than their SVG, and PNGs with no SVG."""
    have = {png.name: png.read_bytes()[:200] for png in sorted(out.glob("*.png"))}
    return [name for name, svg in sources.items() if stamp(svg) not in have.get(name, b"")] \
        + [name for name in have if name not in sources]


def write_pngs(out: Path, sources: dict[str, str], zoom: float) -> list[str]:
    """Draw the PNGs that are missing or stale, delete left-over ones; return their names."""
    out.mkdir(parents=True, exist_ok=True)
    names = stale_pngs(out, sources)
    for name in names:
        if name in sources:
            (out / name).write_bytes(render(sources[name], zoom))
        else:
            (out / name).unlink()
    return names


def light_figures(out: Path) -> dict[str, str]:
    return {svg.with_suffix(".png").name: svg.read_text(encoding="utf-8") for svg in sorted(out.glob("*.light.svg"))}


def stale(out: Path = OUT) -> list[str]:  # for scripts/generators.py
    return stale_pngs(out, light_figures(out))


def write(out: Path = OUT) -> list[str]:  # for scripts/generators.py
    return write_pngs(out, light_figures(out), zoom=2)
