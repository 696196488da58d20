"""After MkDocs has built every language: each step in order, once per build. Listed last in mkdocs.yml.

mkdocs-static-i18n builds the other languages inside its own on_post_build (priority -100), where every
hook's on_post_build runs again for that language; this hook runs once, in the outermost build, after all
of them (last_build). To add a step, add one function to a list:

SITE_STEPS  step(config, site_dir): files of the whole site (404 pages, redirects, search indexes,
            the parallel view, /print/), in this order.
PAGE_STEPS  step(html, page) -> html: every built page (*.html), read once, passed through each step for
            every page before the next step starts (css_subset cuts Material's CSS to what all the pages
            use), and written once. The Content-Security-Policy is last: it hashes the inline scripts.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import content_security_policy
import css_subset
import html_lang
import interface_language
import no_head_alternates
import redirects
import search_dialog_name
import search_on_demand
import search_per_language
import valid_html


def loaded(name: str):
    """overrides/hooks/NAME.py as MkDocs loaded it from mkdocs.yml `hooks`: the module whose events have run
    (an `import` would be a second copy, without what those events collected)."""
    path = Path(__file__).with_name(f"{name}.py")
    for module in list(sys.modules.values()):
        where = getattr(module, "__file__", None) or ""
        if where.endswith(path.name) and Path(where).resolve() == path.resolve():
            return module
    raise PluginError(f"pipeline.py: list {path.name} before pipeline.py under `hooks` in mkdocs.yml")


SITE_STEPS = [
    loaded("print_page").write_pages,   # /print/, /en/print/
    loaded("parallel_view").fill,       # /parallel/<slug>/: both languages' content
    search_per_language.split_index,    # /search/ and /en/search/ indexes
    loaded("not_found_per_language").write_pages,  # /404.html, /en/404.html
    redirects.write_pages,              # extra.redirects: old and short URLs
]
PAGE_STEPS = [
    no_head_alternates.drop,            # Material's relative hreflang links out of <head> (sitemap.xml has them)
    search_dialog_name.add_name,        # the search dialog's accessible name
    search_on_demand.add_script,        # search index and worker wait for the reader's intent
    interface_language.name_languages,  # each language's name in the switch says its language (lang=)
    html_lang.fix,                      # lang/hreflang from extra.lang_tags (zh-Hans)
    valid_html.fix,                     # Material's markup the Nu Html Checker rejects
    css_subset.one_stylesheet,          # one stylesheet, cut to the rules the site can use
    content_security_policy.add_policy,  # LAST: CSP <meta> with a hash per inline script
]


@dataclass
class Site:
    """The built site as the page steps see it: every page's HTML so far, and what a step keeps across pages."""
    config: object
    dir: Path
    html: dict[Path, str]
    memo: dict = field(default_factory=dict)
    serving: bool = False  # `mkdocs serve`: it adds its live-reload script to every page it serves


_command = {"name": "build"}


def on_startup(command, dirty) -> None:
    _command["name"] = command  # build, gh-deploy or serve (it rebuilds without starting up again)


def last_build(config) -> bool:
    """False while mkdocs-static-i18n builds another language; True in the build that ends after all of them."""
    return not getattr(config.plugins.get("i18n"), "building", False)


@event_priority(-120)  # after mkdocs-static-i18n (-100) and the image check (check_images.py, -110)
def on_post_build(config) -> None:
    if not last_build(config):
        return
    site_dir = Path(config.site_dir)
    for step in SITE_STEPS:
        step(config, site_dir)
    site = Site(config, site_dir, {path: path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.html"))},
                serving=_command["name"] == "serve")
    before = dict(site.html)
    for step in PAGE_STEPS:
        for path, html in site.html.items():
            site.html[path] = step(html, SimpleNamespace(path=path, site=site))
    for path, html in site.html.items():
        if html != before[path]:
            path.write_text(html, encoding="utf-8")
