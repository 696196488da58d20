#!/usr/bin/env python3
"""Build benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_build.py [--runs N]   # strict build vs a plain one, side by side, medians
    .venv/bin/python scripts/bench_build.py --serve      # dev.py serve: save one page -> reloaded page served

The plain build is the same mkdocs.yml and pages without hooks (Material, mkdocs-static-i18n, the Markdown
extensions); target: ratio <= 1.5. --serve appends a sentence to a page (restored after) and times until
`dev.py serve` answers with it; target: <= 3 s.
"""
from __future__ import annotations

import argparse
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


def builds(runs: int) -> None:
    plain_yml = ROOT / ".bench-plain.yml"  # beside mkdocs.yml, which it inherits; a list replaces: no hooks
    plain_yml.write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    times = {"plain": [], "strict": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(runs):
                for kind, cmd in (("plain", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_yml),
                                              "-d", f"{tmp}/plain"]), ("strict", None)):
                    start = time.perf_counter()
                    done = subprocess.run(cmd, cwd=ROOT, capture_output=True) if cmd else build_site(Path(tmp, "site"))
                    if done.returncode:
                        sys.exit(f"the {kind} build failed: run python3 scripts/dev.py build")
                    times[kind].append(time.perf_counter() - start)
    finally:
        plain_yml.unlink()
    for kind, label in (("plain", "plain Material + static-i18n build"), ("strict", "this site's strict build")):
        print(f"{label:35} {statistics.median(times[kind]):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times[kind])})")
    print(f"ratio: {statistics.median(times['strict']) / statistics.median(times['plain']):.2f}x (target <= 1.5x)")


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except OSError:
        return ""


def serve() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url, page = f"http://127.0.0.1:{port}{BASE_PATH}en/limitations/", ROOT / "docs" / "en" / "limitations.md"
    original = page.read_text(encoding="utf-8")
    server = subprocess.Popen([sys.executable, "scripts/dev.py", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not get(url):
            time.sleep(0.2)
        for run in range(3):
            marker, start = f"Benchmark sentence {run} {time.time()}.", time.perf_counter()
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in get(url):
                time.sleep(0.05)
            print(f"save -> reloaded page served: {time.perf_counter() - start:.2f} s (target <= 3 s)")
            page.write_text(original, encoding="utf-8")
            time.sleep(3)
    finally:
        page.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGTERM)  # dev.py stops mkdocs serve
        server.wait(timeout=30)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    serve() if args.serve else builds(args.runs)
