#!/usr/bin/env python3
"""Check every image a reader of this MkDocs site will see.

Usage: python scripts/check_images.py [PATH ...] [options]   (see --help)

PATH may be Markdown sources (resolved exactly as MkDocs + mkdocs-static-i18n
resolve them, in every language build) or built HTML (resolved against the
built tree). Remote images are fetched once per distinct URL and must answer
with a real image, with the site's page as Referer, as a browser would.

Exit status: 0 no problem, 1 problems found, 2 the check could not run.

The module is organised as parse -> resolve -> check -> report; ``main()`` at
the bottom wires them together. Only ``httpx`` is needed beyond the standard
library (and ``PyYAML``, which MkDocs already installs), and only for remote
checks.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator
from urllib.parse import unquote, urljoin, urlsplit

if TYPE_CHECKING:  # imported lazily: only remote checks need asyncio
    import asyncio

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
HTML_SUFFIXES = (".html", ".htm")
LOCALE_RE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")  # as mkdocs-static-i18n
REDIRECT_LIMIT = 10
RETRY_LIMIT = 2
RETRY_AFTER_MAX = 10.0  # seconds we are willing to wait for a 429/503
SNIFF_BYTES = 512
USER_AGENT = "Mozilla/5.0 (compatible; check_images; +https://www.mkdocs.org/)"
IMG_ACCEPT = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"


class UsageError(Exception):
    """The check could not run (exit status 2)."""


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class ImageRef:
    """One image reference as written in a file."""

    file: str  # as shown to the user
    line: int
    src: str
    origin: str  # "markdown" (rewritten by MkDocs), "html-in-markdown" (raw, not rewritten), "html" (built page)
    alt: str | None = None  # None: no alt attribute at all
    needs_alt: bool = True  # srcset candidates and <source> do not carry alt
    note: str = ""  # e.g. "defined on line 12" for reference-style images


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    src: str
    problem: str
    message: str


@dataclass(frozen=True)
class Language:
    locale: str
    default: bool
    prefix: str  # "" for the default language, "en/" otherwise


@dataclass
class SiteConfig:
    """What the checker needs from mkdocs.yml."""

    root: Path
    docs_dir: Path
    site_dir: Path
    site_url: str = ""
    site_path: str = "/"
    use_directory_urls: bool = True
    languages: list[Language] = field(default_factory=list)  # empty: no i18n plugin
    structure: str = "folder"
    fallback_to_default: bool = True
    extensions: frozenset[str] = frozenset()
    mkdocs_aware: bool = True


@dataclass
class Options:
    offline: bool = False
    no_remote: bool = False
    timeout: float = 10.0
    concurrency: int = 8
    cache: Path | None = None
    cache_max_age: float = 86400.0
    progress: bool = False


@dataclass
class Report:
    files: int
    images: int
    skipped: int
    problems: list[Problem]


@dataclass
class RemoteVerdict:
    ok: bool
    problem: str = ""
    message: str = ""
    status: int = 0  # the HTTP status behind an http-error


# ---------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------


def _yaml_loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """Safe loader that reads !ENV and ignores every other tag (never executes it)."""

    def construct_env(loader, node):
        if isinstance(node, yaml.ScalarNode):
            names, default = [loader.construct_scalar(node)], None
        else:
            items = loader.construct_sequence(node)
            names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
        for name in names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return default

    def construct_other(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_mapping(node)

    Loader.add_constructor("!ENV", construct_env)
    Loader.add_multi_constructor("", construct_other)
    return Loader


def _entries(items) -> Iterator[tuple[str, dict]]:
    """Yield (name, settings) for a mkdocs.yml plugins / markdown_extensions list or mapping."""
    if isinstance(items, dict):
        items = [{k: v} for k, v in items.items()]
    for item in items or []:
        if isinstance(item, str):
            yield item, {}
        elif isinstance(item, dict):
            for name, settings in item.items():
                yield str(name), settings if isinstance(settings, dict) else {}


def load_config(path: Path | None) -> SiteConfig:
    """Read mkdocs.yml. Without one, fall back to plain file-relative checking."""
    explicit = path is not None
    path = path or Path("mkdocs.yml")
    if not path.is_file():
        if explicit:
            raise UsageError(f"config file '{path}' does not exist")
        root = Path.cwd()
        return SiteConfig(root=root, docs_dir=root / "docs", site_dir=root / "site", mkdocs_aware=False)
    try:
        import yaml

        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
    except UnicodeDecodeError:
        raise UsageError(f"could not read '{path}': it is not UTF-8 text") from None
    except OSError as err:
        raise UsageError(f"could not read '{path}': {err.strerror}") from None
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f":{where.line + 1}" if where else ""
        what = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise UsageError(f"could not read '{path}{line}': invalid YAML ({what})") from None
    if not isinstance(data, dict):
        raise UsageError(f"could not read '{path}': expected a mapping of settings at the top level")
    root = _abs(path).parent
    site_url = str(data.get("site_url") or "")
    site_path = urlsplit(site_url).path or "/"
    if not site_path.endswith("/"):
        site_path += "/"
    config = SiteConfig(
        root=root,
        docs_dir=_abs(root / str(data.get("docs_dir") or "docs")),
        site_dir=_abs(root / str(data.get("site_dir") or "site")),
        site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
        site_path=site_path,
        use_directory_urls=bool(data.get("use_directory_urls", True)),
        extensions=frozenset(name for name, _ in _entries(data.get("markdown_extensions"))),
    )
    for name, settings in _entries(data.get("plugins")):
        if name.split("/")[-1] != "i18n":
            continue
        config.structure = str(settings.get("docs_structure", "suffix"))
        config.fallback_to_default = bool(settings.get("fallback_to_default", True))
        langs = [lang for lang in settings.get("languages") or [] if isinstance(lang, dict)]
        built = [lang for lang in langs if lang.get("build", True) and lang.get("locale") not in (None, "null")]
        if not built:
            raise UsageError(f"'{path}': the i18n plugin lists no language to build")
        default = next((str(lang["locale"]) for lang in built if lang.get("default")), str(built[0]["locale"]))
        config.languages = [
            Language(str(lang["locale"]), str(lang["locale"]) == default, "" if str(lang["locale"]) == default else f"{lang['locale']}/")
            for lang in built
        ]
    return config


# ---------------------------------------------------------------------------
# Parse: Markdown
# ---------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_LIST_ITEM = re.compile(r"^([*+-]|\d{1,9}[.)])(\s+|$)")
_ADMONITION = re.compile(r"^!!!\s+\S")
_DETAILS = re.compile(r"^\?\?\?\+?\s+\S")
_TAB = re.compile(r"^===\+?!?\s+[\"']")
_CODE_OR_COMMENT = re.compile(r"[`<](?:(?<=`)`*|(?<=<)!--)")  # a backtick run or "<!--", found fast
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

# possessive quantifiers (Python 3.11+) keep these linear and fast
_ALT = r"(?:[^\[\]\\]++|\\.|\[(?:[^\[\]\\]++|\\.)*+\])*+"
_DEST = r"<[^<>\n]*+>|(?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.)*+\))*+"
_TITLE = r"\"(?:[^\"\\]++|\\.)*+\"|'(?:[^'\\]++|\\.)*+'|\((?:[^()\\]++|\\.)*+\)"
_MD_IMAGE = re.compile(
    r"!\[(?P<alt>" + _ALT + r")\]"
    r"(?:\(\s*(?P<dest>" + _DEST + r")(?:\s+(?:" + _TITLE + r"))?\s*\)"
    r"|\[(?P<ref>(?:[^\[\]\\]++|\\.)*+)\])?",
    re.S,
)
_REF_DEF = re.compile(
    r"^[ \t]*\[(?P<label>[^\]^][^\]]*)\]:[ \t]*\n?[ \t]*(?:<(?P<angle>[^<>\n]*)>|(?P<plain>\S+))"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
    re.M,
)
_HTML_TAG = re.compile(r"<(?P<name>img|source|meta|link)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
_HTML_SKIP = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|template|textarea)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
_ESCAPED = re.compile(r"\\(.)")


def _blank(text: str) -> str:
    """Same length, newlines kept, everything else a space (keeps offsets and line numbers)."""
    return re.sub(r"[^\n]", " ", text)


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _container_regex(extensions: frozenset[str] | set[str]) -> re.Pattern | None:
    """The line that opens a block whose content is indented 4 more (admonition, details, tab)."""
    parts = []
    if "admonition" in extensions:
        parts.append(_ADMONITION.pattern.lstrip("^"))
    if "pymdownx.details" in extensions:
        parts.append(_DETAILS.pattern.lstrip("^"))
    if "pymdownx.tabbed" in extensions:
        parts.append(_TAB.pattern.lstrip("^"))
    return re.compile("|".join(parts)) if parts else None


def mask_markdown(text: str, extensions: Iterable[str] = ()) -> str:
    """Blank out what the site does not render as Markdown: front matter, code and HTML comments.

    Fenced blocks (at any container depth, as pymdownx.superfences allows), indented code
    blocks (relative to the enclosing list item, admonition, details or tab), inline code
    spans and HTML comments become blank, so image syntax inside them is not found.
    Line breaks are kept, so line numbers stay those of the source.
    """
    containers = _container_regex(frozenset(extensions))
    lines = text.split("\n")
    out = lines  # masked in place: only whole lines are blanked here
    start = 0
    if lines and lines[0].rstrip() == "---":  # YAML front matter, stripped by MkDocs
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                for j in range(i + 1):
                    out[j] = ""
                start = i + 1
                break
    stack = [0]  # content indentation of the open containers
    fence_char, fence_len = "", 0
    prev_blank, prev_code, in_para = True, False, False
    for i in range(start, len(lines)):
        line = lines[i]
        if fence_char:
            out[i] = ""
            stripped = line.strip()
            if stripped[:1] == fence_char and len(stripped) >= fence_len and not stripped.strip(fence_char):
                fence_char = ""
            continue
        first = line[:1]
        if first == " " or first == "\t":
            body = line.lstrip()
            if not body:
                prev_blank, in_para = True, False
                if prev_code:
                    out[i] = ""
                continue
            indent = _indent(line)
        elif not first:
            prev_blank, in_para = True, False
            if prev_code:
                out[i] = ""
            continue
        else:
            body, indent = line, 0
        top = stack[-1]
        if indent < top:
            while len(stack) > 1 and indent < stack[-1]:
                stack.pop()
            top = stack[-1]
        rel = indent - top
        if rel >= 4:
            if prev_code or (prev_blank and not in_para):
                out[i] = ""  # indented code block
                prev_blank, prev_code = False, True
                continue
            prev_blank, prev_code, in_para = False, False, True
            continue
        prev_code = False
        lead = body[0]
        if lead == "`" or lead == "~":
            m = _FENCE_OPEN.match(body)
            if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                fence_char, fence_len = m.group(2)[0], len(m.group(2))
                out[i] = ""
                prev_blank, in_para = True, False
                continue
        elif containers is not None and lead in "!?=" and containers.match(body):
            stack.append(indent + 4)
            prev_blank, in_para = True, False
            continue
        elif lead in "*+-0123456789" and _LIST_ITEM.match(body):
            stack.append(indent + 4)
        prev_blank, in_para = False, True
    text = "\n".join(out)
    # inline code spans and HTML comments, in order of appearance
    parts = []
    pos = 0
    for m in _CODE_OR_COMMENT.finditer(text):
        if m.start() < pos:
            continue
        if m.group() == "<!--":
            end = text.find("-->", m.end())
            end = len(text) if end < 0 else end + 3
        else:
            if m.start() > 0 and text[m.start() - 1] == "\\":
                continue
            run = len(m.group())
            close = _closing_backticks(run).search(text, m.end())
            if not close or _BLANK_LINE.search(text, m.end(), close.start()):
                pos = m.end()
                continue
            end = close.end()
        parts.append(text[pos : m.start()])
        parts.append(_blank(text[m.start() : end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


_CLOSERS: dict[int, re.Pattern] = {}


def _closing_backticks(run: int) -> re.Pattern:
    if run not in _CLOSERS:
        _CLOSERS[run] = re.compile(r"(?<!`)`{%d}(?!`)" % run)
    return _CLOSERS[run]


class _LineIndex:
    """Line number of an offset; fastest when asked in increasing order."""

    def __init__(self, text: str):
        self.text = text
        self.offset, self.number = 0, 1

    def line(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.number = 0, 1
        self.number += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.number


def _unescape_md(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _normalize_label(label: str) -> str:
    return " ".join(label.split()).lower()


def parse_srcset(value: str) -> list[str]:
    """Every candidate URL of a srcset, descriptors stripped."""
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while i < n and value[i] != ",":  # descriptors
                i += 1
        if url:
            urls.append(url)
    return urls


def _parse_tag(text: str) -> tuple[str, dict[str, str | None]] | None:
    """Name and attributes (entities decoded) of one start tag, by the standard HTML parser."""
    from html.parser import HTMLParser

    found: list[tuple[str, dict[str, str | None]]] = []

    class TagParser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

        handle_startendtag = handle_starttag

    parser = TagParser(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return found[0] if found else None


def _refs_from_tag(path: str, line: int, tag: str, attrs: dict, origin: str) -> list[ImageRef]:
    refs: list[ImageRef] = []
    if tag == "img":
        alt = (attrs["alt"] or "") if "alt" in attrs else None  # None: no alt attribute at all
        urls = ([attrs["src"] or ""] if "src" in attrs else []) + parse_srcset(attrs.get("srcset") or "")
        for i, url in enumerate(urls or [""]):
            refs.append(ImageRef(path, line, url, origin, alt, needs_alt=i == 0))
    elif tag == "source":
        for url in parse_srcset(attrs.get("srcset") or ""):
            refs.append(ImageRef(path, line, url, origin, "", needs_alt=False))
    elif tag == "meta" and origin == "html":
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key in ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"):
            refs.append(ImageRef(path, line, attrs.get("content") or "", origin, "", needs_alt=False))
    elif tag == "link" and origin == "html":
        rels = (attrs.get("rel") or "").lower().split()
        if {"icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"} & set(rels):
            refs.append(ImageRef(path, line, attrs.get("href") or "", origin, "", needs_alt=False))
    return refs


def _html_tag_refs(path: str, text: str, lines: _LineIndex, origin: str) -> list[ImageRef]:
    refs = []
    for m in _HTML_TAG.finditer(text):
        name = m.group("name").lower()
        if origin != "html" and name in ("meta", "link"):
            continue
        parsed = _parse_tag(m.group())
        if parsed:
            refs.extend(_refs_from_tag(path, lines.line(m.start()), parsed[0], parsed[1], origin))
    return refs


def parse_markdown(path: str, text: str, extensions: Iterable[str] = ()) -> tuple[list[ImageRef], list[Problem]]:
    """Image references of a Markdown page, with their source lines."""
    masked = mask_markdown(text, extensions)
    lines = _LineIndex(masked)
    refs: list[ImageRef] = []
    problems: list[Problem] = []
    definitions: dict[str, tuple[str, int]] = {}
    for m in _REF_DEF.finditer(masked) if "]:" in masked else ():
        label = _normalize_label(m.group("label"))
        if label not in definitions:  # the first definition wins
            dest = m.group("angle") if m.group("angle") is not None else m.group("plain")
            definitions[label] = (_unescape_md(dest), lines.line(m.start("label")))
    for m in _MD_IMAGE.finditer(masked):
        if m.start() and masked[m.start() - 1] == "\\":
            continue  # \![...] is an escaped '!', not an image
        alt = m.group("alt")
        line = lines.line(m.start())
        if m.group("dest") is not None:
            dest = m.group("dest")
            if dest.startswith("<"):
                dest = dest[1:-1]
            if "\\" in dest:
                dest = _unescape_md(dest)
            refs.append(ImageRef(path, line, dest.strip(), "markdown", alt.strip()))
            continue
        label = _normalize_label(m.group("ref") or alt)
        explicit = bool(m.group("ref"))
        if label in definitions:
            dest, def_line = definitions[label]
            refs.append(ImageRef(path, line, dest, "markdown", alt.strip(), note=f"defined on line {def_line}"))
        elif explicit:
            problems.append(
                Problem(
                    str(path), line, m.group(), "bad-url",
                    f"the image reference [{m.group('ref')}] is not defined anywhere on the page, so readers see "
                    f"the raw text; add a line '[{m.group('ref')}]: path/to/image.png'",
                )
            )
    if "<img" in masked or "<source" in masked or "<IMG" in masked or "<picture" in masked:
        refs.extend(_html_tag_refs(path, masked, lines, "html-in-markdown"))
    refs.sort(key=lambda r: r.line)
    return refs, problems


def parse_html(path: str, text: str) -> list[ImageRef]:
    """Images of a built HTML page: <img>, srcset, <source>, og:/twitter: images and favicons."""
    masked = _HTML_SKIP.sub(lambda m: _blank(m.group()), text)
    return _html_tag_refs(path, masked, _LineIndex(masked), "html")


# ---------------------------------------------------------------------------
# Resolve: the MkDocs + mkdocs-static-i18n layout
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DocFile:
    src_uri: str  # relative to docs_dir, as MkDocs names it
    locale: str | None  # the language it belongs to (None without i18n)
    norm_uri: str  # src_uri without the language folder / suffix
    is_page: bool


@dataclass
class Build:
    """One language build: which source files it uses and where it writes them."""

    language: Language | None
    src_uris: dict[str, DocFile]  # what MkDocs' Files.src_uris holds in this build
    dest: dict[str, str]  # src_uri -> dest path in the site


@dataclass
class Layout:
    config: SiteConfig
    files: set[str]  # every file in docs_dir, relative, exact case
    lower: dict[str, str]  # lower-cased -> actual, for case hints
    builds: list[Build]
    site_files: set[str]  # every path the whole build writes (all languages)

    def page_url(self, build: Build, src_uri: str) -> str:
        return dest_to_url(build.dest[src_uri], self.config.use_directory_urls)


def dest_to_url(dest: str, use_directory_urls: bool) -> str:
    dirname, filename = posixpath.split(dest)
    if use_directory_urls and filename == "index.html":
        return dirname + "/" if dirname else ""
    return dest


def mkdocs_dest(src_uri: str, use_directory_urls: bool) -> str:
    if not src_uri.endswith(MARKDOWN_SUFFIXES):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    name = "index" if stem == "README" else stem
    if not use_directory_urls or name == "index":
        return posixpath.join(parent, name + ".html")
    return posixpath.join(parent, name, "index.html")


def classify_doc_file(src_uri: str, config: SiteConfig) -> DocFile:
    is_page = src_uri.endswith(MARKDOWN_SUFFIXES)
    if not config.languages:
        return DocFile(src_uri, None, src_uri, is_page)
    locales = [lang.locale for lang in config.languages]
    default = next(lang.locale for lang in config.languages if lang.default)
    if config.structure == "folder":
        first = src_uri.split("/", 1)[0]
        if "/" in src_uri and (first in locales or LOCALE_RE.match(first)):
            return DocFile(src_uri, first, src_uri.split("/", 1)[1], is_page)
        return DocFile(src_uri, default, src_uri, is_page)
    # suffix structure: name.<locale>.ext
    parent, filename = posixpath.split(src_uri)
    pieces = filename.split(".")
    if len(pieces) >= 3 and (pieces[-2] in locales or LOCALE_RE.match(pieces[-2])):
        norm = ".".join(pieces[:-2] + pieces[-1:])
        return DocFile(src_uri, pieces[-2], posixpath.join(parent, norm), is_page)
    return DocFile(src_uri, default, src_uri, is_page)


def _i18n_dest(f: DocFile, lang: Language, default: Language, config: SiteConfig) -> str:
    """Where mkdocs-static-i18n writes a file in one language build (see its create_i18n_file).

    Pages go under the build's folder; an asset goes there only when it belongs to that
    language. Shared and default-language assets are written once, at the site root.
    """
    owner = lang if (f.is_page or f.locale == lang.locale) else default
    dest = mkdocs_dest(f.norm_uri, config.use_directory_urls)
    return owner.prefix + dest


def build_layout(config: SiteConfig) -> Layout:
    files: set[str] = set()
    docs = config.docs_dir
    if docs.is_dir():
        for dirpath, dirnames, filenames in os.walk(docs):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            rel = os.path.relpath(dirpath, docs).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            if rel in ("templates/",):
                continue
            files.update(rel + name for name in filenames if not name.startswith("."))
    lower = {f.lower(): f for f in files}
    doc_files = [classify_doc_file(f, config) for f in sorted(files)]
    builds: list[Build] = []
    if not config.languages:
        dest = {f.src_uri: mkdocs_dest(f.src_uri, config.use_directory_urls) for f in doc_files}
        builds.append(Build(None, {f.src_uri: f for f in doc_files}, dest))
    else:
        default = next(lang for lang in config.languages if lang.default)
        for lang in config.languages:
            chosen: dict[str, DocFile] = {}
            for f in doc_files:
                have = chosen.get(f.norm_uri)
                if f.locale == lang.locale:
                    if have is None or have.locale != lang.locale or f.src_uri != f.norm_uri:
                        chosen[f.norm_uri] = f
                elif config.fallback_to_default and f.locale == default.locale and have is None:
                    chosen[f.norm_uri] = f
            used = {f.src_uri: f for f in chosen.values()}
            dest = {uri: _i18n_dest(f, lang, default, config) for uri, f in used.items()}
            builds.append(Build(lang, used, dest))
    site_files = {d for b in builds for d in b.dest.values()}
    return Layout(config, files, lower, builds, site_files)


def lookup_in_build(layout: Layout, build: Build, target_uri: str) -> DocFile | None:
    """mkdocs-static-i18n's I18nFiles.get_file_from_path (folder or suffix), or plain MkDocs."""
    path = "index.md" if target_uri == "." else target_uri
    lang = build.language
    if lang is None:
        return build.src_uris.get(path)
    config = layout.config
    default = next(item.locale for item in config.languages if item.default)
    if config.structure == "folder":
        first, _, rest = path.partition("/")
        rest = rest or "."
        if first == lang.locale:
            candidates = [path, f"{default}/{rest}" if config.fallback_to_default else None, rest]
        elif first == default:
            candidates = [path, f"{lang.locale}/{rest}" if config.fallback_to_default else None, rest]
        else:
            candidates = [f"{lang.locale}/{path}", f"{default}/{path}" if config.fallback_to_default else None, path]
    else:
        stem, ext = posixpath.splitext(path)
        candidates = [f"{stem}.{lang.locale}{ext}", f"{stem}.{default}{ext}", path]
    for candidate in candidates:
        if candidate is not None:
            found = build.src_uris.get(posixpath.normpath(candidate))
            if found:
                return found
    return None


def resolve_url_path(base_dir: str, path: str) -> str:
    """Resolve a relative URL path against an absolute directory URL path, as a browser does."""
    segments = [s for s in base_dir.split("/") if s]
    parts = path.split("/")
    for i, part in enumerate(parts):
        if part == "..":
            if segments:
                segments.pop()
        elif part not in (".", "") or (part == "" and i == len(parts) - 1):
            segments.append(part)
    return "/" + "/".join(segments)


# ---------------------------------------------------------------------------
# Check: local references
# ---------------------------------------------------------------------------

_GOOD_SCHEMES = ("http", "https")


def classify_src(src: str, site_url: str) -> tuple[str, str]:
    """Return (kind, detail): kind is local, self (our own site_url), remote, data or bad."""
    if src and ":" not in src and "\\" not in src and not src.startswith("//") and src.isprintable() \
            and " " not in src:
        return "local", ""  # the common case, decided without parsing
    if not src.strip():
        return "bad", "the image address is empty"
    if any(ch in src for ch in "\n\r\t") or src != src.strip():
        return "bad", "the image address contains spaces or line breaks; encode a space as %20"
    if "\\" in src:
        return "bad", "the image address contains a backslash; use forward slashes"
    try:
        parts = urlsplit(src)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as err:
        return "bad", f"the image address is not a valid URL ({err})"
    scheme = parts.scheme.lower()
    if scheme == "data":
        return "data", ""
    if site_url and src.startswith(site_url):
        return "self", src[len(site_url):]
    if src.startswith("//"):
        return "remote", "https:" + src
    if scheme in _GOOD_SCHEMES:
        if not parts.hostname:
            return "bad", "the image address has no host name"
        return "remote", src
    if scheme:
        return "bad", f"a '{scheme}:' address cannot be shown as an image"
    return "local", ""


def _url_path(src: str) -> str:
    """The path of a local URL: no ?query, no #fragment (Material's #only-light), percent-decoded."""
    return unquote(urlsplit(src).path)


class LocalChecker:
    """Checks local references against the layout, caching every resolution."""

    def __init__(self, config: SiteConfig, layout: Layout | None):
        self.config = config
        self.layout = layout
        self._cache: dict[tuple, tuple[str, str] | None] = {}
        self._tree_cache: dict[Path, set[str]] = {}

    # -- helpers -----------------------------------------------------------
    def _case_hint(self, path: str, known: set[str] | dict) -> str:
        lowered = path.lower()
        if isinstance(known, dict):
            actual = known.get(lowered)
        else:
            actual = next((k for k in known if k.lower() == lowered), None) if len(known) < 5000 else None
        if actual and actual != path:
            return f"; a file '{actual}' exists, but the case differs (GitHub Pages is case-sensitive)"
        return ""

    def tree(self, root: Path) -> set[str]:
        if root not in self._tree_cache:
            found = set()
            for dirpath, _, filenames in os.walk(root):
                rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
                rel = "" if rel == "." else rel + "/"
                found.update(rel + name for name in filenames)
            self._tree_cache[root] = found
        return self._tree_cache[root]

    # -- Markdown pages in docs_dir ----------------------------------------
    def check_markdown_ref(self, ref: ImageRef, src_uri: str, page_key: tuple) -> tuple[str, str] | None:
        """page_key: (folder of the page, builds that contain it) -- pages alike resolve alike."""
        key = (ref.origin, ref.src, page_key if ref.origin == "markdown" else src_uri)
        if key not in self._cache:
            if ref.origin == "markdown":
                self._cache[key] = self._check_md_image(ref.src, src_uri)
            else:
                self._cache[key] = self._check_raw_html(ref.src, src_uri)
        return self._cache[key]

    def _builds_with_page(self, src_uri: str) -> list[Build]:
        assert self.layout is not None
        return [b for b in self.layout.builds if src_uri in b.src_uris]

    def _check_md_image(self, src: str, src_uri: str) -> tuple[str, str] | None:
        layout = self.layout
        assert layout is not None
        if src.startswith("/"):
            return "absolute-path", self._absolute_hint(src, src_uri)
        path = _url_path(src)
        if not path:
            return "bad-url", "the image address has no file path, only a query or fragment"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if target == ".." or target.startswith("../"):
            return "outside-root", (
                f"'{path}' leads outside the docs folder ({_rel(self.config.docs_dir)}); "
                "MkDocs only publishes files inside it — move the image into the docs folder"
            )
        failing = []
        for build in self._builds_with_page(src_uri):
            found = lookup_in_build(layout, build, target)
            if found is None:
                failing.append(build)
            elif found.is_page:
                return "not-an-image", f"'{path}' is a Markdown page, not an image"
        if not failing:
            return None
        hint = self._case_hint(target, layout.lower)
        builds = self._builds_with_page(src_uri)
        where = ", ".join(f"{b.language.locale} (/{b.language.prefix})" for b in failing if b.language)
        if target in layout.files:
            fallback = "" if self.config.fallback_to_default else (
                "; with fallback_to_default: false the i18n plugin leaves the default language's and "
                "shared files out of the other languages' builds")
            return "missing-file", (
                f"'{_rel(self.config.docs_dir / target)}' exists, but the {where} build of this page does "
                f"not include it, so MkDocs cannot link it there{fallback}; put a copy in that language's "
                f"folder, or reference a file that build includes"
            )
        if len(failing) == len(builds) or not failing[0].language:
            return "missing-file", f"'{_rel(self.config.docs_dir / target)}' does not exist{hint}"
        return "missing-file", (
            f"the image is missing in the {where} build: MkDocs finds no '{target}' for that language "
            f"and no fallback in another{hint}"
        )

    def _absolute_hint(self, src: str, src_uri: str) -> str:
        text = (
            f"a root-absolute path breaks when the site is served under a sub-path "
            f"(site_url path {self.config.site_path})"
        )
        target = _url_path(src).lstrip("/")
        if self.layout and target in self.layout.files:
            relative = posixpath.relpath(target, posixpath.dirname(src_uri) or ".")
            return text + f"; write '{relative}' instead"
        return text + "; use a path relative to this page's source file"

    def _check_raw_html(self, src: str, src_uri: str) -> tuple[str, str] | None:
        """Raw HTML is not rewritten: the browser resolves it from the page URL in every build."""
        layout = self.layout
        assert layout is not None
        site_path = self.config.site_path
        if src.startswith("/"):
            return "absolute-path", self._absolute_hint(src, src_uri)
        path = _url_path(src)
        if not path:
            return "bad-url", "the image address has no file path, only a query or fragment"
        failing: list[tuple[str, str, str]] = []
        for build in self._builds_with_page(src_uri):
            page = site_path + layout.page_url(build, src_uri)
            page_dir = page if page.endswith("/") else posixpath.dirname(page) + "/"
            resolved = resolve_url_path(page_dir, path)
            if not resolved.startswith(site_path):
                return "outside-root", (
                    f"on the page {page} this raw HTML image resolves to {resolved}, outside the site "
                    f"({site_path}); raw HTML is not rewritten by MkDocs — use Markdown image syntax"
                )
            if resolved[len(site_path):] not in layout.site_files:
                failing.append((page, resolved, build.language.locale if build.language else ""))
        if not failing:
            return None
        builds = self._builds_with_page(src_uri)
        shown = "; ".join(f"on {page} it asks for {res}" for page, res, _ in failing)
        if len(failing) < len(builds):
            good = [b for b in builds if all(b.language is None or b.language.locale != f[2] for f in failing)]
            good_pages = ", ".join(site_path + layout.page_url(b, src_uri) for b in good)
            return "missing-file", (
                f"raw HTML <img> is not rewritten by MkDocs, so it works on {good_pages} but not in every "
                f"language: {shown}, which the build does not produce; use Markdown image syntax "
                f"![alt]({src}){{ attrs }} so MkDocs rewrites the path for each language"
            )
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if not target.startswith("..") and target in layout.files:
            fix = f"use Markdown image syntax ![alt]({src}) instead"
            if target in layout.site_files and len(failing) == 1:
                page = failing[0][0]
                page_dir = page if page.endswith("/") else posixpath.dirname(page) + "/"
                fix = f"write the path from the page's URL, '{posixpath.relpath(site_path + target, page_dir)}'"
            return "missing-file", (
                f"raw HTML <img> is not rewritten by MkDocs: the path is right for the source file but "
                f"the browser resolves it from the page URL — {shown}; {fix}"
            )
        return "missing-file", f"the image does not exist: {shown}"

    # -- self references (site_url...) ---------------------------------------
    def check_site_path(self, rel: str, site_root: Path | None) -> tuple[str, str] | None:
        path = unquote(urlsplit(rel).path)
        if site_root is not None:
            known = self.tree(site_root)
        else:
            assert self.layout is not None
            known = self.layout.site_files
        if path not in known and not (path.endswith("/") or path == ""):
            return "missing-file", f"the site does not publish '{path}'{self._case_hint(path, known)}"
        return None

    # -- plain files (outside docs_dir, or no mkdocs.yml) ----------------------
    def check_plain(self, src: str, file: Path, root: Path) -> tuple[str, str] | None:
        if src.startswith("/"):
            return "absolute-path", "a root-absolute path breaks when the site is served under a sub-path"
        path = _url_path(src)
        if not path:
            return "bad-url", "the image address has no file path, only a query or fragment"
        target = Path(os.path.normpath(file.parent / path))
        try:
            rel = target.relative_to(root).as_posix()
        except ValueError:
            return "outside-root", f"'{path}' leads outside {_rel(root)}"
        known = self.tree(root)
        if rel not in known:
            return "missing-file", f"'{_rel(target)}' does not exist{self._case_hint(rel, known)}"
        return None

    # -- built HTML -------------------------------------------------------------
    def check_built(self, src: str, file: Path, root: Path) -> tuple[str, str] | None:
        rel_file = file.relative_to(root).as_posix()
        page_dir = self.config.site_path + posixpath.dirname(rel_file)
        path = _url_path(src)
        if not path:
            return "bad-url", "the image address has no file path, only a query or fragment"
        resolved = path if path.startswith("/") else resolve_url_path(page_dir, path)
        site_path = self.config.site_path
        if not resolved.startswith(site_path):
            if src.startswith("/"):
                return "absolute-path", (
                    f"root-absolute path outside the site's path {site_path}: on the published site this "
                    f"asks for {resolved}, which is not part of the site"
                )
            return "outside-root", f"resolves to {resolved}, outside the site ({site_path})"
        target = resolved[len(site_path):]
        known = self.tree(root)
        if target not in known:
            return "missing-file", f"'{_rel(root / target)}' does not exist in the built site{self._case_hint(target, known)}"
        return None


def _rel(path: Path | str) -> str:
    """A path as the user should see it: relative to the current folder when inside it."""
    text = str(path)
    prefix = os.getcwd().rstrip(os.sep) + os.sep
    if text.startswith(prefix):
        return text[len(prefix):]
    if not os.path.isabs(text):
        return os.path.normpath(text)
    return text


# ---------------------------------------------------------------------------
# Check: remote images
# ---------------------------------------------------------------------------


def sniff_image(head: bytes) -> str | None:
    """The image format the first bytes announce, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis", b"heic", b"heix", b"mif1", b"msf1"):
        return "avif"
    if head[:4] in (b"\x00\x00\x01\x00", b"\x00\x00\x02\x00"):
        return "ico"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"\xff\x0a") or head.startswith(b"\x00\x00\x00\x0cJXL \r\n\x87\n"):
        return "jxl"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text and b"<html" not in text:
        return "svg"
    return None


def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in text


def judge_image(status: int, content_type: str, head: bytes | None) -> RemoteVerdict:
    """Verdict on a 2xx answer. head=None means a HEAD answer (no body)."""
    ctype = content_type.split(";")[0].strip().lower()
    if head is None:
        if ctype.startswith("image/"):
            return RemoteVerdict(True)
        return RemoteVerdict(False, "unhelpful", "")
    fmt = sniff_image(head)
    if fmt == "svg" and ctype != "image/svg+xml":
        return RemoteVerdict(
            False, "not-an-image",
            f"the SVG is served as '{ctype or 'no Content-Type'}'; browsers only show SVG in <img> "
            "when it is served as image/svg+xml",
        )
    if fmt:
        return RemoteVerdict(True)
    if not head:
        return RemoteVerdict(False, "not-an-image", f"the server answers {status} with an empty body")
    what = "an HTML page" if _looks_like_html(head) or ctype == "text/html" else f"'{ctype or 'unknown content'}'"
    return RemoteVerdict(False, "not-an-image", f"the server answers {status} with {what}, not an image")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class RemoteChecker:
    """Fetches each distinct URL once, politely (per-host limit), never downloading whole bodies."""

    def __init__(self, options: Options):
        import asyncio  # noqa: F401 - used by the coroutines below

        self.options = options
        self._host_limits: dict[str, asyncio.Semaphore] = {}
        self.done = 0

    def _limit(self, url: str) -> asyncio.Semaphore:
        import asyncio

        host = urlsplit(url).netloc.lower()
        if host not in self._host_limits:
            self._host_limits[host] = asyncio.Semaphore(self.options.concurrency)
        return self._host_limits[host]

    async def _request(self, client, method: str, url: str, referer: str | None):
        """One request, redirects followed by hand. Returns (status, content_type, head, final_url)."""
        import asyncio

        headers = {"User-Agent": USER_AGENT, "Accept": IMG_ACCEPT}
        if referer:
            headers["Referer"] = referer
        seen = [url]
        for _ in range(REDIRECT_LIMIT + 1):
            retries = 0
            while True:
                async with self._limit(url):
                    async with asyncio.timeout(self.options.timeout):
                        request = client.build_request(method, url, headers=headers)
                        response = await client.send(request, stream=True)
                        try:
                            head = b""
                            if method == "GET" and 200 <= response.status_code < 300:
                                async for chunk in response.aiter_bytes():
                                    head += chunk
                                    if len(head) >= SNIFF_BYTES:
                                        break
                        finally:
                            await response.aclose()
                if response.status_code in (429, 503) and retries < RETRY_LIMIT:
                    wait = parse_retry_after(response.headers.get("retry-after"))
                    wait = 1.0 if wait is None else wait
                    if wait <= RETRY_AFTER_MAX:
                        retries += 1
                        await asyncio.sleep(wait)
                        continue
                break
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                target = urljoin(url, response.headers["location"])
                if target in seen:
                    raise _RedirectError("redirect loop: " + " → ".join(seen + [target]))
                seen.append(target)
                url = target
                continue
            return response.status_code, response.headers.get("content-type", ""), head, url
        raise _RedirectError(f"more than {REDIRECT_LIMIT} redirects, starting at {seen[0]}")

    async def _attempt(self, client, url: str, referer: str | None, head_first: bool = True) -> RemoteVerdict:
        """HEAD first; GET when HEAD is refused or does not say 'image'."""
        if head_first:
            status, ctype, _, final = await self._request(client, "HEAD", url, referer)
            if 200 <= status < 300 and judge_image(status, ctype, None).ok:
                return RemoteVerdict(True)
            if status in (404, 410):  # gone is gone; other refusals (405, 403, 501...) get a GET
                return _http_error(status, url, final)
        status, ctype, head, final = await self._request(client, "GET", url, referer)
        if 200 <= status < 300:
            return judge_image(status, ctype, head)
        return _http_error(status, url, final)

    async def check_url(self, client, url: str, referer: str) -> RemoteVerdict:
        import httpx

        try:
            verdict = await self._attempt(client, url, referer)
            # hotlink protection answers 401/403/451 or a placeholder page: try as a bare request would
            if verdict.status in (401, 403, 451) or verdict.problem == "not-an-image":
                bare = await self._attempt(client, url, None, head_first=False)
                if bare.ok:
                    return RemoteVerdict(
                        False, "hotlink-blocked",
                        f"the host refuses the image when a reader's browser sends this site's page as "
                        f"Referer ({verdict.message}), but serves it without one: it blocks hotlinking — "
                        "copy the image into docs/assets/ (check its licence) and link the local copy",
                    )
            return verdict
        except (TimeoutError, httpx.TimeoutException):
            return RemoteVerdict(False, "timeout", f"no answer within {self.options.timeout:g} s")
        except _RedirectError as err:
            return RemoteVerdict(False, "unreachable", str(err))
        except httpx.ConnectError as err:
            return RemoteVerdict(False, "unreachable", f"could not connect: {_connect_reason(err)}")
        except (httpx.TransportError, httpx.InvalidURL, httpx.UnsupportedProtocol, OSError, ValueError) as err:
            return RemoteVerdict(False, "unreachable", f"could not fetch it: {err or type(err).__name__}")
        finally:
            self.done += 1

    async def check_all(self, urls: dict[str, str]) -> dict[str, RemoteVerdict]:
        """urls: url -> Referer (the published page that shows it first)."""
        import asyncio

        import httpx

        limits = httpx.Limits(max_connections=None, max_keepalive_connections=64)
        total = len(urls)
        progress = self.options.progress and total >= 20
        async with httpx.AsyncClient(limits=limits, timeout=self.options.timeout, follow_redirects=False,
                                     verify=True) as client:
            tasks = {url: asyncio.create_task(self.check_url(client, url, ref)) for url, ref in urls.items()}
            if progress:
                while not all(t.done() for t in tasks.values()):
                    sys.stderr.write(f"\rchecking remote images: {self.done}/{total}")
                    sys.stderr.flush()
                    await asyncio.wait(list(tasks.values()), timeout=0.2)
                sys.stderr.write(f"\rchecking remote images: {total}/{total}\n")
            results = {url: await task for url, task in tasks.items()}
        return results


class _RedirectError(Exception):
    pass


def _http_error(status: int, url: str, final: str) -> RemoteVerdict:
    where = f" (after redirects, at {final})" if final != url else ""
    return RemoteVerdict(False, "http-error", f"the server answers HTTP {status}{where}", status)


def _connect_reason(err: BaseException) -> str:
    """Plain words for a connection failure, from the exception chain."""
    import socket
    import ssl

    seen = err
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused (nothing listens on that port)"
        if isinstance(seen, socket.gaierror):
            return "host name not found (DNS)"
        if isinstance(seen, ssl.SSLError):
            return f"TLS error ({getattr(seen, 'reason', None) or seen})"
        seen = seen.__cause__ or seen.__context__
    text = str(err)
    lowered = text.lower()
    if "refused" in lowered or "errno 111" in lowered:
        return "connection refused (nothing listens on that port)"
    if "name or service not known" in lowered or "nodename nor servname" in lowered or "errno -2" in lowered:
        return "host name not found (DNS)"
    if "certificate" in lowered or "ssl" in lowered:
        return f"TLS error ({text})"
    return text or type(err).__name__


def load_cache(path: Path | None, max_age: float) -> dict[str, float]:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["good"] if isinstance(data, dict) else {}
        now = time.time()
        return {url: float(at) for url, at in entries.items() if now - float(at) <= max_age}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        print(f"warning: ignoring unreadable cache file '{path}'", file=sys.stderr)
        return {}


def save_cache(path: Path, good: dict[str, float]) -> None:
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"version": 1, "good": good}, indent=0, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError as err:
        print(f"warning: could not write cache file '{path}': {err.strerror}", file=sys.stderr)


# ---------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------


@dataclass
class _Target:
    path: str  # as given (for display)
    abs: str  # absolute, normalised, symlinks kept
    kind: str  # "markdown" or "html"
    root: Path  # the PATH argument folder it was found under


def _abs(path: Path | str) -> Path:
    return Path(os.path.normpath(os.path.join(os.getcwd(), path)))


def collect_files(paths: list[str]) -> list[_Target]:
    targets: dict[str, _Target] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"path '{raw}' does not exist")
        if path.is_file():
            kind = "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "html" if path.suffix.lower() in HTML_SUFFIXES else ""
            if not kind:
                raise UsageError(f"'{raw}' is neither a Markdown (.md) nor an HTML (.html) file")
            full = _abs(path)
            targets.setdefault(str(full), _Target(raw, str(full), kind, full.parent))
            continue
        root = _abs(path)
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            absdir = str(_abs(dirpath))
            for name in sorted(filenames):
                lower = name.lower()
                kind = "markdown" if lower.endswith(MARKDOWN_SUFFIXES) else "html" if lower.endswith(HTML_SUFFIXES) else ""
                if kind:
                    full = absdir + os.sep + name
                    targets.setdefault(full, _Target(os.path.join(dirpath, name), full, kind, root))
    return list(targets.values())


def _display(path: Path) -> str:
    return _rel(path)


def read_text(path: str) -> tuple[str | None, str]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return None, f"could not read the file: {err.strerror}"
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return None, f"not valid UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); save it as UTF-8"


@dataclass
class _Partial:
    """What checking a batch of files found (remote images are only collected here)."""

    problems: list[Problem] = field(default_factory=list)
    images: int = 0
    skipped: int = 0
    remote_uses: dict[str, list[ImageRef]] = field(default_factory=lambda: defaultdict(list))
    referers: dict[str, str] = field(default_factory=dict)

    def merge(self, other: "_Partial") -> None:
        self.problems += other.problems
        self.images += other.images
        self.skipped += other.skipped
        for url, refs in other.remote_uses.items():
            self.remote_uses[url].extend(refs)
        for url, referer in other.referers.items():
            self.referers.setdefault(url, referer)


def run_check(paths: list[str], config: SiteConfig, options: Options) -> Report:
    targets = collect_files(paths)
    layout = build_layout(config) if config.mkdocs_aware else None
    local = LocalChecker(config, layout)
    found = _check_in_two_processes(targets, config, layout, local, options)
    if found.remote_uses:
        found.problems.extend(check_remote(found.remote_uses, found.referers, options))
    found.problems.sort(key=lambda p: (p.file, p.line, p.src, p.problem))
    return Report(len(targets), found.images, found.skipped, found.problems)


def _check_in_two_processes(targets, config, layout, local, options) -> _Partial:
    """Local checks are CPU-bound: on a big tree, a forked child takes half the files."""
    if len(targets) < 400 or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return check_files(targets, config, layout, local, options)
    import pickle

    half = len(targets) // 2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: check the second half, send the result, leave without cleanup
        status = 0
        try:
            os.close(read_end)
            data = pickle.dumps(check_files(targets[half:], config, layout, local, options))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001 - the parent redoes the work
            status = 1
        os._exit(status)
    os.close(write_end)
    found = check_files(targets[:half], config, layout, local, options)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        other = pickle.loads(data) if status == 0 else None
    except (pickle.UnpicklingError, EOFError):
        other = None
    found.merge(other if other is not None else check_files(targets[half:], config, layout, local, options))
    return found


def check_files(targets: list[_Target], config: SiteConfig, layout: Layout | None, local: LocalChecker,
                options: Options) -> _Partial:
    result = _Partial()
    problems = result.problems
    remote_uses, referers = result.remote_uses, result.referers
    images = skipped = 0
    docs_prefix = str(config.docs_dir) + os.sep
    cwd = _abs(Path.cwd())

    for target in targets:
        shown = _display(target.path)
        text, error = read_text(target.path)
        if text is None:
            problems.append(Problem(shown, 1, "", "unreadable", error))
            continue
        resolved = target.abs
        src_uri = None
        if layout is not None and target.kind == "markdown" and resolved.startswith(docs_prefix):
            src_uri = resolved[len(docs_prefix):].replace(os.sep, "/")
        if src_uri is not None:
            page_key = (posixpath.dirname(src_uri), tuple(i for i, b in enumerate(layout.builds) if src_uri in b.src_uris))
        if target.kind == "markdown":
            refs, found = parse_markdown(shown, text, config.extensions)
            problems.extend(Problem(shown, p.line, p.src, p.problem, p.message) for p in found)
        else:
            refs = parse_html(shown, text)
        site_root = None
        if target.kind == "html":
            site_root = config.site_dir if _is_under(Path(resolved), config.site_dir) else target.root

        for ref in refs:
            images += 1

            def add(code: str, message: str) -> None:
                if ref.note:
                    message += f" (the reference is {ref.note})"
                problems.append(Problem(shown, ref.line, ref.src, code, message))

            if ref.needs_alt and (ref.alt is None if ref.origin != "markdown" else not ref.alt):
                add("missing-alt", "the image has no alt text; describe it for screen readers"
                    if ref.origin == "markdown" else
                    "the <img> has no alt attribute; describe the image, or write alt=\"\" if it is decorative")
            kind, detail = classify_src(ref.src, config.site_url)
            if kind == "bad":
                add("bad-url", detail)
            elif kind == "data":
                continue
            elif kind == "remote":
                if options.no_remote:
                    add("remote-image", "this site serves its own images: copy it into docs/assets/ "
                        "(check its licence) and link the local copy")
                elif options.offline:
                    skipped += 1
                else:
                    url = detail.split("#", 1)[0]
                    remote_uses[url].append(ref)
                    referers.setdefault(url, _referer_for(config, layout, src_uri, target, site_root))
            elif kind == "self":
                verdict = local.check_site_path(detail, site_root)
                if verdict:
                    add(*verdict)
            else:
                if target.kind == "html":
                    verdict = local.check_built(ref.src, Path(resolved), site_root)
                elif src_uri is not None:
                    verdict = local.check_markdown_ref(ref, src_uri, page_key)
                else:
                    verdict = local.check_plain(ref.src, Path(resolved), cwd if _is_under(Path(resolved), cwd) else target.root)
                if verdict:
                    add(*verdict)

    result.images, result.skipped = images, skipped
    return result


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _referer_for(config: SiteConfig, layout: Layout | None, src_uri: str | None, target: _Target,
                 site_root: Path | None) -> str:
    base = config.site_url or "https://example.org/"
    if layout is not None and src_uri is not None:
        for build in layout.builds:
            if src_uri in build.src_uris:
                return base + layout.page_url(build, src_uri)
    if site_root is not None:
        rel = Path(target.abs).relative_to(site_root).as_posix()
        return base + dest_to_url(rel, True)
    return base


def run_coroutine(coroutine):
    """asyncio.run(), also from a thread that already runs an event loop
    (a caller using Playwright's sync API, say): then in a worker thread."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def check_remote(uses: dict[str, list[ImageRef]], referers: dict[str, str], options: Options) -> list[Problem]:
    cache = load_cache(options.cache, options.cache_max_age)
    todo = {url: referers[url] for url in uses if url not in cache}
    results = run_coroutine(RemoteChecker(options).check_all(todo)) if todo else {}
    if options.cache is not None:
        now = time.time()
        good = dict(cache)
        good.update({url: now for url, verdict in results.items() if verdict.ok})
        save_cache(options.cache, good)
    problems = []
    for url, verdict in results.items():
        if verdict.ok:
            continue
        for ref in uses[url]:
            problems.append(Problem(ref.file, ref.line, ref.src, verdict.problem, verdict.message))
    return problems


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def summary_line(report: Report) -> str:
    counts = Counter(p.problem for p in report.problems)
    what = ", ".join(f"{n} {code}" for code, n in sorted(counts.items()))
    found = f"{len(report.problems)} problem{'s' * (len(report.problems) != 1)}" + (f" ({what})" if what else "")
    skipped = f", {report.skipped} remote skipped (--offline)" if report.skipped else ""
    return f"checked {report.images} images in {report.files} files: {found}{skipped}"


def format_text(report: Report) -> str:
    lines = [f"{p.file}:{p.line}: {p.problem}: {p.src} — {p.message}" for p in report.problems]
    lines.append(summary_line(report))
    return "\n".join(lines)


def format_json(report: Report) -> str:
    return json.dumps(
        {"files": report.files, "images": report.images, "skipped": report.skipped,
         "problems": [asdict(p) for p in report.problems]},
        ensure_ascii=False, indent=2,
    )


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def format_github(report: Report) -> str:
    lines = [
        f"::error file={_gh_escape(p.file, True)},line={p.line},title={_gh_escape('image: ' + p.problem, True)}"
        f"::{_gh_escape(f'{p.src} — {p.message}')}"
        for p in report.problems
    ]
    lines.append(summary_line(report))
    return "\n".join(lines)


def markdown_summary(report: Report) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = ["## Image check", "", summary_line(report).capitalize() + ".", ""]
    if report.problems:
        out += ["| File | Line | Problem | Image | What to do |", "| --- | ---: | --- | --- | --- |"]
        out += [f"| `{cell(p.file)}` | {p.line} | `{p.problem}` | `{cell(p.src)}` | {cell(p.message)} |"
                for p in report.problems]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def parse_duration(text: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' is not a duration such as 3600, 90m, 12h or 1d")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def _positive(kind):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"'{text}' must be greater than 0")
        return value

    return convert


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check_images.py",
        description="Check every image of the MkDocs site: local files in every language build, "
                    "alt text, and remote images (really there, really images, not hotlink-blocked).",
        epilog="Exit status: 0 no problem, 1 problems found, 2 the check could not run.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="Markdown/HTML files or folders (searched for *.md and *.html); default: docs")
    parser.add_argument("--config", type=Path, metavar="FILE", help="MkDocs config (default: ./mkdocs.yml)")
    remote = parser.add_mutually_exclusive_group()
    remote.add_argument("--offline", action="store_true", help="contact no host; count remote images as skipped")
    remote.add_argument("--no-remote", action="store_true", help="report every remote image (remote-image)")
    parser.add_argument("--timeout", type=_positive(float), default=10.0, metavar="SECONDS",
                        help="per request (default: 10)")
    parser.add_argument("--concurrency", type=_positive(int), default=8, metavar="N",
                        help="requests at once per host (default: 8)")
    parser.add_argument("--cache", type=Path, metavar="FILE", help="remember good remote results in FILE")
    parser.add_argument("--cache-max-age", type=parse_duration, default=86400.0, metavar="AGE",
                        help="forget cached results older than AGE, e.g. 12h, 1d (default: 1d)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    return parser


def write_report(report: Report, fmt: str) -> None:
    if fmt == "json":
        print(format_json(report))
    elif fmt == "github":
        print(format_github(report))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as handle:
                    handle.write(markdown_summary(report))
            except OSError as err:
                print(f"warning: could not write GITHUB_STEP_SUMMARY: {err.strerror}", file=sys.stderr)
    else:
        print(format_text(report))
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 on bad arguments
    options = Options(
        offline=args.offline, no_remote=args.no_remote, timeout=args.timeout, concurrency=args.concurrency,
        cache=args.cache, cache_max_age=args.cache_max_age, progress=sys.stderr.isatty(),
    )
    try:
        config = load_config(args.config)
        report = run_check(args.paths or ["docs"], config, options)
    except UsageError as err:
        print(f"check_images: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("check_images: interrupted", file=sys.stderr)
        return 2
    except Exception as err:  # never a traceback for the user; say what broke
        print(f"check_images: error: the check could not run: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    try:
        write_report(report, args.format)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
