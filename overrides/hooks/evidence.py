"""Every report citation carries the report's own words (issue 24; the quote files and how a page cites one:
README, "Citations carry the report's own words").

Every quote id is a Markdown link reference to the PDF page's URL with the title `quote:ID` (so the page
number lives once, in the quote): QuoteReferences sets them before each page is parsed. on_page_markdown adds
the heading of the Evidence list, before "Cite this page", to every page an author wrote. Tables and figures from docs/data carry the same `title="quote:ID"` (markers.py).

on_page_content numbers the quotes a page cites in the order of first citation, gives each citation
a numbered marker that leads to its entry (`#ev-ID`, stable: articles may link to it) and is
described by the quote (aria-describedby), and fills the Evidence list (evidence.html): the English
original, the site's Chinese rendering where there is one, the citing link's own section/page text; a
page that cites none loses the heading. extra.js shows the quote on hover, focus and tap.
on_page_context fills /sources/'s `<!-- report-index -->`: for each cited report page, the sections
that explain it. An unknown id or a bad quote file stops the build with the file (and line).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from selectolax.lexbor import LexborHTMLParser

from guide_data import PDF, YAML_LOADER, Words, template

TEMPLATE = template(__file__, "evidence.html", autoescape=True, trim_blocks=True, lstrip_blocks=True)
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
INDEX_MARKER = "<!-- report-index -->"
_quotes: dict[str, dict] = {}
_cited: dict[str, dict[str, list]] = {}  # language -> page URL -> [(report page, section title, #id, page title)]


def load_quotes(folder: Path) -> dict[str, dict]:
    """Every quote of docs/data/quotes/*.yml by id; a malformed entry stops the build with its file and line."""
    quotes: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yml")):
        loader = YAML_LOADER(path.read_text(encoding="utf-8"))
        try:  # one parse: the node gives each id's line, the data is built from it
            node = loader.get_single_node() or yaml.MappingNode("tag:yaml.org,2002:map", [])
            data = loader.construct_document(node) or {}
        except yaml.YAMLError as exc:
            raise PluginError(f"{path}: not valid YAML: {exc}") from None
        finally:
            loader.dispose()
        if not isinstance(data, dict):
            raise PluginError(f"{path}:1: write a mapping of quote ids (`id:` then `page:` and `text:` under it)")
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        for qid, quote in data.items():
            where = f"{path}:{lines.get(qid, 1)}"
            if not ID.fullmatch(str(qid)):
                raise PluginError(f"{where}: quote id {qid!r}: use lowercase letters, digits and hyphens")
            if qid in quotes:
                raise PluginError(f"{where}: quote id {qid!r} is also in {quotes[qid]['file']}; ids are shared by all files")
            if not isinstance(quote, dict) or not isinstance(quote.get("page"), int) or not 1 <= quote["page"] <= 100 \
                    or not str(quote.get("text", "")).strip():
                raise PluginError(f"{where}: quote {qid!r} needs `page:` (1-100, the PDF page) and `text:` "
                                  "(the report's words, verbatim)")
            quotes[qid] = {**quote, "text": " ".join(str(quote["text"]).split()), "file": str(path)}
    return quotes


def on_pre_build(config):
    """Read the quotes once per build (and again on every rebuild of `mkdocs serve`)."""
    _quotes.clear()
    _quotes.update(load_quotes(Path(config.docs_dir) / "data" / "quotes"))


class QuoteReferences(Preprocessor):
    """[text][quote-id] on every page: each quote a link reference, as `[quote-id]: URL "quote:ID"` lines would
    define it (a page's own definitions come later and win), without parsing hundreds of lines a page."""

    def run(self, lines):
        self.md.references.update({qid: (PDF.format(q["page"]), f"quote:{qid}") for qid, q in _quotes.items()})
        return lines


class Quotes(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(QuoteReferences(md), "quote_references", 40)


def on_config(config):
    if not any(isinstance(e, Quotes) for e in config.markdown_extensions):
        config.markdown_extensions.append(Quotes())
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    lang = config.theme["language"]
    words = Words.load(Path(config.docs_dir) / "data")
    heading = (f"## {words('evidence_title', lang)} {{ #evidence data-search-exclude }}\n\n"
               f"{words('evidence_intro', lang)}\n\n")
    return markdown.rstrip("\n") + "\n\n" + (heading if page.file.abs_src_path else "")


HEADINGS = ", ".join(f"h{level}[id]" for level in range(1, 7))
INTRO = "#evidence + p"  # the words.yml intro (evidence_intro) right after the heading, before the list


def drop_evidence_heading(html: str, page) -> str:
    """A page that cites no quote keeps no Evidence heading (nor its intro, nor its TOC entry)."""
    tree = LexborHTMLParser(html)
    heading = tree.css_first("#evidence")
    if heading is None:
        return html
    for node in (tree.css_first(INTRO), heading):
        if node is not None:
            node.decompose()
    for item in page.toc:
        item.children = [child for child in item.children if child.id != "evidence"]
    page.toc.items = [item for item in page.toc if item.id != "evidence"]
    return tree.body.inner_html


def on_page_content(html: str, page, config, files) -> str:
    if "quote:" not in html:
        return drop_evidence_heading(html, page)
    lang = config.theme["language"]
    words = Words.load(Path(config.docs_dir) / "data")
    tree = LexborHTMLParser(html)
    numbers: dict[str, int] = {}
    entries: list[dict] = []
    links, markers = [], []
    cited = _cited.setdefault(lang, {})[page.url] = []
    title, anchor = "", ""  # the section a citation stands in: the nearest heading before it with an id
    for node in tree.css(f'{HEADINGS}, a[title^="quote:"]'):  # in document order
        if node.tag != "a":
            title = "" if node.tag == "h1" else node.text().replace("¶", "").strip()
            anchor = node.attrs["id"]
            continue
        qid = node.attrs["title"].removeprefix("quote:")
        if qid not in _quotes:
            raise PluginError(f"docs/{page.file.src_uri}: no quote {qid!r} in docs/data/quotes/*.yml")
        del node.attrs["title"]
        if qid not in numbers:
            numbers[qid] = len(numbers) + 1
            entries.append({"n": numbers[qid], "id": qid, "quote": _quotes[qid], "label": node.text(),
                            "href": node.attrs["href"]})
            node.attrs["id"] = f"ev-ref-{qid}"
        node.attrs["class"] = " ".join([*(node.attrs.get("class") or "").split(), "ev-cite"])
        node.attrs["aria-describedby"] = f"ev-{qid}-text"
        n = numbers[qid]
        links.append(node)
        markers.append(TEMPLATE.module.marker(n=n, id=qid, label=words("evidence_marker", lang, n=n)))
        cited.append((_quotes[qid]["page"], title, anchor, page.title))
    rendered = LexborHTMLParser("".join(markers))  # one parse for all the page's markers
    for link, marker in zip(links, rendered.css("body > sup")):
        link.insert_after(marker)
    heading = tree.css_first("#evidence")
    if heading is None:
        raise PluginError(f"docs/{page.file.src_uri}: cites quotes, but has no Evidence heading (hook order?)")
    intro = tree.css_first(INTRO)
    evidence = LexborHTMLParser(TEMPLATE.module.evidence(entries=entries, words=words, lang=lang))
    (heading if intro is None else intro).insert_after(evidence.css_first("ol"))
    return tree.body.inner_html


def on_page_context(context, page, config, nav):
    """Every page has been rendered by now: /sources/ gets its index of report pages."""
    if INDEX_MARKER not in (page.content or ""):
        return context
    lang = config.theme["language"]
    pages: dict[int, dict] = {}
    for other in nav.pages:  # nav order
        for report_page, title, anchor, page_title in _cited.get(lang, {}).get(other.url, []):
            places = pages.setdefault(report_page, {})
            url = get_relative_url(other.url + (f"#{anchor}" if anchor else ""), page.url)
            places.setdefault((other.url, anchor), {"page": other.title or page_title, "section": title, "url": url})
    rows = [{"page": p, "href": PDF.format(p), "places": list(pages[p].values())} for p in sorted(pages)]
    words = Words.load(Path(config.docs_dir) / "data")
    page.content = page.content.replace(INDEX_MARKER, TEMPLATE.module.index(rows=rows, words=words, lang=lang))
    return context
