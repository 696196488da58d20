"""On demand: a first visit fetches nothing of search (index, worker, lunr
files) and sets up no glossary tooltip; both work as soon as the reader asks. Scripts
wait for the page to be parsed (overrides/main.html), and code blocks are set up once in
view (content.lazy). Budget per text page, first visit, both languages:
<= 8 requests (asserted here). The byte budget (<= 75 KB gzip) and Lighthouse are
targets that `scripts/bench.py site` prints."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, SLUGS, page_path

SEARCH = re.compile(r"/search/search_index\.json$|/assets/javascripts/(workers|lunr)/")
MAX_REQUESTS = 8
DESKTOP = {"width": 1280, "height": 800}


def first_visit(browser, url: str, **context):
    ctx = browser.new_context(**{"viewport": {"width": 390, "height": 844}, **context})  # empty cache
    page = ctx.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    return ctx, page, requests


@pytest.mark.parametrize("lang", LANGS)
def test_first_visit_fetches_nothing_of_search_and_at_most_8_requests(browser, site_server, lang):
    problems = []
    for slug in SLUGS:
        ctx, page, requests = first_visit(browser, site_server + page_path(lang, slug))
        where = f"{lang}/{slug}"
        problems += [f"{where}: search fetched on load: {u}" for u in requests if SEARCH.search(u)]
        if len(requests) > MAX_REQUESTS:
            problems.append(f"{where}: {len(requests)} requests > {MAX_REQUESTS}: {requests}")
        if page.locator(".md-tooltip2").count() or page.locator(".md-content abbr[aria-describedby]").count():
            problems.append(f"{where}: tooltips set up on load")
        ctx.close()
    assert not problems, "\n".join(problems)


def results(page) -> list[str]:
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("lang, query, target", [("zh", "校准", "/calibration/"),
                                                 ("en", "hallucination", "/en/limitations/")])
def test_first_query_after_a_click_finds_pages_in_the_readers_language(browser, site_server, lang, query, target):
    ctx, page, requests = first_visit(browser, site_server + page_path(lang, "training"), viewport=DESKTOP)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup; fill() sends none
    hits = results(page)
    assert any(SEARCH.search(u) for u in requests), "the click should have loaded search"
    assert any(target in h for h in hits), hits
    assert all(("/en/" in h) == (lang == "en") for h in hits), f"results in another language: {hits}"
    ctx.close()


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_search_shortcut_loads_search(browser, site_server, key):
    ctx, page, requests = first_visit(browser, site_server + "en/")
    assert not any(SEARCH.search(u) for u in requests)
    page.keyboard.press(key)
    page.keyboard.type("calibration")
    page.keyboard.press("End")
    assert any("/en/calibration/" in h for h in results(page))
    ctx.close()


def test_unspaced_chinese_query_still_finds_its_page(browser, site_server):
    """Two words with no space between them, as Chinese readers type (the index is
    segmented by jieba at build time; tests/test_site.py checks that)."""
    ctx, page, _ = first_visit(browser, site_server, viewport=DESKTOP)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("模型校准")
    box.press("End")
    assert any("/calibration/" in h for h in results(page))
    ctx.close()


@pytest.mark.parametrize("mobile", [False, True])
def test_glossary_tooltip_appears_on_hover_tap_and_focus(browser, site_server, mobile):
    ctx, page, _ = first_visit(browser, site_server + "en/capabilities/", is_mobile=mobile, has_touch=mobile)
    abbr = page.locator(".md-content abbr").first
    title = abbr.get_attribute("title")
    abbr.scroll_into_view_if_needed()
    abbr.tap() if mobile else abbr.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for()
    assert tip.inner_text().strip() == title.strip()
    assert abbr.get_attribute("aria-describedby") == tip.get_attribute("id")
    if not mobile:  # keyboard: focus shows it, Escape hides it
        page.mouse.move(1, 1)
        page.locator(".md-tooltip2").wait_for(state="detached")
        abbr.evaluate("a => { a.tabIndex = 0; a.focus(); }")
        tip.wait_for()
        page.keyboard.press("Escape")
        page.locator(".md-tooltip2").wait_for(state="detached")
    ctx.close()


def test_glossary_tooltips_cost_nothing_at_load(browser, site_server):
    """Material's eager set-up gives every <abbr> its own mouse listeners; on demand, none has any."""
    ctx, page, _ = first_visit(browser, site_server + "capabilities/")
    cdp = ctx.new_cdp_session(page)
    count = page.locator(".md-content abbr").count()
    assert count > 50
    listening = 0
    for index in range(0, count, 10):
        handle = cdp.send("Runtime.evaluate", {"expression": f"document.querySelectorAll('.md-content abbr')[{index}]"})
        listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": handle["result"]["objectId"]})["listeners"]
        listening += bool(listeners)
    assert listening == 0, f"{listening} glossary <abbr>s have their own listeners at load"
    ctx.close()


def test_every_script_file_waits_for_the_page_to_be_parsed(built_site):
    """defer: the first paint does not wait for Material's bundle; scripts keep their order."""
    checked = 0
    for html in sorted(built_site.rglob("*.html")):
        scripts = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("script[src]")
        if not scripts:
            continue  # redirect pages
        checked += 1
        assert "bundle" in scripts[0]["src"], html
        blocking = [s["src"] for s in scripts if not s.has_attr("defer")]
        assert not blocking, f"{html.relative_to(built_site)}: scripts without defer: {blocking}"
    assert checked > 20


SIDEWAYS = """() => {
  document.querySelectorAll("details").forEach(d => d.open = true);
  const blocks = [...document.querySelectorAll(".md-content pre > code")];
  return [blocks.length, blocks.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 40))];
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_no_code_block_scrolls_sideways_on_a_phone(browser, site_server, lang):
    """content.lazy sets a code block up (a scrolling one becomes focusable) only once it is in
    view; code here wraps instead, so no block ever needs keyboard scrolling."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page, seen, wide = ctx.new_page(), 0, []
    for slug in SLUGS:
        page.goto(site_server + page_path(lang, slug), wait_until="load")
        count, scrolling = page.evaluate(SIDEWAYS)
        seen, wide = seen + count, wide + [f"{slug}: {text}" for text in scrolling]
    ctx.close()
    assert seen > 40 and not wide, wide
