"""Command line: which pages to check, each image's verdict at the source line it came from, and the report
(text, JSON or GitHub annotations + the job summary)."""

import argparse
import json
import logging
import os
import posixpath
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import Problem, UsageError, collect, local, parse


@dataclass
class Report:
    files: int
    images: int
    skipped: int
    problems: list[Problem]


def summary_line(report: Report) -> str:
    counts = ", ".join(f"{n} {code}" for code, n in sorted(Counter(p.problem for p in report.problems).items()))
    found = f"{len(report.problems)} problem{'s' * (len(report.problems) != 1)}" + (f" ({counts})" if counts else "")
    skipped = f", {report.skipped} remote skipped (--offline)" if report.skipped else ""
    return f"checked {report.images} images in {report.files} files: {found}{skipped}"


def _gh(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def markdown_summary(report: Report) -> str:
    cell = lambda text: text.replace("|", "\\|").replace("\n", " ")  # noqa: E731

    out = ["## Image check", "", summary_line(report).capitalize() + ".", ""]
    if report.problems:
        out += ["| File | Line | Problem | Image | What to do |", "| --- | ---: | --- | --- | --- |"]
        out += [f"| `{cell(p.file)}` | {p.line} | `{p.problem}` | `{cell(p.src)}` | {cell(p.message)} |"
                for p in report.problems]
    return "\n".join(out) + "\n"


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(report), ensure_ascii=False, indent=2)  # files, images, skipped, problems
    lines = [line(p) if fmt == "text" else f"::error file={_gh(p.file, True)},line={p.line},title="
             f"{_gh('image: ' + p.problem, True)}::{_gh(f'{p.src} — {p.message}')}" for p in report.problems]
    return "\n".join(lines + [summary_line(report)])


def line(p: Problem) -> str:
    return f"{p.file}:{p.line}: {p.problem}: {p.src} — {p.message}"


def write(report: Report, fmt: str) -> None:
    print(render(report, fmt), flush=True)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        try:
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
                handle.write(markdown_summary(report))
        except OSError as err:
            print(f"warning: could not write GITHUB_STEP_SUMMARY: {err.strerror}", file=sys.stderr)


def gather(paths: list[str], config_file: str | None, problems: list[Problem]):
    """(page, site) pairs, file count: Markdown built by MkDocs (a plain site outside docs_dir), HTML as built."""
    config_file = config_file or ("mkdocs.yml" if os.path.isfile("mkdocs.yml") else None)
    config = collect.load(config_file) if config_file else None
    if config is None:
        print("check_images: no mkdocs.yml here (use --config): Markdown is rendered as a plain MkDocs site of the "
              "folder given", file=sys.stderr)
    site_url, docs, site_dir = (config.site_url or "", os.path.abspath(config.docs_dir),
                                os.path.abspath(config.site_dir)) if config else ("", None, None)
    builds, pairs, count = defaultdict(list), [], 0
    for raw in paths:
        full, is_dir = os.path.abspath(raw), os.path.isdir(raw)
        if not os.path.exists(full) or not is_dir and not full.lower().endswith(collect.MARKDOWN + collect.HTML):
            raise UsageError(f"'{raw}' is neither a Markdown (.md) nor an HTML (.html) file" if os.path.exists(full)
                             else f"path '{raw}' does not exist")
        files = collect.walk(full, problems, collect.MARKDOWN + collect.HTML) if is_dir else [full]
        html, folder = [f for f in files if f.lower().endswith(collect.HTML)], full if is_dir else os.path.dirname(full)
        in_docs, in_site = (bool(top) and (full + os.sep).startswith(top + os.sep) for top in (docs, site_dir))
        if in_docs or len(html) < len(files) and not in_site:  # Markdown: MkDocs builds (in site_dir: twins, as is)
            builds[docs if in_docs else folder].append(full)
        elif html:
            site = collect.scan_site(root := site_dir if in_site else folder, site_url, problems)
            pairs += [(p, site) for p in collect.built_pages(html, root, problems)]
            count += len(html)
    for folder, wanted in builds.items():
        chosen = tuple(w + os.sep if os.path.isdir(w) else w for w in wanted)
        conf = config if folder == docs else collect.load(None, folder, site_url)
        pages, site, seen = collect.render(conf, lambda p: bool(p) and p.startswith(chosen), problems)
        pairs, count = pairs + [(p, site) for p in pages], count + seen
    return pairs, count


def check_pages(pairs, options, problems: list[Problem]) -> tuple[int, int]:
    images = skipped = 0
    uses, referers, shown = defaultdict(list), {}, Counter(page.file for page, _ in pairs)

    def add(page, img: parse.Image, code: str, message: str) -> None:  # at the line that wrote it, if known
        prefix = "" if img.source or not page.src_uri else \
            f"line {img.line} of the page MkDocs builds from it (not in the Markdown): "
        problems.append(Problem(page.file, img.source or img.line, img.src, code, prefix + message))

    for (page, site), found in zip(pairs, parse.bounded([page.html for page, _ in pairs]), strict=True):
        page.shared, unread = shown[page.file] > 1, isinstance(found, str)
        problems += [Problem(page.file, 1, "", "unreadable", found)] if unread else []
        for img in [] if unread else found:
            images += 1
            if img.needs_alt and not img.alt and (said := local.alt_problem(img.alt, img.markdown)):
                add(page, img, "missing-alt", said)
            kind, detail = local.classify(img.src, site.site_url)
            if kind == "bad":
                add(page, img, "bad-url", detail)
            elif kind == "remote" and options.no_remote:
                add(page, img, "remote-image", "this site serves its own images: copy it into docs/assets/ "
                    "(check its licence) and link the local copy")
            elif kind == "remote" and options.offline:
                skipped += 1
            elif kind == "remote":
                uses[url := detail.split("#", 1)[0]].append((page, img))
                referers.setdefault(url, (site.site_url or "https://example.org").rstrip("/") + "/" + page.url_dir)
            elif kind != "data" and (verdict := local.check(detail or img.src, page, site, img.markdown,
                                                            kind == "self")):
                add(page, img, *verdict)
    if not uses:
        return images, skipped
    from . import remote  # httpx and asyncio load only when there is a remote image to fetch

    cache = remote.load_cache(options.cache, options.cache_max_age)
    todo = {url: referers[url] for url in uses if url not in cache}
    results = remote.check_urls(todo, options.timeout, options.concurrency) if todo else {}
    if options.cache is not None:
        remote.save_cache(options.cache, {**cache, **{u: time.time() for u, v in results.items() if v.ok}})
    for url, verdict in results.items():
        for page, img in uses[url] if not verdict.ok else ():
            add(page, img, verdict.problem, verdict.message)
    return images, skipped


def run(paths: list[str], config_file: str | None, options) -> Report:
    problems: list[Problem] = []
    pairs, files = gather(paths, config_file, problems)
    return Report(files, *check_pages(pairs, options, problems), dedupe(problems))  # images, skipped


def dedupe(problems: list[Problem]) -> list[Problem]:
    """A page shown in several languages: each of its images is reported once, sorted by file and line."""
    first = {(p.file, p.line, p.problem == "missing-alt", posixpath.basename(urlsplit(p.src).path)): p
             for p in reversed(problems)}  # reversed: the first problem of each key is the one kept
    return sorted(first.values(), key=lambda p: (p.file, p.line, p.src, p.problem))


def parse_duration(text: str) -> float:
    if not (m := re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a duration such as 3600, 90m, 12h or 1d")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="check_images.py", description="Check every image a reader of the MkDocs site "
                                "gets: MkDocs renders the pages, each image is checked against the built tree (alt "
                                "text too), remote images are fetched.", epilog="Exit status: 0 no problem, 1 "
                                "problems found, 2 the check could not run.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="Markdown/HTML files or folders; default: docs")
    p.add_argument("--config", metavar="FILE", help="MkDocs config (default: ./mkdocs.yml)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--offline", action="store_true", help="contact no host; count remote images as skipped")
    group.add_argument("--no-remote", action="store_true", help="report every remote image (remote-image)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="per request")
    p.add_argument("--concurrency", type=int, default=8, metavar="N", help="requests at once per host")
    p.add_argument("--cache", type=Path, metavar="FILE", help="remember good remote results in FILE (JSON)")
    p.add_argument("--cache-max-age", type=parse_duration, default=86400.0, metavar="AGE",
                   help="forget cached results older than AGE, e.g. 12h, 1d (default: 1d)")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    return p


def Options(**given) -> argparse.Namespace:  # noqa: N802 - the command line's options, defaults filled in
    return parser().parse_args([], argparse.Namespace(**given))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits 2 on bad arguments
    if min(args.timeout, args.concurrency) <= 0:
        parser().error("--timeout and --concurrency must be greater than 0")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the build runs quietly; its errors still show
    try:
        report = run(args.paths or ["docs"], args.config, args)
    except (Exception, KeyboardInterrupt) as err:  # never a traceback for the user; say what broke
        said = err if isinstance(err, UsageError) else f"the check could not run: {type(err).__name__}: {err}"
        print(f"check_images: error: {said}", file=sys.stderr)
        return 2
    try:
        write(report, args.format)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if report.problems else 0
