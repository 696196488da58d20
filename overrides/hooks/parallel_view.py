"""Parallel reading view (中英对照): every page of mkdocs.yml `nav`, both languages side by side.

Each language build gets a real MkDocs page parallel/<slug>/ per nav page (Material's header, the
TOC of its own language) whose content is a placeholder. Once every language is built, the
placeholder becomes the twins' rendered content (parallel_view.html), aligned by their shared
heading ids and, where the block structure matches, block by block; ids get a language prefix and
relative links are rebased. Every page's language switch gets a third entry, `parallel_label` (words.yml).
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from guide_data import Words, language_root, languages, page_url, relocate, site_pages, template

PREFIX = "parallel/"
# Names the twins' <h1>, so that Material adds no title of its own (partials/content.html)
PLACEHOLDER = "<!-- parallel view: both languages' <h1> and content -->"
SOURCE = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n---\n\n" + PLACEHOLDER + "\n"
TEMPLATE = template(__file__, "parallel_view.html", autoescape=True)
_navs: dict = {}  # locale -> that language build's Navigation (its pages keep their rendered content)
_pending: dict[Path, tuple[str, str]] = {}  # parallel page written with the placeholder -> (locale, slug)
_done: dict[tuple, str] = {}  # (locale, slug, the twins' rendered content) -> the view


def slug_of(config, url: str) -> str | None:
    """The slug of the nav page (the page model, guide_data.site_pages) at url or whose parallel view is at url:
    'capabilities' for capabilities/, en/capabilities/, parallel/capabilities/ and en/parallel/capabilities/."""
    return next((page.slug for page in site_pages(config)
                 if url in (page.url, page_url(config, page.lang, page.slug, PREFIX))), None)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config):
    for path in config.nav:  # a flat list of pages, as scripts/guide_site.py reads it too
        src = language_root(config, config.theme["language"]) + PREFIX + path
        files.append(File.generated(config, src, content=SOURCE, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav, config, files):
    _navs[config.theme["language"]] = nav


def on_page_context(context, page, config, nav):
    """After mkdocs-static-i18n (priority 50) has pointed the language switch at this page's twins."""
    locale, slug = config.theme["language"], slug_of(config, page.url)
    if slug is None:
        return context  # a page outside nav (/print/, a new page before its `nav` line) has no parallel view
    label = Words.load(Path(config.docs_dir) / "data")("parallel_label", locale)
    mine = {"name": label, "lang": "mul",
            "link": page_url(config, locale, slug, PREFIX)}
    # Material reads config.extra.alternate, an attribute mkdocs-static-i18n sets on every page of its own
    entries = [entry for entry in getattr(config.extra, "alternate", []) if entry["lang"] != mine["lang"]]
    if page.url == mine["link"]:  # on the parallel view: the language entries lead back to the single-language pages
        single = next(p for p in nav.pages if slug_of(config, p.url) == slug)
        page.meta["title"] = f"{single.title} · {mine['name']}"
        page.toc, page.canonical_url = single.toc, single.canonical_url
        for entry in entries:
            entry["link"] = page_url(config, entry["lang"], slug)
    config.extra.alternate = entries + [mine]
    return context


def on_post_page(output: str, page, config) -> str:
    if not page.url.startswith(language_root(config, config.theme["language"]) + PREFIX):
        return output
    _pending[Path(page.file.abs_dest_path)] = (config.theme["language"], slug_of(config, page.url))
    return output.replace("</head>", str(TEMPLATE.module.head()) + "</head>", 1)


def rebase(url: str, src: str, dst: str, locale: str) -> str:
    """A link of the page at src (path below the site root) as seen from dst; '#id' gets the language prefix."""
    if url.startswith("#"):
        return f"#{locale}-{url[1:]}"
    if url.startswith("/") or urlsplit(url).scheme:
        return url
    parts = urlsplit(urljoin("http://site/" + src, url))
    rel = posixpath.relpath(parts.path, "/" + dst) + ("/" if parts.path.endswith("/") else "")
    return rel + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def sections(page, locale: str, src: str, dst: str) -> list[tuple[str, list]]:
    """[(heading id, [top-level blocks])], from the <h1> on. Ids and links made safe for dst."""
    body = relocate(page.content, f"{locale}-", lambda url: rebase(url, src, dst, locale))
    found: list[tuple[str, list]] = [("", [])]
    for node in body.iter(include_text=True):
        if node.is_comment_node or (node.is_text_node and not node.text().strip()):
            continue
        if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            found.append((node.attrs["id"].removeprefix(f"{locale}-"), []))
        found[-1][1].append(node)
    return found if found[0][1] else found[1:]


def shape(block) -> tuple:
    return (block.tag, ((block.attrs.get("class") or "").split() or [""])[0]) if block.is_element_node else ("text",)


def parallel_html(config, shell: str, slug: str) -> str:
    twins = []
    for lang in languages(config):
        page = next((p for p in _navs[lang.locale].pages if p.url == page_url(config, lang.locale, slug)), None)
        if page is None:
            raise PluginError(f"parallel view: '{slug}' is in nav but has no {lang.locale} page")
        twins.append((lang, page))
    key = (shell, slug, tuple(page.content for _, page in twins))
    if key not in _done:  # `mkdocs serve`: a rebuild redoes only the pages whose twins changed
        _done[key] = view(config, shell, slug, twins)
    return _done[key]


def view(config, shell: str, slug: str, twins: list) -> str:
    dst = page_url(config, shell, slug, PREFIX)
    columns = [(lang, page, sections(page, lang.locale, page.url, dst)) for lang, page in twins]
    ids = [[sid for sid, _ in secs] for _, _, secs in columns]  # the <h1> ids differ (they are not explicit)
    if any(other[1:] != ids[0][1:] for other in ids[1:]):
        raise PluginError(f"parallel view: {' and '.join(f'docs/{p.file.src_uri}' for _, p, _ in columns)} need the "
                          f"same headings with the same ids in the same order; they have {' and '.join(map(str, ids))}")
    rows = []  # the title row takes this language's <h1> id: Material's "skip to content" link points there
    for index, sid in enumerate([ids[[lang.locale for lang, _, _ in columns].index(shell)][0]] + ids[0][1:]):
        blocks = [secs[index][1] for _, _, secs in columns]
        aligned = all([shape(b) for b in other] == [shape(b) for b in blocks[0]] for other in blocks[1:])
        pairs = [[[block] for block in twins] for twins in zip(*blocks)] if aligned else [blocks]
        rows.append((sid, [[Markup("".join(block.html for block in cell))
                            for cell in pair] for pair in pairs]))
    legend = [(lang, posixpath.relpath(page.url or ".", dst) + "/") for lang, page, _ in columns]
    return TEMPLATE.module.view(rows=rows, legend=legend, tags=config.extra["lang_tags"])


def fill(config, site_dir: Path) -> None:
    """A step of pipeline.py: every language is built, each parallel page gets both languages' content."""
    for path, (shell, slug) in list(_pending.items()):
        html = path.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            path.write_text(html.replace(PLACEHOLDER, parallel_html(config, shell, slug), 1), encoding="utf-8")
        del _pending[path]
