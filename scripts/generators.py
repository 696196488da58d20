"""Every generated file has a generator here; `python3 scripts/dev.py generate` runs them all.

    python scripts/generators.py          # rewrite every stale generated file
    python scripts/generators.py --check  # exit 1, naming each stale file

A generator is a module with OUT (its folder) and generate(out, check) -> the names of its files that are
missing, out of date or left over, rewritten unless check (guide_data.sync). Adding one is one line.
"""
from __future__ import annotations

import sys

from mkdocs.exceptions import PluginError

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
    try:
        stale = [generator.OUT / name for generator in GENERATORS
                 for name in generator.generate(generator.OUT, check)]
    except PluginError as error:  # bad data (guide_data names the file, and the line or key): no traceback
        print(error, file=sys.stderr)
        return 2
    for path in stale:
        print(f"{path}: out of date; run python3 scripts/dev.py generate" if check else path,
              file=sys.stderr if check else sys.stdout)
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
