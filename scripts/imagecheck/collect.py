"""Collect pages: Markdown rendered by MkDocs itself (its loader, plugins and build), or built HTML."""

from __future__ import annotations

import io
import logging
import os
import posixpath
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import Problem, UsageError

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
HTML = (".html", ".htm")
IN_CLI_BUILD = False  # the in-build hook stands down while the CLI runs its own build


@dataclass
class Page:
    file: str  # as shown to the user: the Markdown source, or the built HTML file
    html: str
    url_dir: str  # the page's folder inside the site ("" or "en/guide/"): relative URLs start here
    head: bool = False  # a whole built page: also check og:/twitter: images and favicons
    source: str | None = None  # Markdown text, to find the line an image came from
    src_uri: str = ""  # MkDocs' name of the source, relative to docs_dir
    dest_to_src: dict[str, str] = field(default_factory=dict)  # this build: output path -> source path
    shared: bool = False  # the same source is shown at several URLs (a language fallback)


@dataclass
class Site:
    """The output tree a reader gets, and where it is served."""

    root: str
    files: set[str]
    site_url: str = ""
    _lower: dict | None = None
    _names: dict | None = None

    @property
    def path(self) -> str:
        path = re.sub(r"^[a-z]+://[^/]*", "", self.site_url.split("?")[0]) or "/"
        return path if path.endswith("/") else path + "/"

    def similar(self, target: str) -> str | None:
        """The published file a wrong path most likely meant: same name in other letter case, or same name."""
        if self._lower is None:
            self._lower, self._names = {f.lower(): f for f in self.files}, {}
            for f in self.files:
                self._names.setdefault(posixpath.basename(f).lower(), []).append(f)
        named = self._names.get(posixpath.basename(target).lower(), [])
        return self._lower.get(target.lower()) or (named[0] if len(named) == 1 else None)


def walk(top: str, problems: list[Problem], suffixes: tuple = ()) -> list[str]:
    """Files under top (symlinks followed, as MkDocs and web servers do); unreadable folders are problems."""
    def error(err: OSError) -> None:
        problems.append(Problem(_shown(err.filename), 1, "", "unreadable", f"could not read the folder: {err.strerror}"))

    found = []
    for folder, dirs, names in os.walk(top, onerror=error, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(folder, n) for n in sorted(names) if not suffixes or n.lower().endswith(suffixes)]
    return found


def scan_site(root: str, site_url: str, problems: list[Problem]) -> Site:
    return Site(root, {os.path.relpath(f, root).replace(os.sep, "/") for f in walk(root, problems)}, site_url)


def read(path: str, problems: list[Problem]) -> str | None:
    try:
        data = Path(path).read_bytes()
        return data.decode("utf-8")
    except OSError as err:
        problems.append(Problem(_shown(path), 1, "", "unreadable", f"could not read the file: {err.strerror}"))
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problems.append(Problem(_shown(path), 1, "", "unreadable",
                                f"not valid UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); save it as UTF-8"))
    return None


def built_pages(files: list[str], root: str, problems: list[Problem]) -> list[Page]:
    pages = []
    for path in files:
        text = read(path, problems)
        if text is not None:
            url_dir = posixpath.dirname(os.path.relpath(path, root).replace(os.sep, "/"))
            pages.append(Page(_shown(path), text, url_dir + "/" if url_dir else "", head=True))
    return pages


def load(config_file: str | None, docs_dir: str | None = None, site_url: str = ""):
    """MkDocs' own loader (INHERIT, !ENV, plugins...); a plain default site for a folder without a config."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        with quiet():
            if docs_dir is None:
                return load_config(config_file)
            plain = io.StringIO(f"site_name: check\nsite_url: '{site_url}'\ndocs_dir: '{os.path.abspath(docs_dir)}'\n")
            return load_config(plain)
    except (ConfigurationError, Abort) as err:  # Abort: MkDocs has logged its reasons above
        raise UsageError(f"MkDocs cannot load '{config_file or 'mkdocs.yml'}': {err}") from None


class Capture:
    """A plugin added to the build: keeps each wanted page as MkDocs writes it, its URL and its source."""

    def __init__(self, wanted, problems: list[Problem]):
        self.wanted, self.problems, self.pages, self.dest, self.seen = wanted, problems, [], {}, set()

    def on_files(self, files, config):
        for f in [f for f in files if f.is_documentation_page()]:  # MkDocs aborts on one bad file
            self.seen.update([f.abs_src_path] if self.wanted(f.abs_src_path) else [])
            if read(f.abs_src_path, self.problems if self.wanted(f.abs_src_path) else []) is None:
                files.remove(f)
        self.dest = {f.dest_uri: f.src_uri for f in files}
        return files

    def on_page_markdown(self, markdown, page, config, files):
        # Python-Markdown rescans unclosed '<' tags and inline code once per match: hours for a few MB.
        tail = markdown.rfind(">") + 1
        runs = sum(1 for _ in re.finditer("`+", markdown)) if markdown.count("`") > 20000 else 0
        if markdown.count("<", tail) > 2000 or runs > 20000:
            what = f"{runs} backtick runs" if runs > 20000 else "thousands of unclosed '<' tags"
            self.problems.append(Problem(_shown(page.file.abs_src_path), 1, "", "unreadable",
                f"MkDocs' Markdown parser would take hours on this page ({what}); close the tags, "
                "write '<' as &lt;, or split the page"))
            return ""
        return markdown

    def on_post_page(self, html, page, config):
        if self.wanted(page.file.abs_src_path):
            url_dir = posixpath.dirname(page.file.dest_uri)
            self.pages.append(Page(_shown(page.file.abs_src_path), html, url_dir + "/" if url_dir else "", True,
                                   source=read(page.file.abs_src_path, []), src_uri=page.file.src_uri,
                                   dest_to_src=self.dest))
        return html


def render(config, wanted, problems: list[Problem]) -> tuple[list[Page], Site, int]:
    """Run the real build into a temporary folder; return the wanted pages and the output tree."""
    global IN_CLI_BUILD
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    capture = Capture(wanted, problems)
    config.plugins["imagecheck-capture"] = capture
    with tempfile.TemporaryDirectory(prefix="check-images-") as out, quiet():
        config.site_dir, config.strict, IN_CLI_BUILD = out, False, True
        try:
            build(config)
        except MkDocsException as err:
            raise UsageError(f"MkDocs could not build the site: {err}") from None
        finally:
            IN_CLI_BUILD = False
        site = scan_site(out, config.site_url or "", problems)
    return capture.pages, site, len(capture.seen)


@contextmanager
def quiet():
    logger = logging.getLogger("mkdocs")
    level, logger.level = logger.level, logging.ERROR
    try:
        yield
    finally:
        logger.setLevel(level)


def _shown(path: str) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel
