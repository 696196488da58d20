#!/usr/bin/env python3
"""Search benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_search.py [--site DIR] [--show]

Types every query of tests/fixtures/search_queries.yml into the real search box of the built site
(headless Chromium, a fresh page per query, as a reader arriving from an article), and prints per
language hit@1 and hit@3 (the page that must come first is first / among the first three result pages)
and the time from the first keystroke to the first result list (median and slowest). Without
--site it builds the site first. tests/test_search_ranking.py asserts hit@1 = 100 % on the same queries.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import yaml

from guide_site import CHROMIUM_FLAGS, LANGS, ROOT, find_chromium, given_or_built, page_path, serve

QUERIES: dict[str, dict[str, str]] = yaml.safe_load(
    (ROOT / "tests" / "fixtures" / "search_queries.yml").read_text(encoding="utf-8"))

# Stamps the first result list in page time; the page stamps the first keystroke.
WATCH = """() => {
  window.__firstResults = null;
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver((_, observer) => {
    if (list.querySelector(".md-search-result__item")) { window.__firstResults = performance.now(); observer.disconnect(); }
  }).observe(list, {childList: true});
}"""


NONE_OR_RESULTS = """() => document.querySelector(".md-search-result__item") ||
  document.querySelector(".md-search-result__meta").textContent.trim() ===
  JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"]"""


def result_pages(page) -> list[str]:
    """The result list as page paths below the site, best first ('limitations/', 'en/limitations/')."""
    hrefs = page.locator(".md-search-result__item > a:first-child").evaluate_all("links => links.map(a => a.href)")
    base = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location).href")
    root = base.rsplit("/en/", 1)[0].rstrip("/") + "/"
    return [href.split("#")[0].split("?")[0].removeprefix(root) for href in hrefs]


def settle(page, timeout: float = 15_000) -> list[str]:
    """Wait for the result list of the whole query: results or 'no results', then no change for 400 ms."""
    page.wait_for_function(NONE_OR_RESULTS, timeout=timeout)
    seen, stable = None, 0
    while stable < 4:
        now = result_pages(page)
        stable = stable + 1 if now == seen else 0
        seen = now
        page.wait_for_timeout(100)
    return seen


def type_query(page, query: str) -> None:
    """Type as a reader does; CJK text arrives as an IME commit, so end with a key Material hears (keyup)."""
    page.keyboard.type(query)
    page.keyboard.press("End")


def rank(results: list[str], lang: str, slug: str) -> int | None:
    """1-based position of the page in the results, or None."""
    target = page_path(lang, slug)
    return results.index(target) + 1 if target in results else None


def run(base: str, show: bool = False) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright
    rows: dict[str, list[dict]] = {lang: [] for lang in LANGS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for lang in LANGS:
            for query, slug in QUERIES[lang].items():
                ctx = browser.new_context(viewport={"width": 1280, "height": 800})  # empty cache
                page = ctx.new_page()
                page.goto(base + page_path(lang, "training"), wait_until="networkidle")
                page.evaluate(WATCH)
                start = page.evaluate("performance.now()")
                page.keyboard.press("s")  # the search shortcut: focus (and intent) is the first keystroke
                type_query(page, query)
                results = settle(page)
                first = page.evaluate("window.__firstResults")
                rows[lang].append({"query": query, "want": slug, "rank": rank(results, lang, slug),
                                   "ms": None if first is None else first - start, "results": results[:3]})
                if show:
                    r = rows[lang][-1]
                    print(f"  {lang} {query!r:32} want {slug:14} rank {r['rank']}  {r['ms'] or 0:.0f} ms  {r['results']}")
                ctx.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--show", action="store_true", help="print every query's result")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server, base = serve(given_or_built(args.site, Path(tmp)))
        try:
            rows = run(base, args.show)
        finally:
            server.shutdown()
    print(f"Search, {sum(map(len, QUERIES.values()))} queries typed into the real search box")
    print(f"{'lang':5} {'queries':>7} {'hit@1':>7} {'hit@3':>7} {'first results: median':>22} {'slowest':>8}")
    for lang, found in rows.items():
        hit1 = sum(r["rank"] == 1 for r in found) / len(found)
        hit3 = sum(r["rank"] is not None and r["rank"] <= 3 for r in found) / len(found)
        times = [r["ms"] for r in found if r["ms"] is not None] or [0]  # 'no results' has no result list
        print(f"{lang:5} {len(found):7} {hit1:7.0%} {hit3:7.0%} {statistics.median(times):19.0f} ms {max(times):5.0f} ms")
    for lang, found in rows.items():
        for r in found:
            if r["rank"] != 1:
                print(f"  miss {lang} {r['query']!r}: want {r['want']}, rank {r['rank']}, got {r['results']}")


if __name__ == "__main__":
    main()
