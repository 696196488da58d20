"""Real headless Chromium against the built site served like GitHub Pages
(under /gpt4-report-guide/ on 127.0.0.1)."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import SHOT_QUALITY
from guide_site import LANGS, ROOT, SLUGS, page_path

PHONE = {"width": 390, "height": 844}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class PageLog:
    """Everything a page load asked for and complained about."""

    def __init__(self, page, origin: str):
        self.failed, self.foreign, self.errors = [], [], []
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} -> {r.status}"))
        page.on("request", lambda r: not r.url.startswith((origin, "data:", "blob:")) and self.foreign.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_loads_with_no_failed_foreign_or_erroring_request(browser, site_server, artifacts_dir, lang):
    shots = artifacts_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for viewport, label in (({"width": 1280, "height": 800}, "desktop"), (PHONE, "phone")):
        ctx = browser.new_context(viewport=viewport, is_mobile=label == "phone")
        for slug in SLUGS:
            page = ctx.new_page()
            log = PageLog(page, origin_of(site_server))
            page.goto(site_server + page_path(lang, slug), wait_until="networkidle")
            page.screenshot(path=shots / f"{lang}-{slug}-{label}.jpg", full_page=True, quality=SHOT_QUALITY)
            for kind, items in (("failed", log.failed), ("third-party", log.foreign), ("console error", log.errors)):
                problems += [f"{lang}/{slug} ({label}) {kind}: {item}" for item in items]
            page.close()
        ctx.close()
    print(f"\nscreenshots written to {shots}")
    assert not problems, "\n".join(problems)


@pytest.mark.material_range
def test_language_switcher_keeps_page_and_section(context, site_server):
    page = context.new_page()
    page.goto(site_server + "capabilities/#multilingual")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url("**/en/capabilities/#multilingual")
    assert page.locator("html").get_attribute("lang") == "en"
    # and back again
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh-Hans"]').click()
    page.wait_for_url(re.compile(r".*/gpt4-report-guide/capabilities/#multilingual$"))
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    # Material searches on keyup; fill() (like an IME commit) sends none.
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.material_range
def test_chinese_search_finds_the_chinese_page(context, site_server):
    page = context.new_page()
    page.goto(site_server)
    hits = search(page, "校准")
    assert any("/calibration/" in h and "/en/" not in h for h in hits), hits
    assert all("/en/" not in h for h in hits), f"English results for a Chinese reader: {hits}"


@pytest.mark.material_range
def test_english_search_finds_whole_words_on_the_english_page(context, site_server):
    page = context.new_page()
    expected = {"calibration": "/en/calibration/", "hallucination": "/en/limitations/",
                "steerability": "/en/steerability/"}
    for word, target in expected.items():
        page.goto(site_server + "en/")
        hits = search(page, word)
        assert hits and all("/en/" in h for h in hits), f"{word}: {hits}"
        assert any(target in h for h in hits), f"{word} should find {target}: {hits}"


@pytest.mark.material_range
def test_missing_pages_get_a_404_in_the_readers_language(context, site_server):
    page = context.new_page()
    response = page.goto(site_server + "no-such-page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "找不到" in page.locator("h1").inner_text()

    response = page.goto(site_server + "en/no-such-page/")
    assert response.status == 404
    page.wait_for_function("() => document.documentElement.lang === 'en'")  # a function: the CSP forbids eval
    assert "not found" in page.locator("h1").inner_text().lower()
    assert page.url.endswith("/gpt4-report-guide/en/no-such-page/"), "the missing address should stay visible"


def test_dark_mode_follows_the_system_and_the_toggle(browser, site_server):
    ctx = browser.new_context(color_scheme="dark")
    page = ctx.new_page()
    page.goto(site_server + "en/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.goto(site_server + "capabilities/")  # the choice is kept across pages and languages
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_reports_no_violations(browser, site_server, lang, scheme):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `python3 scripts/dev.py test` (it runs `npm ci`).")
    # bypass_csp: axe is injected as an inline script, which the site's CSP rightly blocks.
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = ctx.new_page()
    report = []
    for slug in SLUGS:
        page.goto(site_server + page_path(lang, slug), wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        for violation in result:
            targets = [n["target"] for n in violation["nodes"]][:5]
            report.append(f"{lang}/{slug} [{scheme}] {violation['id']} ({violation['impact']}): "
                          f"{violation['help']} {json.dumps(targets, ensure_ascii=False)}")
    ctx.close()
    assert not report, "\n".join(report)


@pytest.mark.parametrize("lang", LANGS)
def test_short_and_old_urls_redirect_in_the_same_language(context, site_server, lang):
    page = context.new_page()
    page.goto(site_server + page_path(lang, "glossary"))
    page.wait_for_url(re.compile(re.escape(site_server + page_path(lang, "sources")) + "#glossary$"))
    assert page.locator("html").get_attribute("lang") == {"zh": "zh-Hans"}.get(lang, lang)


def test_figure_and_table_permalinks_show_on_hover_like_headings(context, site_server):
    page = context.new_page()
    page.goto(site_server + "en/capabilities/")
    for target in ("fig-exams", "table-exams"):
        opacity = f"getComputedStyle(document.querySelector('#{target} a.headerlink')).opacity"
        assert page.evaluate(opacity) == "0"
        page.locator(f"#{target}").hover()
        page.wait_for_function(f"() => {opacity} === '1'", timeout=2_000)  # a function: the CSP forbids eval


SMALL_TEXT = """() => {  // [tag.class, px, text] of laid-out text smaller than 12 px (Lighthouse: 'illegible')
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement, text = walk.currentNode.textContent.trim();
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (text && px < 12 && el.getClientRects().length) out.push([el.tagName + "." + el.className, px, text.slice(0, 40)]);
  }
  return out;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_on_a_phone_is_smaller_than_12px(browser, site_server, lang):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True)
    page, small = ctx.new_page(), []
    for slug in SLUGS:
        page.goto(site_server + page_path(lang, slug))
        small += [f"{lang}/{slug}: {found}" for found in page.evaluate(SMALL_TEXT)]
    ctx.close()
    assert not small, "\n".join(small[:20])
