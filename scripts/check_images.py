#!/usr/bin/env python3
"""Check every image a reader of this MkDocs site gets.

Usage: python scripts/check_images.py [PATH ...] [options]   (see --help)

Markdown under docs_dir is rendered by MkDocs itself (its config loader, plugins and build, into a
temporary folder); each page's images are checked against the real output tree and reported at
the Markdown line that wrote them. Built HTML is checked directly. The work is done by the
package scripts/imagecheck/. Exit status: 0 no problem, 1 problems found, 2 the check could not run.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from imagecheck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
