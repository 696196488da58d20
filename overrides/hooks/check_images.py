"""The local image checks inside the build, as warnings (`mkdocs build --strict` fails); see scripts/imagecheck/."""

import logging

from mkdocs.plugins import event_priority

from imagecheck import cli, collect, report  # installed from scripts/ with guide_data (pyproject.toml)

log = logging.getLogger("mkdocs.plugins.check_images")
capture = collect.Capture(lambda path: not collect.IN_CLI_BUILD, [])
on_files, on_post_page = capture.on_files, capture.on_post_page


@event_priority(-110)  # after mkdocs-static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    problems, pages = capture.problems[:], capture.pages[:]
    capture.problems.clear(), capture.pages.clear()  # before the checker's build below, which runs this hook too
    site = collect.scan_site(config.site_dir, config.site_url or "", problems)
    cli.check_pages([(page, site) for page in pages], cli.Options(offline=True), problems)
    if files := sorted({p.file for p in problems if p.file.endswith(collect.MARKDOWN)}):
        # This build carries no source lines (its pages reach readers): the checker's own build of these files does
        quiet, level = logging.getLogger("mkdocs"), logging.getLogger("mkdocs").level
        quiet.setLevel(logging.ERROR)
        try:
            again = cli.run(files, config.config_file_path, cli.Options(offline=True)).problems
        finally:
            quiet.setLevel(level)
        problems[:] = [p for p in problems if p.file not in files] + again
    for problem in cli.dedupe(problems):
        log.warning(report.line(problem))
