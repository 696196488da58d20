"""Reproducible builds: the same commit, built again later from a fresh clone
with the same SITE_URL, gives a byte-identical site (CSP hashes, generated
assets and all).

The fresh clone is `git clone` of this checkout's HEAD: uncommitted changes are
in the first build but not in the second, so commit before running this test
(a difference in a file you are editing usually means just that)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SITE_URL

pytestmark = pytest.mark.slow  # a fresh clone and a second build


def files(site) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_fresh_clone_builds_the_same_bytes(built_site, tmp_path):
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.fail("this test needs git and a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    dest = tmp_path / "site"
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                            cwd=clone, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, second = files(built_site), files(dest)
    assert sorted(first) == sorted(second), f"files differ: {sorted(set(first) ^ set(second))}"
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"not byte-identical (uncommitted changes? commit first): {differ}"
