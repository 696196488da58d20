"""Cite this page (overrides/hooks/cite_page.py): on every page of both languages, in GB/T 7714-2015,
APA and BibTeX, with the page's absolute URL and the git date of its source file, plus the report's
own citation; the same date is shown as "last update"; and the footer states the licence."""
from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from guide_site import PAGES, ROOT, SITE_URL

REPORT_BIBTEX = "@article{openai2023gpt4,"
REPORT_TEXT = "OpenAI. GPT-4 Technical Report. arXiv:2303.08774, 2023."


def site_pages() -> list[tuple[str, str, str]]:
    """(language, slug, URL path below the site root) for every page, from mkdocs.yml (guide_site.PAGES)."""
    return [(page.lang, page.slug, page.url) for page in PAGES]


def git_date(lang: str, slug: str) -> str:
    """The UTC date of the last commit that changed the page (git-revision-date-localized, mkdocs.yml);
    the build date (today) for a page not committed yet."""
    stamp = subprocess.run(["git", "log", "-1", "--format=%at", "--", f"docs/{lang}/{slug}.md"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    when = datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc) if stamp else datetime.datetime.now(datetime.timezone.utc)
    return when.date().isoformat()


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_page_list_comes_from_mkdocs_yml():
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    assert len(site_pages()) == 2 * len(nav) and ("en", "capabilities", "en/capabilities/") in site_pages()


@pytest.mark.parametrize("lang,slug,path", site_pages())
def test_every_page_ends_with_its_citation_in_three_formats(built_site, lang, slug, path):
    page, url, date = soup(built_site, path), SITE_URL + path, git_date(lang, slug)
    heading = page.select_one("article h2#cite-this-page")
    assert heading is not None, f"{path}: no 'Cite this page' section"
    assert not heading.find_next_sibling(["h1", "h2"]), f"{path}: the section is not the end of the page"
    codes = [code.get_text() for tag in heading.find_next_siblings() for code in tag.select("pre code")]
    gbt = next(c for c in codes if "[EB/OL]" in c)
    assert gbt.strip().endswith(f"[EB/OL]. ({date})[YYYY-MM-DD]. {url}."), gbt
    apa = next(c for c in codes if "[EB/OL]" not in c and url in c and not c.startswith("@"))
    when = re.fullmatch(rf".+\. \(({date[:4]}\b[^)]*)\)\. .+\. {re.escape(url)}", apa.strip())
    assert when and re.search(rf"\b{int(date[8:])}\b", when[1]), f"APA: no date {date} or URL {url}: {apa}"
    bibtex = next(c for c in codes if c.startswith("@misc{"))
    assert f"url          = {{{url}}}" in bibtex and f"date         = {{{date}}}" in bibtex, bibtex
    title = page.select_one("article h1").get_text().rstrip("\u00b6")  # the page title, as rendered
    assert slug == "index" or f"title        = {{{title}}}" in bibtex, f"{path}: cited title is not {title!r}"
    assert any(REPORT_BIBTEX in c for c in codes) and any(c.strip() == REPORT_TEXT for c in codes)
    updated = page.select_one(".md-source-file")
    assert updated is not None and date in updated.get_text(), f"{path}: no 'last update' {date}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_footer_states_both_licences(built_site, lang):
    footer = soup(built_site, "" if lang == "zh" else "en/").select_one(".md-copyright").get_text()
    assert "CC BY 4.0" in footer and "MIT" in footer


@pytest.mark.slow  # a clone and a build of its own
def test_an_uncommitted_page_in_a_shallow_clone_builds_with_the_build_date(tmp_path):
    """Authors first: a new page previews before it is committed, and a clone without history builds; a page
    written before its `nav` line (README's order) builds too, without a parallel view."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone)], check=True, capture_output=True)
    shutil.copytree(ROOT / "overrides", clone / "overrides", dirs_exist_ok=True)  # the working tree's hooks
    for lang in ("zh", "en"):
        for name in ("draft", "not-in-nav-yet"):
            (clone / "docs" / lang / f"{name}.md").write_text(
                f"---\ndescription: A {name}.\n---\n\n# Draft {{ #{name} }}\n\nText.\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (clone / "mkdocs.yml").write_text(config.replace("\n  - index.md\n", "\n  - index.md\n  - draft.md\n"), encoding="utf-8")
    # as `dev.py serve` builds it, not strict: the draft has no link-preview card before `dev.py generate`, which the image check reports
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=clone,
                            capture_output=True, text=True, env=dict(os.environ, STRICT="false"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"INFO .*docs/zh/draft\.md' has no git logs, using current timestamp", result.stderr)
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    for path in ("draft/", "en/draft/"):
        page = soup(tmp_path / "site", path)
        assert today in page.select_one(".md-source-file").get_text(), f"{path}: 'last update' is not the build date"
        assert f"date         = {{{today}}}" in page.get_text(), f"{path}: 'Cite this page' is not dated by the build"
    for path in ("not-in-nav-yet/", "en/not-in-nav-yet/"):
        assert not soup(tmp_path / "site", path).select("a[hreflang='mul']"), f"{path}: a parallel view it does not have"


@pytest.mark.material_range
def test_citation_code_has_a_copy_button_once_in_view(context, site_server):
    """content.lazy: Material sets a code block up (copy button) when it scrolls into view, not on load."""
    page = context.new_page()
    page.goto(site_server + "en/calibration/", wait_until="load")
    buttons = page.locator("#cite-this-page ~ * [data-clipboard-target]")
    assert buttons.count() == 0
    for block in page.locator("#cite-this-page ~ * pre").all():
        block.scroll_into_view_if_needed()
    buttons.nth(4).wait_for(state="attached")
    assert buttons.count() == page.locator("#cite-this-page ~ * pre").count() == 5


CLEAR_OF_THE_BUTTON = """() => [...document.querySelectorAll("#cite-this-page ~ * pre")].filter(pre => {
  const button = pre.querySelector("[data-clipboard-target]").getBoundingClientRect();
  const level = r => Math.min(r.bottom, button.bottom) - Math.max(r.top, button.top) > 4;  // the button's line(s)
  const rects = [];  // what ink there is: each run of visible characters (a space hanging at a wrap draws nothing)
  const walker = document.createTreeWalker(pre.querySelector("code"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    for (const run of walker.currentNode.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(walker.currentNode, run.index);
      range.setEnd(walker.currentNode, run.index + run[0].length);
      rects.push(...range.getClientRects());
    }
  }
  return rects.some(r => r.width && r.right > button.left && level(r));
}).map(pre => pre.textContent.slice(0, 30))"""


@pytest.mark.parametrize("path", ["sources/", "en/sources/"])
def test_wrapped_citation_code_stays_clear_of_its_copy_button_on_a_phone(browser, site_server, path):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    page.goto(site_server + path, wait_until="load")
    for block in page.locator("#cite-this-page ~ * pre").all():
        block.scroll_into_view_if_needed()
    page.locator("#cite-this-page ~ * [data-clipboard-target]").nth(4).wait_for(state="attached")
    under = page.evaluate(CLEAR_OF_THE_BUTTON)
    ctx.close()
    assert not under, f"code runs under its copy button: {under}"
