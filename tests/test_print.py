"""Print (extra.css, overrides/hooks/print_page.py): any page prints without chrome, light, with URLs
after external links (a report citation names its page instead); /print/ and /en/print/ hold the whole
guide in nav order, with a contents list, unique ids and working in-page links, stay out of search
engines and the site search, and print to PDF as a document (issue 23: test_printed_guide_reads_like_a_document)."""
from __future__ import annotations

import collections
import unicodedata
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SHOT_QUALITY, SITE_URL
from guide_site import PAGES

SITE_PAGES = [(page.lang, page.slug, page.url) for page in PAGES]  # from mkdocs.yml

PRINT = {page.lang: page.url + "print/" for page in PAGES if page.slug == "index"}


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", PRINT)
def test_print_page_holds_every_page_in_nav_order_with_unique_ids_and_working_links(built_site, lang):
    html = read(built_site, PRINT[lang])
    page = BeautifulSoup(html, "html.parser")
    slugs = [slug for page_lang, slug, _ in SITE_PAGES if page_lang == lang]
    assert [s["id"] for s in page.select("section.print-page")] == slugs
    assert [a["href"] for a in page.select(".print-toc > ol > li > a")] == [f"#{slug}" for slug in slugs]
    for slug in slugs:  # every heading of every page, under its page's prefix
        own = BeautifulSoup(read(built_site, next(p for l, s, p in SITE_PAGES if (l, s) == (lang, slug))), "html.parser")
        for heading in own.select("article h2[id]"):
            assert page.find(id=f"{slug}--{heading['id']}"), f"{slug}#{heading['id']} is not in the print page"
    ids = collections.Counter(tag["id"] for tag in page.find_all(id=True))
    assert not [i for i, n in ids.items() if n > 1], "ids collide"
    broken = {a["href"] for a in page.select('a[href^="#"]') if len(a["href"]) > 1 and a["href"][1:] not in ids}
    assert not broken, f"in-page links without a target: {sorted(broken)}"
    for ref in re.findall(r'(?:href|src)="(?![a-z]+:)([^"#?]+)', html):  # relative links and images
        assert (built_site / PRINT[lang] / ref).resolve().exists(), ref
    assert '<meta name="robots" content="noindex">' in html
    assert page.select_one('link[rel="canonical"]')["href"] == SITE_URL + PRINT[lang]


def test_print_pages_are_linked_from_home_and_left_out_of_search_and_sitemap(built_site):
    for lang, path in PRINT.items():
        home = BeautifulSoup(read(built_site, path[: -len("print/")]), "html.parser")
        assert home.select_one('article a[href="print/"]'), f"{lang}: the home page does not link to print/"
        index = json.loads((built_site / path / ".." / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [d for d in index["docs"] if "print" in d["location"]]
    assert "print/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


AFTER = "(a) => getComputedStyle(a, '::after').content"


@pytest.mark.parametrize("lang,path", [("zh", "capabilities/"), ("en", "en/capabilities/"), ("en", "en/print/")])
def test_printing_hides_the_chrome_prints_light_and_shows_urls(browser, site_server, artifacts_dir, lang, path):
    context = browser.new_context(viewport={"width": 900, "height": 1200}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_server + path, wait_until="networkidle")
    # the reader is in dark mode (Material's palette sets it once its bundle runs: on /print/, after a long parse);
    # a function, not an expression: Playwright polls an expression with eval, which the site's CSP refuses
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.emulate_media(media="print", color_scheme="dark")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".md-top", ".figure-embed",
                   ".data-downloads", ".md-clipboard, .md-code__button"):
        assert not [i for i, e in enumerate(page.locator(chrome).all()) if e.is_visible()], f"{chrome} prints"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert page.locator('img[src$="#only-light"]').first.is_visible()
    assert not page.locator('img[src$="#only-dark"]').first.is_visible()
    width = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    for figure in page.locator("figure[data-figure] img").all():
        if figure.is_visible():
            assert figure.bounding_box()["width"] <= width + 1
    report = page.locator('article a[href^="https://arxiv.org/pdf/2303.08774v6#page="]').first
    assert report.evaluate(AFTER) == "none", "a report citation names its page: no URL after it"
    other = page.locator('article a[href^="http"]:not([href*="arxiv.org/pdf/2303.08774"]):not(.headerlink)').first
    assert other.get_attribute("href") in other.evaluate(AFTER), "other links print their URL"
    shots = artifacts_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    name = f"print-{lang}-{path.strip('/').replace('/', '-')}.jpg"
    page.screenshot(path=shots / name, full_page=not path.endswith("print/"), quality=SHOT_QUALITY)  # /print/ is ~50,000 px tall
    context.close()


@pytest.mark.parametrize("lang", PRINT)
def test_printed_guide_reads_like_a_document(browser, site_server, built_site, tmp_path, lang):
    """/print/ as Chromium prints it to A4 PDF, read back with poppler: no page less than a third full
    except a chapter's last, long tables break with their header row repeated, the report's URL
    printed in full at most once (citations name their page)."""
    from bench import REPORT_URL, chapter_titles, pdf_pages, print_pdf, short_pages
    page = browser.new_page()
    pdf = print_pdf(page, site_server + PRINT[lang], tmp_path / f"{lang}.pdf")
    pages = pdf_pages(pdf)
    html = read(built_site, PRINT[lang])
    assert not short_pages(pdf, pages, chapter_titles(html)), "pages less than a third full (not before a chapter)"
    urls = [i + 1 for i, text in enumerate(pages) for _ in REPORT_URL.findall(text)]
    assert len(urls) <= 1, f"the report's URL is printed in full on pages {urls}"
    text = "\n".join(pages)
    doc = BeautifulSoup(html, "html.parser")
    heads = [[th.get_text(" ", strip=True) for th in table.select("thead th")] for table in doc.select("article table")]
    broken = {w for head in heads for cell in head for w in re.findall(r"[A-Za-z]{5,}", cell) if w not in text}
    assert not broken, f"header words broken across lines: {sorted(broken)}"
    def starts(head: list[str]) -> re.Pattern:  # a line that starts with the header row (cells wrap: their first characters)
        first, second = (unicodedata.normalize("NFKC", cell)[:4] for cell in head[:2])
        return re.compile(r"^\s*" + re.escape(first) + r".*?\s{2,}" + re.escape(second), re.M)
    def top(page: str) -> str:
        return next((line for line in page.splitlines() if line.strip()), "")
    repeated = [head[0] for head in heads if len(head) > 1 and any(
        starts(head).search(pages[i - 1]) and starts(head).search(top(pages[i])) for i in range(1, len(pages)))]
    assert repeated, "a table that runs onto the next page should repeat its header row there"
    held = page.evaluate("""() => [...document.querySelectorAll("article table")].filter(t => {
        const style = e => getComputedStyle(e);
        let box = t, held = style(t).display !== "table" || (t.tHead && style(t.tHead).display !== "table-header-group");
        for (const row of t.rows) held ||= style(row).breakAfter === "avoid";
        while ((box = box.parentElement) && box.tagName !== "ARTICLE") held ||= style(box).breakInside === "avoid";
        return held;
    }).map(t => t.rows[0].textContent.trim().slice(0, 30))""")
    page.close()
    assert not held, f"tables that cannot break across pages with their header row: {held}"
