"""Shared fixtures: the real strict build, a GitHub-Pages-like server on
127.0.0.1, and real headless Chromium driven by Playwright."""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE_PATH = "/gpt4-report-guide/"  # a GitHub Pages project site lives under /REPO/
SITE_URL = "https://guide.example" + BASE_PATH
LANGS = ("zh", "en")
SLUGS = ("index", "capabilities", "visual-inputs", "steerability", "limitations",
         "calibration", "safety", "training", "sources")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))


def page_path(lang: str, slug: str) -> str:
    """URL path of a page below the site root, e.g. 'en/capabilities/'."""
    prefix = "" if lang == "zh" else f"{lang}/"
    return prefix if slug == "index" else f"{prefix}{slug}/"


def build_site(dest: Path, site_url: str = SITE_URL) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("build") / "site"
    result = build_site(dest)
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + result.stdout + result.stderr)
    return dest


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site the way GitHub Pages serves a project site:
    under BASE_PATH, directories redirect to a trailing slash, every missing
    path gets the site's root 404.html with status 404, and text is gzipped
    for clients that accept it."""

    GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_file(self, path: Path, status: int = 200):
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        headers = {"Content-Type": kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
                   "Cache-Control": "max-age=600"}
        if kind.startswith(self.GZIP_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        root = Path(self.directory)
        if not path.startswith(BASE_PATH):
            return self.send_file(root / "404.html", 404)
        target = root / path[len(BASE_PATH):]
        if target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or ".." in Path(path).parts:
            return self.send_file(root / "404.html", 404)
        return self.send_file(target)

    do_HEAD = do_GET


@pytest.fixture(scope="session")
def site_server(built_site):
    handler = functools.partial(PagesHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    server.shutdown()


def find_chromium() -> str | None:
    """Debian's Chromium first, then Playwright's own download, else None."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: run `python3 scripts/dev.py test`, which installs it.")
    executable = find_chromium()
    with sync_playwright() as p:
        try:
            launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
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
    if shots.is_dir() and any(shots.glob("*.png")):
        terminalreporter.write_line(f"Screenshots of every page (desktop and phone): {shots}")
