"""imagecheck.parse: one pass of an HTML5 parser (Lexbor), each image's line from its start tag."""

from __future__ import annotations

import time

from check_images_support import PNG, check, check_in_cpu_time, short_limit  # noqa: F401 - a fixture
from imagecheck import parse

PAGE = """<html><head>
<meta property="og:image" content="https://example.github.io/gpt4-report-guide/assets/og.png">
<link rel="icon" href="assets/a.png"><link rel="stylesheet" href="x.css">
<script>var x = "<img src='ignored.png'>";</script>
</head><body><!-- <img src="commented.png"> -->
<picture><source srcset="assets/a.png 1x, assets/dark.png 2x"><IMG SRC="assets/a.png" alt="a"></picture>
<img src="b.png" srcset="c.png 2x"><img src="d.png" alt="">
</body></html>
"""


def test_images_with_their_lines_and_alt():
    assert [(i.line, i.src, i.alt, i.needs_alt) for i in parse.images(PAGE)] == [
        (2, "https://example.github.io/gpt4-report-guide/assets/og.png", "", False),
        (3, "assets/a.png", "", False),
        (6, "assets/a.png", "", False), (6, "assets/dark.png", "", False), (6, "assets/a.png", "a", True),
        (7, "b.png", None, True), (7, "c.png", None, False), (7, "d.png", "", True),
    ]


def test_srcset_candidates_lose_their_descriptors():
    assert parse.parse_srcset(" a.png 1x,b%20c.png 2x , data:image/png;base64,AA== 3x,d.png") == [
        "a.png", "b%20c.png", "data:image/png;base64,AA==", "d.png"]


def test_unclosed_tags_take_linear_time():
    started = time.monotonic()
    for text in ("<img " * 400_000, "<img src=\"" * 200_000 + ">", "<!--" * 500_000 + ">", "`a" * 1_000_000):
        parse.images(text)
    assert time.monotonic() - started < 10


def test_marks_for_lines_never_leak_into_what_is_reported():
    text = '<p title="<img x">\n<IMG\talt="<img src=1>" src="a<img b">\n<image src="c.png"/>'
    assert [(i.line, i.src, i.alt) for i in parse.images(text)] == [(2, "a<img b", "<img src=1>"), (3, "c.png", None)]


def test_deeply_nested_page_is_unreadable_within_the_time_limit(tmp_path, short_limit):
    (tmp_path / "index.html").write_text("<div>" * 400_000 + '<img src="a.png" alt="a">', encoding="utf-8")
    report = check_in_cpu_time(str(tmp_path / "index.html"), cwd=tmp_path)
    assert [(p.line, p.problem) for p in report.problems] == [(1, "unreadable")]
    assert "the HTML parser could not read this page" in report.problems[0].message


def test_built_html_checks_srcset_source_and_social_images(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.png").write_bytes(PNG)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.github.io/gpt4-report-guide/\n")
    report = check("site", cwd=tmp_path)
    assert [(p.line, p.problem, p.src) for p in report.problems] == [
        (2, "missing-file", "https://example.github.io/gpt4-report-guide/assets/og.png"),
        (6, "missing-file", "assets/dark.png"),
        (7, "missing-alt", "b.png"), (7, "missing-file", "b.png"), (7, "missing-file", "c.png"),
        (7, "missing-file", "d.png"),
    ]
