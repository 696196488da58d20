"""Collect pages: Markdown rendered by MkDocs itself (its loader, plugins and build), or built HTML. In the checker's
build, `![` gets its source line, which goes onto the <img> Markdown makes of it (Capture.run), raw-HTML image tags
get data-imagecheck-html=<line>, and Python-Markdown has LIMIT s of CPU time per page."""

import io
import os
import posixpath
import re
import signal
import tempfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from types import SimpleNamespace
from urllib.parse import urlsplit

from markdown import Extension
from mkdocs.plugins import event_priority

from . import LIMIT, Problem, UsageError, parse

MARKDOWN, HTML = (".md", ".markdown", ".mdown", ".mkdn", ".mkd"), (".html", ".htm")
WRITTEN, BEFORE = re.compile(r"(?<!\\)((?:\\\\)*)!\["), re.compile("\ue0f1(\\d+)\ue0f2$")  # `![` not escaped, its line


@dataclass
class Page:
    file: str  # as shown to the user: the Markdown source, or the built HTML file
    html: str  # the whole page, as MkDocs writes it
    url_dir: str  # the page's folder inside the site ("" or "en/guide/"): relative URLs start here
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


Overtime = type("Overtime", (BaseException,), {})  # not an Exception: no `except Exception` on the way swallows it


class Capture(Extension):
    """Plugin events (the build hook uses on_files, on_post_page) and, in the checker's build, a Markdown extension."""
    page = busy = None  # the page MkDocs renders (on_page_markdown); busy while Python-Markdown converts it

    def __init__(self, wanted, problems: list[Problem]):  # no Extension.__init__: this extension has no options
        self.wanted, self.problems, self.pages, self.dest, self.seen = wanted, problems, [], {}, set()

    def on_files(self, files, config):
        for f in [f for f in files if f.is_documentation_page() and f.abs_src_path]:  # MkDocs aborts on one bad page
            self.seen.update([f.abs_src_path] if (wanted := self.wanted(f.abs_src_path)) else [])
            if read(f.abs_src_path, self.problems if wanted else []) is None:
                files.remove(f)
        self.dest = {f.dest_uri: f.src_uri for f in files}
        return files

    @event_priority(-1000)  # last: which page, and the text Python-Markdown gets from MkDocs
    def on_page_markdown(self, markdown, page, config, files):
        self.page = page

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(SimpleNamespace(run=self.mark), "imagecheck-lines", 1000)  # first (snippets later)
        md.treeprocessors.register(self, "imagecheck-lines", 15)  # run(): after inline patterns (20) made the <img>
        md.convert = lambda text, convert=md.convert: self.bounded(convert, text)

    def mark(self, text: list[str]) -> list[str]:  # source lines, mapped over stripped front matter, changed text
        where, page = [0] * len(text), self.page
        if page and page.file.abs_src_path and page.markdown == "\n".join(text):  # not a plugin's excerpt of it
            for i, j, n in SequenceMatcher(None, page.file.content_string.split("\n"), text).get_matching_blocks():
                where[j:j + n] = range(i + 1, i + n + 1)
        return [WRITTEN.sub(f"\\1\ue0f1{n}\ue0f2![", parse.TAG.sub(f"\\1 {parse.RAW}={n}", line))
                if n and ("<" in line or "![" in line) else line for n, line in zip(where, text)]

    def run(self, root) -> None:
        for parent in root.iter():
            for img, text in zip(parent, [parent.text] + [child.tail for child in parent]):
                if img.tag == "img" and (m := BEFORE.search(text or "")):
                    img.set(parse.MD, m[1])

    def overtime(self, *_) -> None:
        if self.busy:
            raise Overtime

    def bounded(self, convert, text: str) -> str:  # SIGPROF: the checker builds in the main thread
        before, self.busy = signal.signal(signal.SIGPROF, self.overtime), True
        try:
            signal.setitimer(signal.ITIMER_PROF, LIMIT)
            html, self.busy = convert(text), False
            return html
        except Overtime:
            self.problems.append(Problem(shown(self.page.file.abs_src_path or self.page.file.url), 1, "", "unreadable",
                                         f"MkDocs could not render this page within {LIMIT:g} s of CPU time (its "
                                         "images are not checked): split it, or find what slows Markdown down on it"))
            return ""
        finally:  # a late signal finds busy False
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, before)

    def on_post_page(self, html, page, config):
        if self.wanted(path := page.file.abs_src_path):  # a generated page (no source): its URL, HTML lines
            self.pages.append(Page(shown(path) if path else page.file.url, html, _folder(page.file.dest_uri),
                                   page.file.src_uri, self.dest))
        return html


def render(config, wanted, problems: list[Problem]) -> tuple[list[Page], Site, int]:
    """Run the real build into a temporary folder: the wanted pages, the output tree, how many files."""
    from mkdocs.commands.build import build

    config.plugins["imagecheck-capture"] = capture = Capture(wanted, problems)  # its name stands the hook down
    config.markdown_extensions.append(capture)  # source lines, a time bound: in this build only
    with tempfile.TemporaryDirectory(prefix="check-images-") as out:
        config.site_dir, config.strict = out, False
        build(config)  # an error: MkDocs' own message, exit 2
        return capture.pages, scan_site(out, config.site_url or "", problems), len(capture.seen)


def _folder(dest: str) -> str:
    return posixpath.dirname(dest) + "/" if "/" in dest else ""


def shown(path: str) -> str:  # relative to the working folder when inside it (os.path.relpath: 10x slower)
    return _inside(path, os.getcwd()) if path.startswith(os.path.join(os.getcwd(), "")) else path
