"""Report: the problems as text, JSON or GitHub annotations (+ the job summary)."""

import json
import os
import sys
from collections import Counter
from dataclasses import asdict, dataclass

from . import Problem


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
