#!/usr/bin/env python3
"""Check every image a reader of this MkDocs site gets: `python scripts/check_images.py --help`; code in imagecheck/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from imagecheck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
