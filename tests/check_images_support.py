"""Shared by the tests/test_check_images_*.py modules: run the checker, build a fixture, the truth."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_images.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check_images"
SITE = FIXTURES / "site"
REGRESS = FIXTURES / "regress"
PNG = (SITE / "docs" / "assets" / "figures" / "chart.png").read_bytes()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BROKEN = ("missing-file", "absolute-path", "outside-root")

sys.path.insert(0, str(ROOT / "scripts"))
from imagecheck import cli  # noqa: E402


def check(*paths: str, cwd: Path = SITE, config: str | None = None, **options):
    """Run the checker in-process from `cwd` (where its mkdocs.yml is)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return cli.run(list(paths), config, cli.Options(**options))
    finally:
        os.chdir(old)


def found(report) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.problem) for p in report.problems]


def run_cli(*args: str, cwd: Path = SITE, env: dict | None = None, timeout: float = 120):
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**ENV, **(env or {})})


def mkdocs_build(project: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out), *args], cwd=project,
                          capture_output=True, text=True, timeout=300, env=ENV)


def truly_broken(out: Path, site_path: str = "/") -> set[str]:
    """File names of the images a reader of the built site does not get, computed from the files alone:
    every <img>/<source> src and srcset of every built page, resolved from the page's URL as a browser does."""
    broken = set()
    for page in out.rglob("*.html"):
        folder = page.parent.relative_to(out).as_posix()
        text = page.read_text(encoding="utf-8")
        if "<html" not in text:  # a file copied as is (a template under docs/), not a page
            continue
        for tag in BeautifulSoup(text, "html.parser").find_all(["img", "source"]):
            srcset = [c.split()[0] for c in tag.get("srcset", "").split(",") if c.strip()]
            for src in [tag.get("src", "")] + srcset:
                if urlsplit(src).scheme or urlsplit(src).netloc or not src:
                    continue
                path = unquote(urlsplit(src).path)
                if path.startswith("/"):
                    target = path[len(site_path):] if path.startswith(site_path) else None
                else:
                    target = os.path.normpath(os.path.join(folder, path))
                if target is None or target.startswith("..") or not (out / target).is_file():
                    broken.add(Path(path).name)
    return broken


def reported_broken(report) -> set[str]:
    return {Path(unquote(urlsplit(p.src).path)).name for p in report.problems if p.problem in BROKEN}


@pytest.fixture
def short_limit(monkeypatch):
    """imagecheck.LIMIT (CPU seconds a page may take to render or to parse) at 1 s, where its modules read it."""
    from imagecheck import collect, parse

    monkeypatch.setattr(collect, "LIMIT", 1.0)
    monkeypatch.setattr(parse, "LIMIT", 1.0)


def check_in_cpu_time(*paths: str, cwd: Path, seconds: float = 10):
    """check(), which must take less than `seconds` of CPU time in this process and its children (the parser's):
    a bound that holds on a busy machine too, not a benchmark."""
    def cpu() -> float:
        return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                              resource.RUSAGE_CHILDREN)))

    before = cpu()
    report = check(*paths, cwd=cwd)
    assert cpu() - before < seconds
    return report
