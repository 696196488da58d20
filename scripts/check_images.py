#!/usr/bin/env python3
"""Check every image a reader of this MkDocs site gets (MkDocs renders the Markdown; built HTML is checked as is).

Usage: python scripts/check_images.py [PATH ...] [options] (--help). The work: the package scripts/imagecheck/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from imagecheck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
