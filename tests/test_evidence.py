"""What a reader gets from the evidence layer (overrides/hooks/evidence.py), in a real browser: a citation
shows the report's own words on hover, keyboard focus and, on a phone, a tap on its marker, without
leaving the page or moving it; the quote is the citation's accessible description; each page's Evidence
list, the print pages and the Markdown twins carry the quotes; /sources/ indexes the report's pages."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, SLUGS, page_path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def layout(page) -> list:
    return page.evaluate("() => [scrollX, scrollY, location.href,"
                         " ...[...document.querySelectorAll('.md-content p, .md-content li')].slice(0, 80)"
                         "   .map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_a_citation_shows_its_quote_without_leaving_or_moving_the_page(browser, site_server, lang, mobile):
    ctx = browser.new_context(viewport=PHONE if mobile else DESKTOP, is_mobile=mobile, has_touch=mobile)
    page = ctx.new_page()
    page.goto(site_server + page_path(lang, "capabilities"), wait_until="networkidle")
    cite = page.locator(".md-content a.ev-cite").nth(3)
    entry = cite.get_attribute("aria-describedby").removesuffix("-text")
    quote = page.locator(f"#{entry}-text").inner_text().strip()
    label = page.locator(f"#{entry} .ev-page").inner_text().strip()
    cite.scroll_into_view_if_needed()
    before = layout(page)
    marker = page.locator(f'.md-content a.ev-ref[href="#{entry}"]').first
    (marker.tap if mobile else cite.hover)()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for()
    assert quote in tip.inner_text() and label in tip.inner_text()
    assert layout(page) == before, "showing the quote moved the page or left it"
    if not mobile:  # keyboard: focus on the marker shows it, Escape hides it
        page.mouse.move(1, 1)
        page.locator(".md-tooltip2").wait_for(state="detached")
        marker.focus()
        tip.wait_for()
        assert quote in tip.inner_text()
        page.keyboard.press("Escape")
        page.locator(".md-tooltip2").wait_for(state="detached")
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_quote_is_announced_with_its_citation(browser, site_server, lang):
    """Chromium's accessibility tree gives each citation and marker the quote as its description."""
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(site_server + page_path(lang, "capabilities"), wait_until="networkidle")
    cdp = ctx.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    described = [n for n in nodes if n.get("role", {}).get("value") == "link" and n.get("description", {}).get("value")]
    cites = page.locator(".md-content a.ev-cite").count() + page.locator(".md-content a.ev-ref").count()
    assert cites and len(described) >= cites, f"{len(described)} described links for {cites} citations and markers"
    first = page.locator(".md-content a.ev-cite").first
    quote = page.locator("#" + first.get_attribute("aria-describedby")).inner_text().strip()
    assert any(n["description"]["value"].strip() == quote for n in described)
    ctx.close()


def test_every_page_ends_with_its_evidence_before_cite_this_page(built_site):
    for lang in LANGS:
        for slug in SLUGS:
            soup = BeautifulSoup((built_site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8"),
                                 "html.parser")
            ids = [h["id"] for h in soup.select("article h2[id]")]
            cites = soup.select("article a.ev-cite")
            if not cites:
                continue
            assert ids[-2:] == ["evidence", "cite-this-page"], f"{lang}/{slug}: headings end with {ids[-3:]}"
            entries = soup.select("article ol.evidence > li")
            cited = list(dict.fromkeys(a["aria-describedby"].removesuffix("-text") for a in cites))
            assert [li["id"] for li in entries] == cited, f"{lang}/{slug}: one entry per quote, in order of first citation"
            assert [li["value"] for li in entries] == [str(n) for n in range(1, len(entries) + 1)]


def test_print_pages_and_markdown_twins_carry_the_quotes(built_site):
    for lang in LANGS:
        root = built_site / page_path(lang, "index")
        soup = BeautifulSoup((root / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        dangling = {tag["aria-describedby"] for tag in soup.find_all(attrs={"aria-describedby": True})} - ids
        assert not dangling, f"{lang}: /print/ describes citations by ids it does not have: {sorted(dangling)[:3]}"
        printed = soup.get_text()
        page = BeautifulSoup((built_site / page_path(lang, "capabilities") / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        twin = (built_site / page_path(lang, "capabilities") / "index.md").read_text(encoding="utf-8")
        twin = re.sub(r"\\(.)", r"\1", twin)  # as the Markdown renders: "82.8\\*" reads "82.8*"
        for quote in page.select("ol.evidence blockquote"):
            text = " ".join(quote.get_text().split())
            assert text in " ".join(printed.split()), f"{lang}: /print/ lacks “{text[:60]}”"
            assert text in " ".join(twin.split()), f"{lang}: the Markdown twin lacks “{text[:60]}”"


def test_sources_indexes_every_cited_report_page(built_site):
    for lang in LANGS:
        cited = set()
        for slug in SLUGS:
            html = (built_site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
            cited |= {int(p) for p in re.findall(r'class="ev-page" href="https://arxiv\.org/pdf/2303\.08774v6#page=(\d+)"',
                                                  html)}
        sources = BeautifulSoup((built_site / page_path(lang, "sources") / "index.html").read_text(encoding="utf-8"),
                                "html.parser")
        rows = sources.select("table.report-index tbody tr")
        assert sorted(int(r["id"].removeprefix("report-page-")) for r in rows) == sorted(cited)
        for row in rows:
            for link in row.select("td:nth-of-type(2) a"):
                target = link["href"].split("#")
                assert target[1], f"{lang}: {link.get_text()} has no section anchor"
