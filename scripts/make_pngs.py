#!/usr/bin/env python3
"""PNG copies of the light figures, at twice their width, for editors that take no SVG.

    python3 scripts/make_pngs.py           # docs/assets/figures/NAME.LANG.light.svg -> NAME.LANG.light.png
    python3 scripts/make_pngs.py --check   # exit 1 if a committed PNG is missing, stale or left over

Rendered by resvg (no browser) with Noto Sans CJK only, the font the SVGs name for Chinese, so the
same SVG and font files give the same bytes on every machine.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIGURES = Path(__file__).resolve().parent.parent / "docs" / "assets" / "figures"


def fonts() -> list[str]:
    """Noto Sans CJK regular and bold, as fontconfig finds them."""
    try:
        found = subprocess.run(["fc-list", ":family=Noto Sans CJK SC", "file"], capture_output=True, text=True).stdout
    except OSError:
        found = ""
    files = sorted({line.split(":")[0] for line in found.splitlines() if line.strip()})
    if not files:
        sys.exit("make_pngs: Noto Sans CJK is not installed (Debian: apt-get install fonts-noto-cjk); "
                 "the PNGs must be drawn with it")
    return files


def render(svg: Path, font_files: list[str]) -> bytes:
    import resvg_py  # a test dependency, imported late so --help works without it

    return bytes(resvg_py.svg_to_bytes(svg_path=str(svg), zoom=2, skip_system_fonts=True, font_files=font_files))


def generate(check: bool = False) -> list[str]:
    """Write (or, with check, compare) every PNG; return the problems found in check mode."""
    font_files, problems = fonts(), []
    wanted = {svg.with_suffix(".png"): svg for svg in sorted(FIGURES.glob("*.light.svg"))}
    for png, svg in wanted.items():
        data = render(svg, font_files)
        if not check:
            png.write_bytes(data)
        elif not png.is_file() or png.read_bytes() != data:
            problems.append(f"{png.relative_to(FIGURES.parent.parent.parent)}: out of date with {svg.name}")
    problems += [f"{png.name}: no SVG beside it; delete it" for png in FIGURES.glob("*.png") if png not in wanted]
    return problems


if __name__ == "__main__":
    if set(sys.argv[1:]) - {"--check"}:
        sys.exit(__doc__)
    problems = generate(check="--check" in sys.argv[1:])
    print("\n".join(problems) or "PNGs up to date", file=sys.stderr if problems else sys.stdout)
    if problems:
        print("run: python3 scripts/make_pngs.py", file=sys.stderr)
    sys.exit(1 if problems else 0)
