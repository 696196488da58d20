"""Every page ends with "Cite this page" and shows when it last changed, both from git.

The date is the commit date of the last commit that touched the page's source file
(reproducible: the same commit builds the same bytes). Material shows it as "last update"
through page.meta["revision_date"]. The block (GB/T 7714-2015, APA, BibTeX and the report's
own citation) is Markdown from cite_page.html, words from docs/data/sharing.yml.
"""
from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path

import jinja2
import yaml
from babel.dates import format_date
from mkdocs.exceptions import PluginError

TEMPLATE = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined).get_template("cite_page.html")


def git(cwd: Path, *args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise PluginError(f"cite_page: 'git {' '.join(args)}' failed in {cwd}: the page dates come from git; "
                          f"build from a git clone ({exc})") from None


@functools.cache
def check_history(cwd: Path) -> None:
    if git(cwd, "rev-parse", "--is-shallow-repository") == "true":
        raise PluginError("cite_page: this is a shallow git clone, so every page would get the date of the last "
                          "commit; fetch the whole history (actions/checkout: fetch-depth: 0)")


def last_changed(path: Path) -> str:
    """YYYY-MM-DD: commit date of the last commit that changed the file."""
    check_history(path.parent)
    date = git(path.parent, "log", "-1", "--format=%cs", "--", path.name)
    if not date:
        raise PluginError(f"{path}: not committed yet; 'last updated' and 'Cite this page' use its git date")
    return date


def words(config) -> tuple[dict, str]:
    data = yaml.safe_load((Path(config.docs_dir) / "data" / "sharing.yml").read_text(encoding="utf-8"))
    lang = config.theme["language"]
    return {k: v[lang] if isinstance(v, dict) and lang in v else v for k, v in data.items()}, lang


def on_page_markdown(markdown: str, page, config, files) -> str:
    date = last_changed(Path(page.file.abs_src_path))
    page.meta["revision_date"] = date
    w, lang = words(config)
    slug = Path(getattr(page.file, "norm_src_uri", None) or page.file.src_uri).stem
    block = TEMPLATE.render(
        w=w, date=date, site=config.site_name, url=page.canonical_url, key=f"gpt4guide-{lang}-{slug}",
        title=config.site_name if page.is_homepage else page.title,
        apa_date=format_date(datetime.date.fromisoformat(date), w["apa_date"], locale=lang))
    return markdown.rstrip("\n") + "\n\n" + block
