"""Command line: which pages to check, each image's verdict, and the source line it came from."""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import Problem, UsageError, collect, local, parse, remote
from .report import Report, write


@dataclass
class Options:
    offline: bool = False
    no_remote: bool = False
    timeout: float = 10.0
    concurrency: int = 8
    cache: Path | None = None
    cache_max_age: float = 86400.0


def gather(paths: list[str], config_file: str | None, problems: list[Problem]):
    """(page, site) pairs: Markdown under docs_dir rendered by the project's build, other Markdown by a plain
    MkDocs build of its folder, HTML checked against the built tree it sits in. Also the number of files."""
    if config_file and not os.path.isfile(config_file):
        raise UsageError(f"config file '{config_file}' does not exist")
    config_file = config_file or ("mkdocs.yml" if os.path.isfile("mkdocs.yml") else None)
    config = collect.load(config_file) if config_file else None
    if config is None:
        print("check_images: no mkdocs.yml here (use --config): Markdown is rendered as a plain MkDocs site "
              "of the folder given", file=sys.stderr)
    site_url = config.site_url or "" if config else ""
    builds, pairs, count = defaultdict(list), [], 0
    for raw in paths:
        full = os.path.abspath(raw)
        if not os.path.exists(full):
            raise UsageError(f"path '{raw}' does not exist")
        if os.path.isfile(full) and not full.lower().endswith(collect.MARKDOWN + collect.HTML):
            raise UsageError(f"'{raw}' is neither a Markdown (.md) nor an HTML (.html) file")
        folder = full if os.path.isdir(full) else os.path.dirname(full)
        files = collect.walk(full, problems, collect.MARKDOWN + collect.HTML) if os.path.isdir(full) else [full]
        docs = config and os.path.abspath(config.docs_dir)
        if docs and (full + os.sep).startswith(docs + os.sep):  # pages of the project: its own build
            builds[docs].append(full)
            continue
        html = [f for f in files if f.lower().endswith(collect.HTML)]
        if len(html) < len(files):
            builds[folder].append(full)
        if html:
            root = os.path.abspath(config.site_dir) if config else folder
            root = root if (full + os.sep).startswith(root + os.sep) else folder
            site = collect.scan_site(root, site_url, problems)
            pairs += [(p, site) for p in collect.built_pages(html, root, problems)]
            count += len(html)
    for docs, wanted in builds.items():
        conf = config if config and docs == os.path.abspath(config.docs_dir) else collect.load(None, docs, site_url)
        chosen = tuple(w + os.sep if os.path.isdir(w) else w for w in wanted)
        pages, site, seen = collect.render(conf, lambda p: p.startswith(chosen) if p else False, problems)
        pairs += [(p, site) for p in pages]
        count += seen
    return pairs, count


class Locator:
    """Where in the Markdown source an image was written, and whether as Markdown or raw HTML."""

    def __init__(self, text: str):
        self.text, self.after = text, {}

    def find(self, img: parse.Image) -> tuple[int, bool] | None:
        name = posixpath.basename(unquote(urlsplit(img.src).path))
        for needle, before in ((img.src, "(<\"'= ,\n"), (unquote(img.src), "(<\"'= ,\n"), (name, "/(<\"'= \n"),
                               (img.alt, "[\"'= \n")):
            i = self.after.get(needle, 0) - 1
            while needle and (i := self.text.find(needle, i + 1)) >= 0 and self.text[i - 1:i] not in before:
                pass
            if needle and i >= 0:
                self.after[needle] = i + len(needle)
                start = self.text.rfind("\n", 0, i) + 1
                tag = max(self.text.rfind("<img", start, i), self.text.rfind("<source", start, i))
                return self.text.count("\n", 0, i) + 1, tag < 0 or self.text.rfind(">", tag, i) >= 0
        return None


def _reporter(page, img: parse.Image, locator: Locator | None, problems: list[Problem]):
    spot: list[tuple[int, bool]] = []  # (line, written as Markdown), looked up once, when needed

    def where() -> tuple[int, bool]:
        spot[:] = spot or [(locator and locator.find(img)) or (0, False)]
        return spot[0]

    def add(code: str, message: str) -> None:
        if locator and not where()[0]:  # added by the theme or a plugin (e.g. a blog excerpt)
            message = f"line {img.line} of the page MkDocs builds from it (not in the Markdown): {message}"
        problems.append(Problem(page.file, where()[0] or img.line, img.src, code, message))
    return where, add


def check_pages(pairs, options: Options, problems: list[Problem]) -> tuple[int, int]:
    images = skipped = 0
    uses, referers = defaultdict(list), {}
    shown = Counter(page.file for page, _ in pairs)
    for page, site in pairs:
        locator = Locator(page.source) if page.source is not None else None
        page.shared = shown[page.file] > 1
        for img in parse.images(page.html, page.head):
            images += 1
            where, add = _reporter(page, img, locator, problems)
            if img.needs_alt and (img.alt is None or img.alt == "" and locator):
                said = local.alt_problem(img.alt, where()[1])
                if said:
                    add("missing-alt", said)
            kind, detail = local.classify(img.src, site.site_url)
            if kind == "bad":
                add("bad-url", detail)
            elif kind == "remote" and options.no_remote:
                add("remote-image", "this site serves its own images: copy it into docs/assets/ (check its licence) "
                    "and link the local copy")
            elif kind == "remote" and options.offline:
                skipped += 1
            elif kind == "remote":
                url = detail.split("#", 1)[0]
                uses[url].append(add)
                referers.setdefault(url, (site.site_url or "https://example.org/").rstrip("/") + "/" + page.url_dir)
            elif kind != "data":
                verdict = local.check(detail or img.src, page, site, lambda: where()[1], kind == "self")
                if verdict:
                    add(*verdict)
    if uses:
        cache = remote.load_cache(options.cache, options.cache_max_age)
        todo = {url: referers[url] for url in uses if url not in cache}
        results = remote.check_urls(todo, options.timeout, options.concurrency) if todo else {}
        if options.cache is not None:
            remote.save_cache(options.cache, {**cache, **{u: time.time() for u, v in results.items() if v.ok}})
        for url, verdict in results.items():
            for add in uses[url] if not verdict.ok else ():
                add(verdict.problem, verdict.message)
    return images, skipped


def run(paths: list[str], config_file: str | None, options: Options) -> Report:
    problems: list[Problem] = []
    pairs, files = gather(paths, config_file, problems)
    images, skipped = check_pages(pairs, options, problems)
    return Report(files, images, skipped, dedupe(problems))


def dedupe(problems: list[Problem]) -> list[Problem]:
    """A page shown in several languages: each of its images is reported once, sorted by file and line."""
    seen: dict[tuple, Problem] = {}
    for p in problems:
        seen.setdefault((p.file, p.line, p.problem == "missing-alt", posixpath.basename(urlsplit(p.src).path)), p)
    return sorted(seen.values(), key=lambda p: (p.file, p.line, p.src, p.problem))


def parse_duration(text: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' is not a duration such as 3600, 90m, 12h or 1d")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def positive(kind):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"'{text}' must be greater than 0")
        return value
    return convert


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="check_images.py", description="Check every image a reader of the MkDocs "
                                "site gets: MkDocs renders the pages, then each image is checked against the "
                                "built tree (alt text too) and remote images are fetched.",
                                epilog="Exit status: 0 no problem, 1 problems found, 2 the check could not run.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="Markdown/HTML files or folders; default: docs")
    p.add_argument("--config", metavar="FILE", help="MkDocs config (default: ./mkdocs.yml)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--offline", action="store_true", help="contact no host; count remote images as skipped")
    group.add_argument("--no-remote", action="store_true", help="report every remote image (remote-image)")
    p.add_argument("--timeout", type=positive(float), default=10.0, metavar="SECONDS", help="per request")
    p.add_argument("--concurrency", type=positive(int), default=8, metavar="N", help="requests at once per host")
    p.add_argument("--cache", type=Path, metavar="FILE", help="remember good remote results in FILE (JSON)")
    p.add_argument("--cache-max-age", type=parse_duration, default=86400.0, metavar="AGE",
                   help="forget cached results older than AGE, e.g. 12h, 1d (default: 1d)")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits 2 on bad arguments
    options = Options(args.offline, args.no_remote, args.timeout, args.concurrency, args.cache, args.cache_max_age)
    try:
        report = run(args.paths or ["docs"], args.config, options)
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
        write(report, args.format)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if report.problems else 0
