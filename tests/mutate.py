#!/usr/bin/env python3
"""Mutation testing: does the test suite catch realistic defects?

    .venv/bin/python tests/mutate.py [--base REF] [--only WORD ...] [--tests PATH ...] [--timeout SECONDS]

Checks the repository out in a temporary git worktree (HEAD plus the working tree's changes, or the
commit REF with --base), then applies each mutation below on its own, runs the tests there with this
repository's .venv (fast modules first, stopping at the first failure) and prints a table: which
mutation was caught, by which test, in how many seconds. A mutation whose `old` text is not in its
file stops the run: update the list when the code moves on. Not part of `dev.py test` (slow).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
FAST_FIRST = ["tests/test_content.py", "tests/test_built_site.py", "tests/test_site.py", "tests/test_workflows.py",
              "tests/test_figures.py", "tests/test_cards.py"]
FONT_IMPORT = '@import url("https://fonts.googleapis.com/css2?family=Inter&display=swap");'
Regex = re.compile  # `old` as a pattern: its first match is replaced by `new`, a re.sub template

# (name, file, old, new): each defect is one replacement of the first occurrence of `old`.
MUTATIONS = [
    ("search index not split", "overrides/hooks/search_per_language.py",
     "    if not root_index.exists():\n", "    if True:\n"),
    ("switcher loses #section", "docs/assets/javascripts/extra.js",
     'link.href = link.href.split("#")[0] + location.hash;', 'link.href = link.href.split("#")[0];'),
    ("heading id renamed (en)", "docs/en/capabilities.md", "{ #exams }", "{ #exam-results }"),
    ("table row deleted (zh versions)", "docs/zh/sources.md", Regex(r"(?m)^\| v4 \|.*\n"), ""),
    ("one 404 for both languages", "overrides/hooks/not_found_per_language.py",
     'language_root(config, lang) / "404.html"', '"404.html"'),
    ("Google Fonts <link>", "mkdocs.yml", "  font: false\n", "  font:\n    text: Inter\n"),
    ("hotlink detection disabled", "scripts/imagecheck/remote.py",
     'if verdict.status in (401, 403, 451) or verdict.problem == "not-an-image":', "if False:"),
    # "images in code no longer ignored": gone since the checker reads MkDocs' own rendering (code is text there).
    ("action pinned by tag", ".github/workflows/ci.yml",
     Regex(r"actions/checkout@[0-9a-f]{40}( # v[\d.]+)?"), "actions/checkout@v4"),
    ("light/dark figures swapped", "overrides/hooks/markers.py",
     Regex(r'for theme in \("light", "dark"\):(.*?)\.svg#only-\{theme\}', re.S),
     r'for theme, shown in (("light", "dark"), ("dark", "light")):\1.svg#only-{shown}'),
    ("takeaways box removed (en)", "docs/en/steerability.md", '!!! abstract "Key takeaways"\n', ""),
    ("86.4 -> 86.5 on zh capabilities", "docs/zh/capabilities.md", "86.4%", "86.5%"),
    ("quote moved to the next page (calibration)", "docs/data/quotes/calibration.yml",
     "cal-fig8-pre:\n  page: 12", "cal-fig8-pre:\n  page: 13"),
    ("a word changed in a quote (calibration)", "docs/data/quotes/calibration.yml",
     "Calibration plot of the pre-trained GPT-4 model", "Calibration plot of the final GPT-4 model"),
    ("a report link with no quote (zh calibration)", "docs/zh/calibration.md",
     "| [图 8 左，第 12 页][cal-ece-pre] |", "| [图 8 左，第 12 页](https://arxiv.org/pdf/2303.08774v6#page=12) |"),
    ('alt="" on one figure', "overrides/hooks/figure.html", 'alt="{{ alt }}"', 'alt="{{ alt if name != \'scaling\' }}"'),
    ("inline <style>@import of a font (en)", "docs/en/training.md",
     '--8<-- "abbreviations.en.md"', f'<style>{FONT_IMPORT}</style>\n\n--8<-- "abbreviations.en.md"'),
    ("five bullets deleted (en limitations)", "docs/en/limitations.md", Regex(r"(?m)(?:^ *- [^\n]*\d[^\n]*\n){5}"), ""),
    ("data row deleted (exams.csv)", "docs/data/exams.csv", Regex(r"(?m)^LSAT,.*\n"), ""),
    # our own
    ("CSS file @import of a font", "docs/assets/stylesheets/extra.css", Regex(r"\A"), FONT_IMPORT + "\n"),
    ("link text names another page (zh)", "docs/zh/calibration.md", "[图 8 左，第 12 页][cal-ece-pre] |",
     "[图 8 左，第 21 页][cal-ece-pre] |"),
    ("tables lose the percentile", "overrides/hooks/markers.py", 'if extra and extra != "-":', 'if extra and extra == "-":'),
    ("launch date changed (en training)", "docs/en/training.md", "launched on 14 March 2023", "launched on 14 May 2023"),
    ("remote video poster (zh)", "docs/zh/visual-inputs.md", Regex(r"\Z"),
     '\n<video controls poster="https://cdn.example.com/gpt4.jpg"></video>\n'),
    ("dark figure shows the light SVG", "overrides/hooks/markers.py",
     "assets/figures/{name}.{lang}.{theme}.svg#", "assets/figures/{name}.{lang}.light.svg#"),
]


def copy_repository(dest: Path, base: str | None) -> None:
    """A git worktree (the build reads page dates from git) of `base`, or of HEAD plus the working tree's changes."""
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(dest), base or "HEAD"], cwd=ROOT, check=True)
    if not base:
        listing = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                                 capture_output=True, check=True, text=True).stdout
        for name in filter(None, listing.split("\0")):
            if (ROOT / name).is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, dest / name)
    for shared in (".venv", "node_modules"):  # installed once, reused by absolute path
        if (ROOT / shared).is_dir():
            (dest / shared).symlink_to(ROOT / shared)


def apply(repo: Path, file: str, old, new: str) -> str:
    """Write the mutated file; return its original text. Fails loudly if `old` is not there."""
    path = repo / file
    original = path.read_text(encoding="utf-8") if path.is_file() else ""
    if isinstance(old, re.Pattern):
        mutated, count = old.subn(new, original, count=1)
    else:
        count = original.count(old)
        mutated = original.replace(old, new, 1)
    if not count or mutated == original:
        sys.exit(f"mutate.py: {file}: {getattr(old, 'pattern', old)!r} not found; update MUTATIONS")
    path.write_text(mutated, encoding="utf-8")
    return original


def run_tests(repo: Path, tests: list[str], timeout: float) -> tuple[str, str, float]:
    """('caught', first failing test) or ('missed', '') or ('timeout', '')."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TEST_ARTIFACTS=str(repo / "test-artifacts"),
               PYTHONPATH=str(repo / "scripts"))  # the copy's guide_data, not the editable install's
    start = time.monotonic()
    try:
        result = subprocess.run([str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                                cwd=repo, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", "", time.monotonic() - start
    seconds = time.monotonic() - start
    if result.returncode == 0:
        return "missed", "", seconds
    failed = re.search(r"^(FAILED|ERROR) (\S+)", result.stdout, re.M)  # ERROR: e.g. the strict build failed
    return "caught", (failed[2] + (" (error)" if failed[1] == "ERROR" else "")) if failed else \
        f"pytest exit {result.returncode}", seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="mutate this commit (e.g. main) instead of the working tree")
    parser.add_argument("--only", nargs="+", default=[], help="only mutations whose name contains one of these")
    parser.add_argument("--tests", nargs="+", help="test files or ids to run (default: every module, fast first)")
    parser.add_argument("--timeout", type=float, default=360, help="seconds per mutation (default 360)")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or any(w.lower() in m[0].lower() for w in args.only)]
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        repo = Path(tmp) / "repo"
        try:
            copy_repository(repo, args.base)
            every = [f"tests/{p.name}" for p in sorted((repo / "tests").glob("test_*.py"))]  # the browser tests last:
            default = sorted(every, key=lambda t: (t == "tests/test_browser.py", t not in FAST_FIRST,
                                                   FAST_FIRST.index(t) if t in FAST_FIRST else 0))
            tests = [t for t in args.tests or default if (repo / t.split("::")[0]).exists()]  # --base: older tests
            for name, file, old, new in chosen:  # check the whole list before spending time on it
                (repo / file).write_text(apply(repo, file, old, new), encoding="utf-8")
            verdict, test, seconds = run_tests(repo, tests, args.timeout)
            print(f"baseline (no mutation): {'passes' if verdict == 'missed' else verdict + ' ' + test}", flush=True)
            rows = []
            for name, file, old, new in chosen:
                original = apply(repo, file, old, new)
                try:
                    verdict, test, seconds = run_tests(repo, tests, args.timeout)
                finally:
                    (repo / file).write_text(original, encoding="utf-8")
                rows.append((name, verdict, test, seconds))
                print(f"{verdict:8} {seconds:6.0f} s  {name}  {test}", file=sys.stderr, flush=True)
        finally:  # the worktree's entry in .git goes with it
            subprocess.run(["git", "worktree", "remove", "--force", str(repo)], cwd=ROOT, check=False)
    width = max(len(r[0]) for r in rows)
    print(f"| {'mutation':{width}} | result  | caught by | s |\n|{'-' * (width + 2)}|---------|---|---|")
    for name, verdict, test, seconds in rows:
        print(f"| {name:{width}} | {verdict:7} | {test or '—'} | {seconds:.0f} |")
    caught = sum(r[1] == "caught" for r in rows)
    print(f"\n{caught} of {len(rows)} mutations caught")
    return 0 if caught == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
