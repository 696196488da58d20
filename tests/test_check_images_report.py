"""The report (imagecheck.cli) and the command line: formats, exit codes, the job summary."""

from __future__ import annotations

import json

import pytest

from check_images_support import FIXTURES, SITE, run_cli
from imagecheck import Problem
from imagecheck.cli import Report, markdown_summary, render, summary_line

REPORT = Report(3, 7, 1, [Problem("docs/a.md", 4, "x|y.png", "missing-file", "the built site has no 'x'\nfix")])


def test_summary_counts_problems_by_code_and_skipped_remote_images():
    assert summary_line(REPORT) == "checked 7 images in 3 files: 1 problem (1 missing-file), 1 remote skipped (--offline)"


def test_github_annotations_escape_what_github_would_misread():
    first = render(REPORT, "github").splitlines()[0]
    assert first == "::error file=docs/a.md,line=4,title=image%3A missing-file::x|y.png — the built site has no 'x'%0Afix"


def test_step_summary_table_escapes_pipes():
    assert "| `docs/a.md` | 4 | `missing-file` | `x\\|y.png` | the built site has no 'x' fix |" in markdown_summary(REPORT)


def test_cli_exits_0_and_prints_a_summary_when_all_is_well():
    result = run_cli("docs/zh/clean.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("checked ") and result.stdout.endswith(" in 1 files: 0 problems\n")


def test_cli_text_line_names_file_line_code_src_and_fix():
    result = run_cli("docs/zh/missing.md")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("docs/zh/missing.md:3: missing-file: ../assets/figures/nope.png — ")
    assert result.stdout.splitlines()[-1].endswith(" in 1 files: 1 problem (1 missing-file)")


def test_cli_json_has_the_documented_shape():
    result = run_cli("--format", "json", "docs/zh/alt.md")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"files", "images", "skipped", "problems"}
    assert (data["files"], data["skipped"]) == (1, 0)
    assert [set(p) for p in data["problems"]] == [{"file", "line", "src", "problem", "message"}] * 2
    assert [(p["file"], p["line"], p["problem"]) for p in data["problems"]] == [
        ("docs/zh/alt.md", 3, "missing-alt"), ("docs/zh/alt.md", 4, "missing-alt")]


def test_cli_github_format_annotates_and_appends_the_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli("--format", "github", "docs/zh/missing.md", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=docs/zh/missing.md,line=3,title=image%3A missing-file::../assets/figures/nope.png — ")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Image check\n")
    assert "| `docs/zh/missing.md` | 3 | `missing-file` | `../assets/figures/nope.png` |" in text


@pytest.mark.parametrize(("args", "cwd", "says"), [
    (["no/such/folder"], SITE, "path 'no/such/folder' does not exist"),
    (["--config", "missing.yml"], SITE, "Config file 'missing.yml' does not exist"),
    (["mkdocs.yml"], SITE, "neither a Markdown (.md) nor an HTML (.html) file"),
    (["--timeout", "0"], SITE, "must be greater than 0"),
    (["--cache-max-age", "soon"], SITE, "not a duration"),
    (["--format", "xml"], SITE, "invalid choice"),
    (["--offline", "--no-remote"], SITE, "not allowed with argument"),
    (["--config", "bad-config/mkdocs.yml", "broken/docs"], FIXTURES, "MkDocs cannot load"),
])
def test_cli_exits_2_with_a_plain_message_when_it_cannot_run(args, cwd, says):
    result = run_cli(*args, cwd=cwd)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_reports_a_non_utf8_file_without_a_traceback():
    result = run_cli("broken/docs", cwd=FIXTURES)
    assert result.returncode == 1
    assert "broken/docs/latin1.md:1: unreadable:" in result.stdout
    assert "Traceback" not in result.stderr
