"""Every generated file has a generator here; `python3 scripts/dev.py generate` runs them all.

    python scripts/generators.py          # rewrite every generated file
    python scripts/generators.py --check  # exit 1, naming each stale file

A generator is a module with OUT (its folder), write(out) -> names written and
stale(out) -> names that are missing, out of date or left over. Adding one is one line.
"""
from __future__ import annotations

import sys

import make_cards
import make_figures
import make_glossary
import make_pngs

GENERATORS = [make_figures, make_pngs, make_cards, make_glossary]


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for generator in GENERATORS:
        if check:
            stale += [generator.OUT / name for name in generator.stale(generator.OUT)]
        else:
            for name in generator.write(generator.OUT):
                print(generator.OUT / name)
    for path in stale:
        print(f"{path}: out of date; run python3 scripts/dev.py generate", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
