"""/print/ and /en/print/: the whole guide in nav order on one page, from the rendered pages.

Each page goes into <section id="SLUG">; its ids become SLUG--ID and links to guide pages become
in-page links. Around them: the built HTML of a page at the same depth, a contents list
(print_page.html) and noindex; not in search or the sitemap. Idempotent (once per language build).
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from guide_data import in_language, read_yaml, template, write

TEMPLATE = template(__file__, "print_page.html", autoescape=True)
ORDER: dict[str, list[str]] = {}  # language -> page URLs in nav order
SITE_NAMES: dict[str, str] = {}
PAGES: dict[str, dict[str, tuple]] = {}  # language -> URL -> (page, content, built HTML)


def localise(html: str, url: str, slug: str, root: str, targets: dict[str, str]) -> str:
    """A page's content as a section of root + 'print/': prefixed ids, links into the print page."""

    def fix(m: re.Match) -> str:
        attr, value = m[1], m[2]
        if attr not in ("href", "src"):
            return f'{attr}="{slug}--{value}"'
        if re.match(r"[a-z][a-z0-9+.-]*:|/", value):
            return m[0]
        path, _, frag = value.partition("#")
        if not path:
            return f'{attr}="#{slug}--{frag}"'
        target = posixpath.normpath(posixpath.join(url, path))
        if target in targets:
            return f'{attr}="#{targets[target]}' + (f"--{frag}" if frag else "") + '"'
        rel = posixpath.relpath(target, root + "print") + ("/" if path.endswith("/") else "")
        return f'{attr}="{rel}' + (f"#{frag}" if frag else "") + '"'

    return re.sub(r'\b(id|for|name|aria-labelledby|aria-controls|href|src)="([^"]*)"', fix, html)


def on_nav(nav, config, files):
    ORDER[config.theme["language"]] = [page.url for page in nav.pages]
    SITE_NAMES[config.theme["language"]] = config.site_name


def on_post_page(output: str, page, config) -> str:
    PAGES.setdefault(config.theme["language"], {})[page.url] = (page, page.content, output)
    return output


def write_pages(config, site_dir: Path) -> None:
    """A step of pipeline.py: every language is built."""
    data = read_yaml("sharing.yml", Path(config.docs_dir) / "data")
    for lang, order in ORDER.items():
        pages = PAGES.get(lang, {})
        if not order or any(url not in pages for url in order):
            continue  # this language is not built yet
        root = order[0]  # the language's home page: "" or "en/"
        slugs = {url: url[len(root):].strip("/") or "index" for url in order}
        targets = {posixpath.normpath(url or "."): slug for url, slug in slugs.items()}
        shell_page, shell_content, shell = pages[order[1]]  # a page at the depth of print/
        sections = [{"slug": slugs[url], "title": pages[url][0].title,
                     "content": localise(pages[url][1], url, slugs[url], root, targets),
                     "toc": [h for item in pages[url][0].toc for h in item.children]} for url in order]
        words = in_language(data, lang)
        ids = set(re.findall(r'\bid="([^"]+)"', shell_content))
        shell = shell.replace(shell_content, "\0")
        shell = shell.replace(shell_page.canonical_url, shell_page.canonical_url.rsplit("/", 2)[0] + "/print/")
        shell = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{slugs[order[1]]}--{m[1]}"' if m[1] in ids else m[0], shell)
        shell = re.sub(r'(<a href="[^"]*?)' + re.escape(slugs[order[1]]) + rf'/(" hreflang="(?:{"|".join(ORDER)})")', r"\1print/\2", shell)
        shell = re.sub(r"<title>.*?</title>", f"<title>{words['print_title']} - {SITE_NAMES[lang]}</title>"
                       '\n<meta name="robots" content="noindex">', shell, count=1, flags=re.S)
        shell = re.sub(r'<aside class="md-source-file">.*?</aside>|<link rel="alternate"[^>]*>', "", shell, flags=re.S)
        write(site_dir / root / "print" / "index.html",
              shell.replace("\0", TEMPLATE.render(w=words, sections=sections)))
