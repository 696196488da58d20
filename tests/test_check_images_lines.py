"""imagecheck.lines: each problem is reported on the source line that wrote the image, by construction (issue 21).

One page writes the same image path as Markdown (MkDocs rewrites it: it works) and as raw HTML (MkDocs does not:
broken wherever the page's URL is not its source folder), in both orders, several times, in admonitions, tabs,
lists, md_in_html, with titles and attribute lists, after front matter, a snippet and text a hook inserts.
The truth comes from `mkdocs build` alone: which <img> of the built page is broken or has no alt, and the source
line that holds that image's unique token (its alt or title). The checker must report exactly those lines, and
applying every fix it suggests must leave a build with nothing broken."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from check_images_support import BROKEN, PNG, REGRESS, check, mkdocs_build

PAGE = """---
title: Cases
---

# Cases { #cases }

![md-01](P/ok.png)

Text with <img src="P/ok.png" alt="raw-01"> inline, then ![md-02](P/ok.png "a title") after it.

<img src="P/ok.png" alt="raw-02">

--8<-- "part.md"

![md-03](P/ok.png){ width="300" } and <img alt="raw-03" src="P/ok.png" width="300"> on one line.

<!-- expand -->

!!! note "Admonition"
    <img src="P/ok.png" alt="raw-04">

    ![md-04](P/ok.png)

=== "One"

    ![md-05](P/ok.png)

    <img src="P/ok.png" alt="raw-05" title="a title">

=== "Two"

    <img src="P/ok.png" title="raw-06 has no alt">

- a list item ![md-06](P/ok.png)
- <img src="P/ok.png" alt="raw-07">
    - nested <img src="P/ok.png" alt="raw-08"> and ![md-07](P/ok.png)

<figure markdown>
  ![md-08](P/ok.png)
  <figcaption>Caption</figcaption>
</figure>

<div markdown>
<img src="P/ok.png" alt="raw-09">
</div>

<div>
<img src="P/ok.png" alt="raw-10">
</div>

![](P/ok.png "md-09 has no alt")

![md-10][ok] and [![md-11](P/ok.png)](P/ok.png)

`<img src="P/ok.png" alt="code-01">` and `![code-02](P/ok.png)`, \\![not-an-image](P/ok.png)

```html
<img src="P/ok.png" alt="code-03">
![code-04](P/ok.png)
```

<img alt="raw-11"
     src="P/ok.png">

[ok]: P/ok.png
"""
CONFIG = """site_name: Lines
use_directory_urls: {dirs}
hooks: [insert.py]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.superfences
  - pymdownx.tabbed: {{alternate_style: true}}
  - pymdownx.snippets: {{base_path: [snippets], check_paths: true}}
"""
I18N = """plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: zh, default: true, name: 中文}
        - {locale: en, name: English}
"""
INSERT = '''def on_page_markdown(markdown, page, config, files):  # a plugin changing the text Markdown gets
    return "Inserted by a hook.\\n\\n" + markdown.replace("<!-- expand -->", "One\\n\\nTwo\\n\\n![](inserted.png)")
'''
TOKEN = re.compile(r"\b(?:md|raw)-\d\d\b")
LAYOUTS = {  # name: (the page's source, use_directory_urls, i18n folder layout)
    "root-directory-urls": ("cases.md", True, False),
    "root-html-urls": ("cases.md", False, False),
    "nested-directory-urls": ("guide/cases.md", True, False),
    "nested-html-urls": ("guide/cases.md", False, False),
    "i18n-en-nested": ("en/guide/cases.md", True, True),
}


def make_project(root: Path, source: str, dirs: bool, i18n: bool) -> Path:
    page = root / "docs" / source
    page.parent.mkdir(parents=True)
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "ok.png").write_bytes(PNG)
    prefix = os.path.relpath(root / "docs" / "assets", page.parent).replace(os.sep, "/")
    page.write_text(PAGE.replace("P/", prefix + "/"), encoding="utf-8")
    for lang in ("zh", "en") if i18n else ():
        (root / "docs" / lang).mkdir(exist_ok=True)
        (root / "docs" / lang / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "snippets").mkdir()
    (root / "snippets" / "part.md").write_text("A snippet.\n\nIts second paragraph.\n\nA third.\n", encoding="utf-8")
    (root / "insert.py").write_text(INSERT, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(dirs=str(dirs).lower()) + (I18N if i18n else ""),
                                     encoding="utf-8")
    return page


def truth(root: Path, page: Path) -> set[tuple[str, int, str]]:
    """(source file, line, broken / missing-alt) of each image of the built page, from the built files alone."""
    out = root / "out"
    assert (build := mkdocs_build(root, out)).returncode == 0, build.stderr
    lines = page.read_text(encoding="utf-8").split("\n")
    found = set()
    for html in [p for p in out.rglob("*.html") if "cases" in p.relative_to(out).as_posix()]:
        for img in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("img"):
            if not (token := TOKEN.search(img.get("alt", "") + " " + img.get("title", ""))):
                continue  # the hook's inserted image: not in the source
            line = next(n for n, text in enumerate(lines, 1) if token[0] in text)
            target = (html.parent / unquote(urlsplit(img["src"]).path)).resolve()
            if not target.is_file() or out.resolve() not in target.parents:
                found.add((f"docs/{page.relative_to(root / 'docs').as_posix()}", line, "broken"))
            if img.get("alt") is None or not img["alt"] and token[0].startswith("md-"):
                found.add((f"docs/{page.relative_to(root / 'docs').as_posix()}", line, "missing-alt"))
    return found


def reported(report) -> set[tuple[str, int, str]]:
    kinds = {code: "broken" for code in BROKEN} | {"missing-alt": "missing-alt"}
    return {(p.file, p.line, kinds.get(p.problem, p.problem)) for p in report.problems if "inserted.png" not in p.src}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_problem_is_on_the_line_that_wrote_the_image_and_each_fix_works(layout, tmp_path):
    source, dirs, i18n = LAYOUTS[layout]
    page = make_project(tmp_path, source, dirs, i18n)
    expected = truth(tmp_path, page)
    assert {kind for _, _, kind in expected} == ({"broken", "missing-alt"} if dirs else {"missing-alt"})
    report = check("docs", cwd=tmp_path)
    assert reported(report) == expected
    assert not [p for p in report.problems if "not in the Markdown" in p.message and "inserted" not in p.src]

    text = page.read_text(encoding="utf-8")
    for p in [p for p in report.problems if p.src != "inserted.png"]:
        start = sum(len(line) + 1 for line in text.split("\n")[:p.line - 1])  # the fix goes from there: a raw tag
        rest, first = text[start:], text[start:].split("\n")[0]  # may go on below the line where it starts
        if p.problem == "missing-alt":
            rest = rest.replace("<img ", '<img alt="described" ', 1).replace("![](", "![described](", 1)
        else:
            assert (fix := re.search(r"write '([^']+)'", p.message)), p.message
            markdown = f"({p.src}" in first and f'"{p.src}"' not in first
            rest = rest.replace(*((f"({p.src}", f"({fix[1]}") if markdown else (f'"{p.src}"', f'"{fix[1]}"')), 1)
        text = text[:start] + rest
    page.write_text(text, encoding="utf-8")
    assert truth(tmp_path, page) == set()
    assert reported(check("docs", cwd=tmp_path)) == set()


def test_a_raw_image_after_a_markdown_one_of_the_same_path_is_reported_on_its_own_line(tmp_path):
    """The case of the issue: line 5 (Markdown, works) and line 51 (raw HTML, broken at /guide/cases/); here
    after four lines of front matter, which MkDocs strips before Markdown sees the text."""
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "assets").mkdir()
    (tmp_path / "docs" / "assets" / "ok.png").write_bytes(PNG)
    text = ["---", "title: Cases", "---", "", "# Cases", "", "Text.", "", "![chart](../assets/ok.png)"]
    text += ["", "Prose."] * 22 + ["", '<img src="../assets/ok.png" alt="chart">', "", '<img src="../assets/ok.png" '
                                   'title="no alt">']
    (tmp_path / "docs" / "guide" / "cases.md").write_text("\n".join(text) + "\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    report = check("docs", cwd=tmp_path)
    assert [(p.line, p.problem) for p in report.problems] == [(55, "missing-file"), (57, "missing-alt"),
                                                             (57, "missing-file")]
    assert "write '../../assets/ok.png'" in report.problems[0].message
    assert "alt=\"\"" in report.problems[1].message  # the raw-HTML advice, not the Markdown one


def test_an_excerpt_a_plugin_shows_on_another_page_keeps_the_built_page_wording():
    """Material's blog index shows each post's excerpt, rendered from the post's text: not the index's Markdown."""
    report = check("docs", cwd=REGRESS / "blog")
    index = [p for p in report.problems if p.file == "docs/blog/index.md"]
    assert len(index) == 2
    assert all("of the page MkDocs builds from it (not in the Markdown)" in p.message for p in index)
    assert [(p.file, p.line) for p in report.problems if p not in index] == [("docs/blog/posts/hello.md", 9)]
