"""The local image checks inside the build, as warnings (`mkdocs build --strict` fails); see scripts/imagecheck/."""

import json
import logging
import subprocess
import sys

from mkdocs.plugins import event_priority

from imagecheck import Problem, cli, collect  # installed from scripts/ with guide_data (pyproject.toml)

log = logging.getLogger("mkdocs.plugins.check_images")
capture = collect.Capture(lambda path: True, [])
on_files, on_post_page = capture.on_files, capture.on_post_page
CHECKER = "import sys; from imagecheck.cli import main; sys.exit(main())"


def on_config(config):  # in the checker's own build (collect.render), which has its own Capture, stand down
    capture.wanted = lambda path: "imagecheck-capture" not in config.plugins


@event_priority(-110)  # after mkdocs-static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    problems, pages = capture.problems[:], capture.pages[:]
    capture.problems.clear(), capture.pages.clear()
    site = collect.scan_site(config.site_dir, config.site_url or "", problems)
    cli.check_pages([(page, site) for page in pages], cli.Options(offline=True), problems)
    if files := sorted({p.file for p in problems if p.file.endswith(collect.MARKDOWN)}):
        # This build's pages reach readers and carry no source lines: the checker's own build of these files has
        # them, run in a process of its own (its time bound needs a main thread; `mkdocs serve` rebuilds in another)
        again = subprocess.run([sys.executable, "-c", CHECKER, "--offline", "--format", "json", "--config",
                                config.config_file_path, *files], capture_output=True, text=True)
        if again.returncode in (0, 1):  # else (2: it could not run) the lines of the built pages stay
            problems = [p for p in problems if p.file not in files] + [
                Problem(**found) for found in json.loads(again.stdout)["problems"]]
    for problem in cli.dedupe(problems):
        log.warning(cli.line(problem))
