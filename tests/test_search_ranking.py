"""Search puts the page about a topic first (issue 23): every query of tests/fixtures/search_queries.yml,
typed into the real search box of the built site in headless Chromium, has its page as the first result,
and every result is in the reader's language. Both ends of the mkdocs-material range (material_range).

How the ranking works and what decides it (per-page `search.boost`, headings that name the topic,
the separator, the Chinese query fix in search_on_demand.html): README, "Search ranking".
`scripts/bench.py search` prints hit@1, hit@3 and the time to the first results for the same queries."""
from __future__ import annotations

import pytest

from bench import QUERIES, rank, settle
from conftest import LANGS, page_path


def test_the_query_set_is_large_enough_and_names_real_pages():
    from conftest import SLUGS
    for lang in LANGS:
        assert len(QUERIES[lang]) >= 25, f"{lang}: at least 25 queries"
        assert not set(QUERIES[lang].values()) - set(SLUGS), f"{lang}: unknown pages"


@pytest.mark.material_range
@pytest.mark.parametrize("lang", LANGS)
def test_every_query_finds_its_page_first_in_the_readers_language(browser, site_server, lang):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(site_server + page_path(lang, "training"), wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    misses, elsewhere = [], []
    for query, slug in QUERIES[lang].items():
        box.fill(query)
        box.press("End")  # Material searches on keyup; fill() (like an IME commit) sends none
        results = settle(page)
        if rank(results, lang, slug) != 1:
            misses.append(f"{query!r}: want /{page_path(lang, slug)} first, got {['/' + r for r in results[:3]]}")
        elsewhere += [f"{query!r}: /{r}" for r in results if r.startswith("en/") != (lang == "en")]
    ctx.close()
    total = len(QUERIES[lang])
    assert not misses, f"{lang}: hit@1 {total - len(misses)}/{total}\n" + "\n".join(misses)
    assert not elsewhere, f"{lang}: results in the other language:\n" + "\n".join(elsewhere)
