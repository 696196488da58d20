"""Shared fixtures: the real strict build, a GitHub-Pages-like server on 127.0.0.1,
and real headless Chromium driven by Playwright. The site itself (page list,
languages, build, server) comes from scripts/guide_site.py."""
from __future__ import annotations

import os
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from guide_site import CHROMIUM_FLAGS, LANGS, ROOT, SITE_URL, SLUGS, build_site, find_chromium, page_path, serve

__all__ = ["LANGS", "ROOT", "SITE_URL", "SLUGS", "page_path"]  # still imported from here by some test modules
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))
SHOT_QUALITY = 85  # screenshots are JPEG: a whole-page PNG took about twice as long to encode


BROWSER_FIXTURES = {"browser", "context", "site_server"}
# The image checker's own tests that build MkDocs projects (the real site or fixtures) or wait on real
# sockets and timeouts (their files belong to the checker; the tier is set here).
SLOW_MODULES = {"test_check_images_cli", "test_check_images_collect", "test_check_images_local",
                "test_check_images_remote"}


def pytest_collection_modifyitems(items):
    """Tiers without bookkeeping: a test that uses a browser fixture is `browser`, one that uses the shared
    build is `build`; `slow` is set by hand on a test that builds or runs a tool of its own.
    `dev.py test --fast` runs what is neither browser nor slow (the shared build included)."""
    for item in items:
        if item.module.__name__ in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if "built_site" in names or "site_server" in names:
            item.add_marker(pytest.mark.build)


def source_line(lang: str, slug: str, text: str = "") -> str:
    """Where a content failure points: 'docs/en/capabilities.md:12', the first line of the page's Markdown
    that holds `text` (or the file alone when no line does)."""
    path = ROOT / "docs" / lang / f"{slug}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next((n for n, line in enumerate(lines, 1) if text and text in line), None)
    return f"docs/{lang}/{slug}.md" + (f":{number}" if number else "")


def report_source() -> Path | None:
    """The report's text (report-pages.jsonl): $REPORT_PAGES, else shared/reference/ beside the checkout,
    as in CI, or one folder further up. tests/test_citations.py checks every quote against it."""
    if os.environ.get("REPORT_PAGES"):
        return Path(os.environ["REPORT_PAGES"]) if Path(os.environ["REPORT_PAGES"]).is_file() else None
    candidates = (up / "shared" / "reference" / "report-pages.jsonl" for up in (ROOT.parent, ROOT.parent.parent))
    return next((path for path in candidates if path.is_file()), None)


def pytest_report_header() -> list[str]:
    return [f"mkdocs-material {version('mkdocs-material')}, mkdocs {version('mkdocs')}",
            f"report text (quotes checked verbatim against it): {report_source() or 'not found, set REPORT_PAGES'}"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build for the whole run: with pytest-xdist (dev.py test), the first worker to ask builds
    into the run's shared temporary folder and the others wait for it (a folder made atomically is the lock)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # pytest-of-USER/pytest-N/, the workers' folders are inside it
    dest, log = shared / "shared-build" / "site", shared / "shared-build.log"
    try:
        (shared / "shared-build").mkdir()
    except FileExistsError:  # another worker builds, or has built
        deadline = time.monotonic() + 900
        while not log.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the shared build in {shared} did not finish in 15 minutes (did its worker stop?)")
            time.sleep(0.2)
    else:
        result = build_site(dest)
        (shared / "shared-build.tmp").write_text(f"{result.returncode}\n{result.stdout}{result.stderr}", encoding="utf-8")
        (shared / "shared-build.tmp").replace(log)  # complete when it appears
    code, _, output = log.read_text(encoding="utf-8").partition("\n")
    if code != "0":
        pytest.fail("mkdocs build --strict failed:\n" + output)
    return dest


@pytest.fixture(scope="session")
def site_server(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: run `python3 scripts/dev.py test`, which installs it.")
    with sync_playwright() as p:
        try:
            launched = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        except Exception as exc:  # no browser at all: say how to get one
            pytest.fail(
                "No Chromium to run the browser tests. Install Debian's chromium "
                "(`apt-get install chromium`) or Playwright's (`python -m playwright install chromium`).\n"
                f"Launch error: {exc}"
            )
        yield launched
        launched.close()


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def pytest_terminal_summary(terminalreporter):
    shots = ARTIFACTS / "screenshots"
    if shots.is_dir() and any(shots.glob("*.jpg")):
        terminalreporter.write_line(f"Screenshots of every page (desktop and phone): {shots}")
