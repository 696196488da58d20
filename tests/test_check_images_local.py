"""imagecheck.local: each image of the fixture site (tests/fixtures/check_images/site, the real site's
conventions: zh at /, en at /en/, site_url with a sub-path), rendered by MkDocs, against the output tree."""

from __future__ import annotations

import re
import shutil

import pytest

from check_images_support import REGRESS, SITE, check, found, mkdocs_build, reported_broken, run_cli, truly_broken
from imagecheck import local


def test_every_supported_syntax_resolves_without_problems():
    report = check("docs/zh/clean.md")
    assert found(report) == []
    # sized, inside a link, two reference-style, fragment, query, %20, <angle>, data:, localized asset,
    # admonition, details, tab, md_in_html figure -- in the zh build and again in the en fallback (+ favicon)
    assert report.images == 2 * (14 + 1)


def test_images_shown_as_code_or_in_comments_are_not_images():
    report = check("docs/zh/code.md")
    assert report.images == 2 and found(report) == []  # the theme's favicon, at / and at /en/


@pytest.mark.parametrize(("name", "expected", "says"), [
    ("missing", [(3, "missing-file")], ["no 'assets/figures/nope.png'"]),
    ("case", [(3, "missing-file")], ["write '../assets/figures/Case.png'", "case-sensitive"]),
    ("outside", [(3, "outside-root")], []),
    # root-absolute on a site served under a sub-path: the relative fix
    ("absolute", [(3, "absolute-path")], ["write '../assets/figures/chart.png'"]),
    # an empty Markdown alt and an <img> without alt; alt="" (decorative) is fine
    ("alt", [(3, "missing-alt"), (4, "missing-alt")], ["![what it shows]", 'alt=""']),
    ("bad-url", [(3, "bad-url"), (4, "bad-url")], ["empty", "javascript:"]),
    # raw HTML works at / but not under /en/, where the zh page is the fallback
    ("raw-html", [(3, "missing-file")], ["/en/raw-html/", "use Markdown image syntax ![alt](../assets/figures/chart.png)"]),
])
def test_each_planted_problem_is_reported_on_its_source_line_with_what_to_do(name, expected, says):
    report = check(f"docs/zh/{name}.md")
    assert found(report) == [(f"docs/zh/{name}.md", line, code) for line, code in expected]
    messages = " | ".join(p.message for p in report.problems)
    assert all(part in messages for part in says), messages


def test_root_absolute_path_on_a_root_site_is_fine_unless_it_resolves_to_nothing():
    report = check("docs", cwd=REGRESS / "root-site")
    assert [(p.line, p.problem, p.src) for p in report.problems] == [(5, "absolute-path", "/assets/root-missing.png")]


def test_missing_srcset_candidate_is_reported_in_each_language_page():
    report = check("docs/zh/picture.md", "docs/en/picture.md")
    assert [(p.file, p.line, p.problem, p.src) for p in report.problems] == [
        ("docs/en/picture.md", 5, "missing-file", "../../assets/figures/chart@3x.png"),
        ("docs/zh/picture.md", 5, "missing-file", "../assets/figures/chart@3x.png"),
    ]


def test_without_fallback_the_verdicts_are_what_the_built_site_shows(tmp_path):
    """The real site sets fallback_to_default: false: the en build then has no shared assets of its own, but
    MkDocs leaves the path as written and the reader at /en/ still gets the zh build's copy."""
    shutil.copytree(SITE, tmp_path / "site")
    config = tmp_path / "site" / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "docs_structure: folder", "docs_structure: folder\n      fallback_to_default: false"), encoding="utf-8")
    assert mkdocs_build(tmp_path / "site", tmp_path / "out").returncode == 0
    report = check("docs", cwd=tmp_path / "site")
    assert reported_broken(report) == truly_broken(tmp_path / "out", "/gpt4-report-guide/") != set()


def test_whole_fixture_site_reports_exactly_the_planted_problems():
    report = check("docs")
    assert found(report) == [
        ("docs/en/picture.md", 5, "missing-file"),
        ("docs/zh/absolute.md", 3, "absolute-path"),
        ("docs/zh/alt.md", 3, "missing-alt"),
        ("docs/zh/alt.md", 4, "missing-alt"),
        ("docs/zh/bad-url.md", 3, "bad-url"),
        ("docs/zh/bad-url.md", 4, "bad-url"),
        ("docs/zh/case.md", 3, "missing-file"),
        ("docs/zh/missing.md", 3, "missing-file"),
        ("docs/zh/outside.md", 3, "outside-root"),
        ("docs/zh/picture.md", 5, "missing-file"),
        ("docs/zh/raw-html.md", 3, "missing-file"),
    ]
    assert report.files == 16


def test_advice_when_followed_makes_the_image_work(tmp_path):
    """Each message names the path to write; writing it (Markdown or raw HTML) fixes the image."""
    project = tmp_path / "advice"
    shutil.copytree(REGRESS / "advice", project)
    report = check("docs", cwd=project)
    assert len(report.problems) == 4
    page = project / "docs" / "en" / "guide" / "page.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    for p in report.problems:
        fix = re.search(r"write '([^']+)'|image syntax (!\[alt\]\([^)]+\))", p.message)
        assert fix, p.message
        line = lines[p.line - 1]
        lines[p.line - 1] = line.replace(p.src, fix.group(1)) if fix.group(1) else fix.group(2)
    page.write_text("\n".join(lines), encoding="utf-8")
    assert found(check("docs", cwd=project)) == []


@pytest.mark.parametrize(("src", "kind"), [
    ("a.png", "local"), ("", "bad"), ("C:\\img\\a.png", "bad"), ("javascript:x", "bad"), ("https:///a.png", "bad"),
    ("//cdn.example.org/a.png", "remote"), ("data:image/png;base64,AA==", "data"),
    ("https://example.github.io/gpt4-report-guide/a.png", "self"), ("http://[::1", "bad"),
])
def test_addresses_are_classified(src, kind):
    assert local.classify(src, "https://example.github.io/gpt4-report-guide/")[0] == kind


def test_the_in_build_hook_fails_a_strict_build_with_the_same_message(tmp_path):
    """overrides/hooks/check_images.py, added to a copy of the fixture site: `mkdocs build --strict` fails."""
    from check_images_support import ROOT

    project = tmp_path / "site"
    shutil.copytree(SITE, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"hooks:\n  - {ROOT / 'overrides/hooks/check_images.py'}\n",
                      encoding="utf-8")
    for name in ("absolute", "alt", "bad-url", "case", "cross-language", "missing", "outside", "picture"):
        (project / "docs" / "zh" / f"{name}.md").unlink()
    (project / "docs" / "en" / "picture.md").unlink()
    result = mkdocs_build(project, tmp_path / "out", "--strict")
    assert result.returncode == 1
    cli_line = run_cli("docs", cwd=project).stdout.splitlines()[0]
    assert cli_line.startswith("docs/zh/raw-html.md:3: missing-file:")
    assert f"WARNING -  {cli_line}" in result.stderr
