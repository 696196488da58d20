"""The site as tests and benchmarks see it: page list and languages from mkdocs.yml,
a strict build, and a server that answers like GitHub Pages.

    from guide_site import PAGES, LANGS, SLUGS, page_path, build_site, serve
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config import load_config

from guide_data import languages, page_url, site_pages

ROOT = Path(__file__).resolve().parent.parent
BASE_PATH = "/gpt4-report-guide/"  # a GitHub Pages project site lives under /REPO/
SITE_URL = "https://guide.example" + BASE_PATH
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]
CONFIG = load_config(str(ROOT / "mkdocs.yml"))  # by MkDocs' own loader
LANGUAGES = languages(CONFIG)  # the default language first
PAGES = site_pages(CONFIG)  # every page in every language: .lang .slug .url .src .title
LANGS = tuple(lang.locale for lang in LANGUAGES)
SLUGS = tuple(page.slug for page in PAGES if page.lang == LANGS[0])
SITE_NAMES = {lang.locale: lang.site_name or CONFIG["site_name"] for lang in LANGUAGES}


def page_path(lang: str, slug: str) -> str:
    """URL path of a page below the site root, e.g. 'en/capabilities/' (as the hooks: guide_data.page_url)."""
    return page_url(CONFIG, lang, slug)


def build_site(dest: Path, strict: bool = True, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """`mkdocs build [--strict]` of config into dest by this interpreter's MkDocs, with SITE_URL."""
    env = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
           "-f", str(config), "-d", str(dest)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site the way GitHub Pages serves a project site: under BASE_PATH,
    directories redirect to a trailing slash, every missing path gets the site's root
    404.html with status 404, and text is gzipped for clients that accept it."""

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
            headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
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


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a built site on 127.0.0.1 in a thread; return the server and the site's URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on, for a `mkdocs serve` of a test or benchmark."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str, seconds: float = 120) -> bool:
    """Wait until url answers (a server starting up, its first build); False after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return True
        except OSError:  # URLError is one
            time.sleep(0.5)
    return False


def find_chromium() -> str | None:
    """$CHROMIUM, Debian's Chromium, then one on the PATH; else None (Playwright's own download)."""
    candidates = (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser"), shutil.which("google-chrome"))
    return next((path for path in candidates if path and Path(path).exists()), None)
