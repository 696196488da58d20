"""Collect pages: Markdown rendered by MkDocs itself (its loader, plugins and build), or built HTML."""

import io
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import Problem, UsageError, lines

MARKDOWN, HTML = (".md", ".markdown", ".mdown", ".mkdn", ".mkd"), (".html", ".htm")
IN_CLI_BUILD = False  # the in-build hook stands down while the CLI runs its own build


@dataclass
class Page:
    file: str  # as shown to the user: the Markdown source, or the built HTML file
    html: str  # the whole page, as MkDocs writes it
    url_dir: str  # the page's folder inside the site ("" or "en/guide/"): relative URLs start here
    markdown: bool = False  # rendered from Markdown: its images carry their source lines (imagecheck.lines)
    src_uri: str = ""  # MkDocs' name of the source, relative to docs_dir
    dest_to_src: dict = field(default_factory=dict)  # this build: output path -> source path
    shared: bool = False  # the same source is shown at several URLs (a language fallback)


@dataclass
class Site:
    files: set[str]
    site_url: str = ""
    _lower: dict | None = None

    @property
    def path(self) -> str:
        return urlsplit(self.site_url).path.rstrip("/") + "/"

    def similar(self, target: str) -> str | None:
        """The published file a wrong path most likely meant: same path in other letter case, or same name."""
        if self._lower is None:
            self._lower, self._names = {f.lower(): f for f in self.files}, {}
            for f in self.files:
                self._names.setdefault(posixpath.basename(f).lower(), []).append(f)
        named = self._names.get(posixpath.basename(target).lower(), [])
        return self._lower.get(target.lower()) or (named[0] if len(named) == 1 else None)


def walk(top: str, problems: list[Problem], suffixes: tuple = ("",)) -> list[str]:
    """Files under top (symlinks followed, as MkDocs and web servers do); unreadable folders are problems."""
    def error(err: OSError) -> None:
        problems.append(Problem(shown(err.filename), 1, "", "unreadable", f"could not read the folder: {err.strerror}"))

    found = []
    for folder, dirs, names in os.walk(top, onerror=error, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(folder, n) for n in sorted(names) if n.lower().endswith(suffixes)]
    return found


def scan_site(root: str, site_url: str, problems: list[Problem]) -> Site:
    return Site({_inside(f, root) for f in walk(root, problems)}, site_url)


def _inside(path: str, root: str) -> str:  # a path under root as a URL path (os.path.relpath: 10x slower)
    return path[len(os.path.join(root, "")):].replace(os.sep, "/")


def read(path: str, problems: list[Problem]) -> str | None:
    try:
        with open(path, "rb") as handle:
            return (data := handle.read()).decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        why = f"could not read the file: {err.strerror}" if isinstance(err, OSError) else (
            f"not valid UTF-8 text (byte 0x{data[err.start]:02x} on line {data.count(10, 0, err.start) + 1}); save it "
            "as UTF-8")
        problems.append(Problem(shown(path), 1, "", "unreadable", why))


def built_pages(files: list[str], root: str, problems: list[Problem]) -> list[Page]:
    texts = [(path, read(path, problems)) for path in files]
    return [Page(shown(path), text, _folder(_inside(path, root))) for path, text in texts if text is not None]


def load(config_file: str | None, docs_dir: str | None = None, site_url: str = ""):
    """MkDocs' own loader (INHERIT, !ENV, plugins...); a plain default site for a folder without a config."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    plain = f"site_name: check\nsite_url: '{site_url}'\ndocs_dir: '{os.path.abspath(docs_dir or '.')}'\n"
    try:
        return load_config(config_file if docs_dir is None else io.StringIO(plain))
    except (ConfigurationError, Abort) as err:  # Abort: MkDocs has logged its reasons above
        raise UsageError(f"MkDocs cannot load '{config_file or 'mkdocs.yml'}': {err}") from None


class Capture:
    """Plugin events added to the build: each wanted page as MkDocs writes it, its URL and its source."""

    def __init__(self, wanted, problems: list[Problem]):
        self.wanted, self.problems, self.pages, self.dest, self.seen = wanted, problems, [], {}, set()

    def on_files(self, files, config):
        for f in [f for f in files if f.is_documentation_page() and f.abs_src_path]:  # MkDocs aborts on one bad page
            self.seen.update([f.abs_src_path] if (wanted := self.wanted(f.abs_src_path)) else [])
            if read(f.abs_src_path, self.problems if wanted else []) is None:
                files.remove(f)
        self.dest = {f.dest_uri: f.src_uri for f in files}
        return files

    def on_post_page(self, html, page, config):
        if self.wanted(path := page.file.abs_src_path):  # a generated page (no source): its URL, HTML lines
            self.pages.append(Page(shown(path) if path else page.file.url, html, _folder(page.file.dest_uri),
                                   bool(path), page.file.src_uri, self.dest))
        return html


def render(config, wanted, problems: list[Problem]) -> tuple[list[Page], Site, int]:
    """Run the real build into a temporary folder: the wanted pages, the output tree, how many files."""
    global IN_CLI_BUILD
    from mkdocs.commands.build import build

    config.plugins["imagecheck-capture"] = capture = Capture(wanted, problems)
    config.plugins["imagecheck-lines"] = marks = lines.SourceLines(problems)  # source lines, a time bound
    config.markdown_extensions.append(marks)
    with tempfile.TemporaryDirectory(prefix="check-images-") as out:
        config.site_dir, config.strict, IN_CLI_BUILD = out, False, True
        try:
            build(config)  # an error: MkDocs' own message, exit 2
        finally:
            IN_CLI_BUILD = False
        return capture.pages, scan_site(out, config.site_url or "", problems), len(capture.seen)


def _folder(dest: str) -> str:
    return posixpath.dirname(dest) + "/" if "/" in dest else ""


def shown(path: str) -> str:  # relative to the working folder when inside it (os.path.relpath: 10x slower)
    return _inside(path, os.getcwd()) if path.startswith(os.path.join(os.getcwd(), "")) else path
