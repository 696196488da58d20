#!/usr/bin/env python3
"""PNG copies of the light figures at twice their width, for editors that take no SVG.

    python3 scripts/make_pngs.py           # docs/assets/figures/NAME.LANG.light.svg -> NAME.LANG.light.png
    python3 scripts/make_pngs.py --check   # exit 1 if a committed PNG is missing, stale or left over

Drawn by resvg (no browser) with Noto Sans CJK only, the font the SVGs name for Chinese: the same SVG and
font files give the same bytes. Each PNG records the SHA-256 of its SVG, so --check needs no fonts.
"""
from __future__ import annotations

import hashlib
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

FIGURES = Path(__file__).resolve().parent.parent / "docs" / "assets" / "figures"
KEY = b"source-svg-sha256"


def fonts() -> list[str]:
    """Noto Sans CJK regular and bold, as fontconfig finds them."""
    try:
        found = subprocess.run(["fc-list", ":family=Noto Sans CJK SC", "file"], capture_output=True, text=True).stdout
    except OSError:
        found = ""
    if not (files := sorted({line.split(":")[0] for line in found.splitlines() if line.strip()})):
        sys.exit("make_pngs: Noto Sans CJK is not installed (Debian: apt-get install fonts-noto-cjk)")
    return files


def render(svg: Path, digest: str) -> bytes:
    import resvg_py  # only needed to draw; --check reads the recorded digest

    png = bytes(resvg_py.svg_to_bytes(svg_path=str(svg), zoom=2, skip_system_fonts=True, font_files=fonts()))
    text = KEY + b"\0" + digest.encode()  # a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR)
    return png[:33] + struct.pack(">I", len(text)) + b"tEXt" + text + struct.pack(">I", zlib.crc32(b"tEXt" + text)) + png[33:]


def generate(check: bool = False) -> list[str]:
    """Write every PNG, or with check, return what is out of date."""
    problems, wanted = [], {svg.with_suffix(".png"): svg for svg in sorted(FIGURES.glob("*.light.svg"))}
    for png, svg in wanted.items():
        digest = hashlib.sha256(svg.read_bytes()).hexdigest()
        found = re.search(KEY + rb"\0([0-9a-f]{64})", png.read_bytes()[:200]) if png.is_file() else None
        if found and found[1].decode() == digest:
            continue
        if check:
            problems.append(f"docs/assets/figures/{png.name}: missing or older than {svg.name}")
        else:
            png.write_bytes(render(svg, digest))
    return problems + [f"docs/assets/figures/{png.name}: no SVG beside it; delete it"
                       for png in sorted(FIGURES.glob("*.png")) if png not in wanted]


if __name__ == "__main__":
    if set(sys.argv[1:]) - {"--check"}:
        sys.exit(__doc__)
    problems = generate(check="--check" in sys.argv[1:])
    print("\n".join(problems + ["run: python3 scripts/make_pngs.py"]) if problems else "PNGs up to date")
    sys.exit(1 if problems else 0)
