"""Content-Security-Policy: every built page carries one (GitHub Pages sends no
headers), it hashes exactly the inline scripts the page has, and a real browser
reports no violation while a reader uses the site."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, SLUGS, page_path

REQUIRED = {
    "default-src": "'self'", "style-src": "'self'", "font-src": "'self'", "connect-src": "'self'",
    "worker-src": "'self'", "img-src": "'self' data:", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'",
}
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));"""


def policy(page: BeautifulSoup) -> dict[str, str]:
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta, "no Content-Security-Policy <meta>"
    return dict(d.strip().split(" ", 1) for d in meta["content"].split(";"))


def test_every_page_has_a_policy_before_any_script_hashing_exactly_its_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 2 * len(SLUGS) + 2, "pages, 404 pages and redirect pages"
    for path in pages:
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site)
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), f"{name}: policy after a script"
        page = BeautifulSoup(html, "html.parser")  # parsed once: the policy and the scripts
        directives = policy(page)
        for key, value in REQUIRED.items():
            assert directives.get(key) == value, f"{name}: {key} is {directives.get(key)!r}, expected {value!r}"
        sources = directives["script-src"].split()
        assert sources[0] == "'self'" and not {"'unsafe-inline'", "'unsafe-eval'"} & set(sources), f"{name}: {sources}"
        inline = {
            "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.string.encode()).digest()).decode()
            for s in page.find_all("script")
            if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")
        }
        assert set(sources[1:]) == inline, f"{name}: script-src hashes do not match the page's inline scripts"


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def use_the_page(page) -> None:
    """Tooltips, content tabs, palette toggle, search."""
    abbr = page.locator(".md-content abbr").first
    if abbr.count():
        abbr.scroll_into_view_if_needed()
        abbr.hover()
        page.locator(".md-tooltip2--active").wait_for()
    for label in page.locator(".tabbed-labels > label").all():
        label.click()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("GPT-4")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")


def switch_language(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    other = next(code for code in ("zh-Hans", "en") if not code.startswith(lang))
    page.locator(f'a.md-select__link[hreflang="{other}"]').click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", LANGS)
def test_no_violation_while_the_reader_uses_every_page(browser, site_server, lang):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(LISTEN)
    page = ctx.new_page()
    report = []
    for slug in SLUGS:
        page.goto(site_server + page_path(lang, slug), wait_until="networkidle")
        use_the_page(page)
        report += [f"{lang}/{slug}: {v}" for v in violations(page)]  # read here: the switch loads another document
        switch_language(page, lang)
        report += [f"{lang}/{slug}, switched to {page.url}: {v}" for v in violations(page)]
    # the 404 hand-off (root 404 -> /en/404.html) and the redirect pages
    for path in ("no-such-page/", "en/no-such-page/", page_path(lang, "glossary")):
        page.goto(site_server + path, wait_until="networkidle")
        report += [f"{path}: {v}" for v in violations(page)]
    ctx.close()
    assert not report, "\n".join(report)


def test_the_browser_test_sees_a_violation(browser, site_server):
    """The listener works: an inline script the policy does not know is reported."""
    ctx = browser.new_context()
    ctx.add_init_script(LISTEN)
    page = ctx.new_page()
    page.goto(site_server, wait_until="networkidle")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "1"; document.body.append(s); }""")
    page.wait_for_function("() => window.__violations.length > 0")  # a function: the CSP forbids eval
    assert re.match(r"script-src", violations(page)[0])
    ctx.close()
