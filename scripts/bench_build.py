#!/usr/bin/env python3
"""Build benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_build.py [--runs N]     # strict build vs a plain one, side by side
    .venv/bin/python scripts/bench_build.py --serve         # dev.py serve: save one page -> reloaded page served

The plain build is the same mkdocs.yml and pages with no hooks (Material + mkdocs-static-i18n and the
Markdown extensions only); the two builds alternate and the medians are printed (target: ratio <= 1.5).
--serve starts `dev.py serve` on a free port, appends a sentence to a page, and times until the server
answers with the new text (target: <= 3 s); the page is restored afterwards.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from guide_site import BASE_PATH, ROOT, build_site

PLAIN = "INHERIT: mkdocs.yml\nhooks: []\n"  # lists replace the parent's: no hook at all


def timed(*cmd: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    return time.perf_counter() - start


def builds(runs: int) -> None:
    plain_yml = ROOT / ".bench-plain.yml"  # beside mkdocs.yml: INHERIT and docs_dir are relative to it
    plain_yml.write_text(PLAIN, encoding="utf-8")
    times: dict[str, list[float]] = {"plain": [], "strict": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(runs):
                times["plain"].append(timed(sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_yml),
                                            "-d", f"{tmp}/plain"))
                start = time.perf_counter()
                if build_site(Path(tmp) / "site").returncode:
                    sys.exit("the strict build failed: run python3 scripts/dev.py build")
                times["strict"].append(time.perf_counter() - start)
    finally:
        plain_yml.unlink()
    plain, strict = (statistics.median(times[k]) for k in ("plain", "strict"))
    print(f"plain Material + static-i18n build: {plain:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times['plain'])})")
    print(f"this site's strict build:           {strict:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times['strict'])})")
    print(f"ratio: {strict / plain:.2f}x (target <= 1.5x)")


def serve() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}{BASE_PATH}en/limitations/"
    page = ROOT / "docs" / "en" / "limitations.md"
    original = page.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "scripts/dev.py", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def get() -> str:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        while not get():
            time.sleep(0.2)
        for run in range(3):
            marker = f"Benchmark sentence {run} {time.time()}."
            start = time.perf_counter()
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in get():
                time.sleep(0.05)
            print(f"save -> reloaded page served: {time.perf_counter() - start:.2f} s (target <= 3 s)")
            page.write_text(original, encoding="utf-8")
            time.sleep(3)
    finally:
        page.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    serve() if args.serve else builds(args.runs)
