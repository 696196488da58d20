"""PNG copies of the light figures at twice their width, for editors that take no SVG:
NAME.LANG.light.svg -> NAME.LANG.light.png in docs/assets/figures (run by `python3 scripts/dev.py generate`).

Drawn by resvg (no browser) with Noto Sans CJK only, the font the SVGs name for Chinese: the same SVG and
font files give the same bytes. Each PNG records the SHA-256 of its SVG, so --check needs no fonts.
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


def render(svg: Path, digest: str) -> bytes:
    import resvg_py  # only needed to draw; --check reads the recorded digest

    png = bytes(resvg_py.svg_to_bytes(svg_path=str(svg), zoom=2, skip_system_fonts=True, font_files=fonts()))
    text = KEY + b"\0" + digest.encode()  # a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR)
    return png[:33] + struct.pack(">I", len(text)) + b"tEXt" + text + struct.pack(">I", zlib.crc32(b"tEXt" + text)) + png[33:]


def digests(out: Path) -> dict[str, tuple[Path, str]]:
    """PNG name -> (its SVG, the SVG's SHA-256)."""
    return {svg.with_suffix(".png").name: (svg, hashlib.sha256(svg.read_bytes()).hexdigest())
            for svg in sorted(out.glob("*.light.svg"))}


def stale(out: Path = OUT) -> list[str]:
    """PNGs missing, older than their SVG, or without an SVG (scripts/generators.py interface)."""
    wanted = digests(out)
    have = {png.name: png.read_bytes()[:200] for png in sorted(out.glob("*.png"))}
    return [name for name, (_, digest) in wanted.items() if KEY + b"\0" + digest.encode() not in have.get(name, b"")] \
        + [name for name in have if name not in wanted]


def write(out: Path = OUT) -> list[str]:
    """Draw the PNGs that are missing or stale, delete left-over ones; return their names."""
    wanted, names = digests(out), stale(out)
    for name in names:
        if name in wanted:
            (out / name).write_bytes(render(*wanted[name]))
        else:
            (out / name).unlink()
    return names

