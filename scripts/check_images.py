#!/usr/bin/env python3
"""Check every image a reader of this MkDocs site gets: `python scripts/check_images.py --help`; code in imagecheck/."""

from imagecheck.cli import main  # scripts/imagecheck/, found beside this file (sys.path[0])

if __name__ == "__main__":
    raise SystemExit(main())
