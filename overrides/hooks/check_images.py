"""The local image checks inside the build, as warnings (`mkdocs build --strict` fails); see scripts/imagecheck/."""

import logging

from mkdocs.plugins import event_priority

from imagecheck import cli, collect, report  # installed from scripts/ with guide_data (pyproject.toml)

log = logging.getLogger("mkdocs.plugins.check_images")
capture = collect.Capture(lambda path: not collect.IN_CLI_BUILD, [])
on_files, on_page_markdown, on_post_page = capture.on_files, capture.on_page_markdown, capture.on_post_page


@event_priority(-110)  # after mkdocs-static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    problems, pages = capture.problems, capture.pages
    site = collect.scan_site(config.site_dir, config.site_url or "", problems)
    cli.check_pages([(page, site) for page in pages], cli.Options(offline=True), problems)
    for problem in cli.dedupe(problems):
        log.warning(report.line(problem))
    pages.clear(), problems.clear()
