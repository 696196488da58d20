"""/print/ and /en/print/: the whole guide in nav order on one page, from the pages MkDocs rendered.

Each language build gets a real MkDocs page print/ (Material's header and language switch, its canonical
URL, noindex, out of search and the sitemap) whose content is a placeholder, as the parallel view. Once
every language is built (write_pages, a step of pipeline.py), the placeholder becomes a contents list and
every page's rendered content (print_page.html), each in <section id="SLUG">: its ids become SLUG--ID
and links to guide pages become in-page links. Words: docs/data/words.yml.
"""
from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from guide_data import Words, language_root, languages, relocate, template

TEMPLATE = template(__file__, "print_page.html", autoescape=True)
# Names the page's <h1> (print_page.html has it), so that Material adds no title of its own
PLACEHOLDER = "<!-- print page: its <h1>, contents and every page -->"
ORDER: dict[str, list] = {}  # language -> its nav pages (their rendered content), in nav order


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config):
    title = Words.load(Path(config.docs_dir) / "data")("print_title", config.theme["language"])
    source = f"---\ntitle: {title}\nsearch:\n  exclude: true\n---\n\n{PLACEHOLDER}\n"
    src = language_root(config, config.theme["language"]) + "print.md"
    files.append(File.generated(config, src, content=source, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav, config, files):
    ORDER[config.theme["language"]] = nav.pages


def on_page_context(context, page, config, nav):
    """After mkdocs-static-i18n (priority 50): the language switch leads to the other languages' print pages."""
    if page.url == language_root(config, config.theme["language"]) + "print/":
        locales = {lang.locale for lang in languages(config)}  # not parallel_view.py's entry of another page
        config.extra.alternate = [dict(entry, link=language_root(config, entry["lang"]) + "print/")
                                  for entry in config.extra.alternate if entry["lang"] in locales]
    return context


def on_post_page(output: str, page, config) -> str:
    if page.url != language_root(config, config.theme["language"]) + "print/":
        return output
    return output.replace("</head>", '<meta name="robots" content="noindex">\n</head>', 1)


@functools.lru_cache(maxsize=256)  # `mkdocs serve`: a rebuild moves only the pages that changed
def localise(html: str, url: str, slug: str, root: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """A page's content as a section of root + 'print/': prefixed ids, links into the print page
    (pairs: every guide page's URL path and its section's id)."""
    targets = dict(pairs)

    def link(value: str) -> str:
        if re.match(r"[a-z][a-z0-9+.-]*:|/", value):
            return value
        path, _, frag = value.partition("#")
        if not path:
            return f"#{slug}--{frag}"
        target = posixpath.normpath(posixpath.join(url, path))
        if target in targets:
            return f"#{targets[target]}" + (f"--{frag}" if frag else "")
        rel = posixpath.relpath(target, root + "print") + ("/" if path.endswith("/") else "")
        return rel + (f"#{frag}" if frag else "")

    return relocate(html, f"{slug}--", link).inner_html


def write_pages(config, site_dir: Path) -> None:
    """A step of pipeline.py: every language is built; each print page gets every page's content."""
    words = Words.load(Path(config.docs_dir) / "data")
    for lang, pages in ORDER.items():
        root = pages[0].url  # the language's home page: "" or "en/"
        slugs = {page.url: page.url[len(root):].strip("/") or "index" for page in pages}
        targets = tuple((posixpath.normpath(url or "."), slug) for url, slug in slugs.items())
        sections = [{"slug": slugs[page.url], "title": page.title,
                     "content": localise(page.content, page.url, slugs[page.url], root, targets),
                     "toc": [h for item in page.toc for h in item.children]} for page in pages]
        path = site_dir / root / "print" / "index.html"
        html = path.read_text(encoding="utf-8")
        path.write_text(html.replace(PLACEHOLDER, TEMPLATE.render(words=words, lang=lang, sections=sections), 1),
                        encoding="utf-8")
