"""The parallel reading view (中英对照, overrides/hooks/parallel_view.py): every page of mkdocs.yml `nav`
in both languages side by side, built from the same pages, reached from every page's language switch."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from conftest import SHOT_QUALITY
from guide_data import Words
from guide_site import ROOT, SITE_URL, SLUGS, page_path

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
LANGUAGES = [lang for lang in CONFIG.plugins["i18n"].config.languages if lang.build]
TAGS = CONFIG.extra["lang_tags"]
PHONE = {"width": 390, "height": 844}


def path_of(locale: str, slug: str, parallel: bool = False) -> str:
    root = page_path(locale, "index")
    return root + ("parallel/" if parallel else "") + page_path(locale, slug)[len(root):]


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def blocks(tags) -> list[tuple[str, str]]:
    return [(tag.name, text(tag)) for tag in tags if tag.name not in (None, "script", "style")
            and "md-source-file" not in tag.get("class", [])]  # Material's "last update" line, not content


@pytest.mark.parametrize("shell", [lang.locale for lang in LANGUAGES])
@pytest.mark.parametrize("slug", SLUGS)
def test_parallel_view_holds_every_heading_and_block_of_both_twins_in_order(built_site, shell, slug):
    view = soup(built_site, path_of(shell, slug, parallel=True))
    for lang in LANGUAGES:
        single = soup(built_site, path_of(lang.locale, slug)).select_one("article.md-content__inner")
        cells = view.select(f"div.parallel-col[lang='{TAGS[lang.locale]}']")
        assert cells, f"{shell} parallel view of {slug}: no {lang.locale} column"
        assert blocks(child for cell in cells for child in cell.children) == blocks(single.children), \
            f"{shell} parallel view of {slug}: the {lang.locale} blocks differ from the {lang.locale} page"
        ids = [h["id"] for h in single.select("h1, h2, h3, h4, h5, h6")]
        in_view = [h["id"] for cell in cells for h in cell.select("h1, h2, h3, h4, h5, h6")]
        assert in_view == [f"{lang.locale}-{i}" for i in ids]
        if lang.locale == shell:  # one row per section, the title row under this language's <h1> id
            assert [s["id"] for s in view.select("section.parallel-section")] == ids
    assert len(view.find_all(id=True)) == len({tag["id"] for tag in view.find_all(id=True)}), "duplicate ids"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.locale)
def test_every_page_links_to_its_parallel_view_which_is_noindex_and_canonical_to_the_page(built_site, lang):
    label = Words.load()("parallel_label", lang.locale)
    for slug in SLUGS:
        page = soup(built_site, path_of(lang.locale, slug))
        control = page.select_one("a.md-select__link[hreflang='mul']")
        assert control and text(control) == label, f"{lang.locale}/{slug}: no '{label}' in the language switch"
        view = soup(built_site, path_of(lang.locale, slug, parallel=True))
        assert view.select_one("meta[name='robots']")["content"] == "noindex"
        assert view.select_one("link[rel='canonical']")["href"] == SITE_URL + path_of(lang.locale, slug)
        assert not view.select("link[rel='alternate'][type='text/markdown']")
    index = json.loads((built_site / page_path(lang.locale, "index") / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "parallel/" in doc["location"]]


def test_the_control_keeps_the_section_there_and_back(context, site_server):
    page = context.new_page()
    page.goto(site_server + "capabilities/#exams")
    for link, lands_on in (('a.md-select__link[hreflang="mul"]', "parallel/capabilities/"),
                           ('.parallel-legend a[hreflang="en"]', "en/capabilities/"),  # one click out
                           ('a.md-select__link[hreflang="mul"]', "en/parallel/capabilities/"),
                           (f'a.md-select__link[hreflang="{TAGS["zh"]}"]', "capabilities/")):  # the switch, back
        if "md-select" in link:
            page.locator(".md-header__option .md-select").hover()
        page.locator(link).click()
        page.wait_for_url(re.compile(f".*/gpt4-report-guide/{lands_on}#exams$"))
        assert page.locator("#exams").is_visible()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.locale)
def test_two_columns_on_a_desktop_and_twin_after_twin_on_a_phone(browser, site_server, artifacts_dir, lang):
    shots = artifacts_dir / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", {"width": 1280, "height": 800}), ("phone", PHONE)):
        ctx = browser.new_context(viewport=viewport, is_mobile=label == "phone")
        page, failed = ctx.new_page(), []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: (r.status >= 400 or not r.url.startswith(site_server)) and failed.append(r.url))
        page.on("console", lambda m: m.type == "error" and failed.append(m.text))
        page.goto(site_server + path_of(lang.locale, "capabilities", parallel=True) + "#exams", wait_until="networkidle")
        assert not failed, f"{lang.locale} parallel view ({label}): failed, third-party or erroring: {failed}"
        page.screenshot(path=shots / f"{lang.locale}-parallel-capabilities-{label}.jpg", quality=SHOT_QUALITY)
        zh, en = (page.locator(f"#exams .parallel-pair").nth(1).locator(".parallel-col").nth(i).bounding_box()
                  for i in (0, 1))
        if label == "desktop":
            assert zh["y"] == en["y"] and zh["x"] + zh["width"] <= en["x"], "not side by side"
        else:
            assert zh["y"] + zh["height"] <= en["y"], "the English twin is not below the Chinese block"
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations_in_the_parallel_view(browser, site_server, scheme):
    axe, report = ROOT / "node_modules" / "axe-core" / "axe.min.js", []
    for viewport in ({"width": 1280, "height": 800}, PHONE):
        # bypass_csp: axe is injected as an inline script, which the site's CSP rightly blocks.
        ctx = browser.new_context(color_scheme=scheme, viewport=viewport, bypass_csp=True)
        page = ctx.new_page()
        for lang in LANGUAGES:
            page.goto(site_server + path_of(lang.locale, "capabilities", parallel=True), wait_until="networkidle")
            page.add_script_tag(path=str(axe))
            result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
            report += [f"{lang.locale} {viewport['width']}px {scheme}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
                       for v in result]
        ctx.close()
    assert not report, "\n".join(report)
