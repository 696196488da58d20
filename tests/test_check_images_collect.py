"""imagecheck.collect: MkDocs loads the config and renders the pages; the truth comes from `mkdocs build`.

Each folder under tests/fixtures/check_images/regress reproduces one defect of the old checker (issue 8).
The test builds it with `mkdocs build` and asserts the checker reports a broken image exactly when the
built site has one (computed from the built files alone, in check_images_support.truly_broken)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from check_images_support import (ENV, FIXTURES, REGRESS, SCRIPT, SITE, check, check_in_cpu_time, found, mkdocs_build,
                                  reported_broken, run_cli, short_limit, truly_broken)

EXPECTED = {  # fixture: what is really broken there (asserted equal to the truth too)
    "unclosed-fence": {"after-fence.png"},  # an image after a never-closed fence is still rendered
    "space": {"Missing Shot.png", "Other Missing.png"},  # ![x](<Screen Shot.png>) works; these do not
    "exclude": {"draft-figure.png"},  # exclude_docs: the image is never published
    "inherit": {"inherit-broken.png"},  # INHERIT: use_directory_urls false from base.yml
    "env-false": set(),  # !ENV [UNSET, false]: use_directory_urls is false
    "templates": set(),  # theme templates under docs/ are not pages
    "symlink": {"unlinked.png"},  # MkDocs follows the symlinked folder
    # raw <img> in a blog post resolves from the post's URL: right there, wrong in the excerpt on the index
    "blog": {"blog-source-relative.png", "blog-ok.png"},
    "root-site": {"root-missing.png"},  # root-absolute paths work on a site served at /
    "advice": {"advice-case.png", "advice-moved.png"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_checker_reports_a_broken_image_exactly_when_the_built_site_has_one(name, tmp_path):
    project = REGRESS / name
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.stderr
    site_path = "/sub/" if name == "advice" else "/"
    truth = truly_broken(tmp_path / "out", site_path)
    assert truth == EXPECTED[name]
    assert reported_broken(check("docs", cwd=project)) == truth


def test_problems_point_at_the_markdown_line_that_wrote_the_image():
    report = check("docs", cwd=REGRESS / "space")
    assert [(p.file, p.line) for p in report.problems] == [("docs/index.md", 7), ("docs/index.md", 9)]


def test_non_utf8_file_is_unreadable_and_the_rest_is_still_checked():
    report = check("broken/docs", cwd=FIXTURES)
    assert found(report) == [("broken/docs/latin1.md", 1, "unreadable")]
    assert "line 3" in report.problems[0].message
    assert report.files == 2 and report.images == 2  # fine.md's image and the theme's favicon


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root's read-everything right")
def test_unreadable_folder_is_a_problem_never_a_pass(tmp_path):
    """Root reads every folder: the checker runs as root without the capabilities that skip permission checks
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), still the owner of the clone, wherever it lies (a mode-700 home too)."""
    (tmp_path / "docs" / "locked").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "locked" / "page.md").write_text("![a](nope.png)\n", encoding="utf-8")
    (tmp_path / "docs" / "locked").chmod(0)
    user = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    result = subprocess.run([*user, sys.executable, str(SCRIPT), "docs"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, env=ENV)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/locked:1: unreadable:  — could not read the folder: Permission denied" in result.stdout


def test_without_mkdocs_yml_it_says_so_and_checks_the_folder_as_a_plain_site(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n![Gone](gone.png)\n", encoding="utf-8")
    result = run_cli("docs", cwd=tmp_path)
    assert result.returncode == 1
    assert "no mkdocs.yml" in result.stderr
    assert result.stdout.startswith("docs/index.md:3: missing-file: gone.png")


def test_site_dir_is_checked_as_built_html_even_with_markdown_twins_in_it(tmp_path):
    """The Pages workflow runs `check_images.py docs site`: site/ holds each page's Markdown twin (index.md) too."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "site" / "guide").mkdir(parents=True)
    (tmp_path / "site" / "guide" / "index.html").write_text('<p>\n<img src="gone.png" alt="a">', encoding="utf-8")
    (tmp_path / "site" / "guide" / "index.md").write_text("# Guide\n\n![a](gone.png)\n", encoding="utf-8")
    assert found(check("site", cwd=tmp_path)) == [("site/guide/index.html", 2, "missing-file")]


def test_a_config_mkdocs_cannot_load_exits_2_with_mkdocs_own_message(tmp_path):
    result = run_cli("--config", "bad-config/mkdocs.yml", "broken/docs", cwd=FIXTURES)
    assert result.returncode == 2
    assert "MkDocs cannot load 'bad-config/mkdocs.yml'" in result.stderr
    assert "line 4" in result.stderr and "Traceback" not in result.stderr


SLOW_MARKDOWN = {  # Python-Markdown (html.parser before Python 3.13) needs minutes to hours for these
    "backtick runs": " x ".join("`" * n for n in range(1, 2001)),  # the page: 2,000 runs of growing length
    "unclosed tags": "<img " * 400_000,
    "unclosed link brackets": "[" * 20_000,  # new, and only 20 kB: no guard for a known pattern would see it
}


@pytest.mark.parametrize("name", sorted(SLOW_MARKDOWN))
def test_a_page_mkdocs_cannot_render_in_time_is_unreadable_and_the_check_goes_on(name, tmp_path, short_limit):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav: [index.md, slow.md, z.md]\n", encoding="utf-8")
    for page in ("index", "z"):  # rendered before and after the slow page
        (tmp_path / "docs" / f"{page}.md").write_text("# Page\n\n![gone](gone.png)\n", encoding="utf-8")
    (tmp_path / "docs" / "slow.md").write_text(SLOW_MARKDOWN[name], encoding="utf-8")
    report = check_in_cpu_time("docs", cwd=tmp_path)
    assert found(report) == [("docs/index.md", 3, "missing-file"), ("docs/slow.md", 1, "unreadable"),
                             ("docs/z.md", 3, "missing-file")]
    assert "MkDocs could not render this page within 1 s of CPU time" in report.problems[1].message


def test_a_page_the_html_parser_cannot_read_in_time_is_unreadable_and_the_check_goes_on(tmp_path, short_limit):
    """A new pattern (lists nested 50,000 deep: 400 kB) for Lexbor, C code stopped by the CPU timer of its process."""
    (tmp_path / "site" / "b").mkdir(parents=True)
    for page in ("a.html", "c.html"):
        (tmp_path / "site" / page).write_text('<p><img src="gone.png" alt="x">', encoding="utf-8")
    (tmp_path / "site" / "b" / "index.html").write_text("<ul><li>" * 50_000 + '<img src="a.png">', encoding="utf-8")
    report = check_in_cpu_time("site", cwd=tmp_path)
    assert found(report) == [("site/a.html", 1, "missing-file"), ("site/b/index.html", 1, "unreadable"),
                             ("site/c.html", 1, "missing-file")]
    assert "the HTML parser could not read this page within 1 s of CPU time" in report.problems[1].message


@pytest.mark.parametrize("text", ["<img " * 400_000, "`a" * 1_000_000, "`" * 2_000_000])
@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_pathological_input_finishes_quickly(tmp_path, text, suffix):
    """2 MB that the old checker (and Python-Markdown on Python < 3.13) needs hours for, through the command line
    with its real LIMIT: a bound, not a benchmark."""
    folder = tmp_path / ("docs" if suffix == ".md" else "site")
    folder.mkdir()
    (folder / f"index{suffix}").write_text(text, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run_cli(folder.name, "--format", "json", cwd=tmp_path, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 10  # CPU seconds: the machine may be busy
    assert result.returncode in (0, 1), result.stderr


def test_config_settings_come_from_mkdocs_own_loader(monkeypatch):
    """site_url from the !ENV tag sets the site path (the Referer and absolute-path verdicts use it)."""
    monkeypatch.setenv("SITE_URL", "https://docs.example.org/guide/")
    from imagecheck import collect

    config = collect.load(str(SITE / "mkdocs.yml"))
    assert collect.Site(set(), config.site_url).path == "/guide/"
