"""One stylesheet per page: the sheets its <head> links (Material's, extra_css), joined and cut to what the site uses.

A selector goes if it needs a class, element or attribute value that no built page has and no script
the pages run writes (a name in a string literal of the script, not after `.` or `#`; a name it builds,
`md-tag--${x}`, keeps every class it starts); so do custom properties nothing reads, and comments.
Written as `site.<sha256 of its bytes>.min.css`; its last line names the sheets it was cut from, which
stay (tests/test_css_subset.py compares against them).
"""
from __future__ import annotations

import hashlib
import re
from itertools import groupby
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tinycss2
from mkdocs.exceptions import PluginError

LINK = re.compile(r'\s*<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]*)"[^>]*>')
BUILT = re.compile(r"([\w-]+?(?:-|__))(?:\$\{|[\"'`]\s*\+)")  # `md-tag--${x}`, "--md-tooltip-" + x
WRITTEN = re.compile(r"(?:[:,?]|[^=!<>]=)\s*[\"'`]([^\"'`$]*)[\"'`]")  # role:"dialog", x ? "a" : "b"
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')  # JS string literals
WRITES = re.compile(r"(?<![.#\w-])[\w-]+")  # a name in a string, not after . or # (a selector the script reads)


_cuts: dict[tuple, bytes] = {}  # (what the pages have, the sheets) -> the joined, cut sheet


class Subset:
    def __init__(self, site: Path, pages):
        html = "".join(pages)  # every built page's HTML
        scripts = "".join(re.findall(r"<script\b.*?</script>", html, re.S))  # inline, and the src= of the others
        names = set(re.findall(r"[\w.-]+\.js\b", scripts))  # ... and the search worker in Material's __config
        js = scripts + "".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.js")) if p.name in names)
        attrs = set(re.findall(r'\s([\w:-]+)="([^"]*)"', html))
        self.attrs = attrs | set(WRITTEN.findall(js))  # (name, value) on a page, or a value a script writes
        self.words = {w for name, value in attrs if name == "class" for w in value.split()}
        self.words |= set(re.findall(r"<([a-z][\w-]*)", html)) | set(WRITES.findall(" ".join(STRING.findall(js))))
        self.built = tuple(sorted(set(BUILT.findall(js))))

    def possible(self, selector) -> bool:
        """False if the selector needs a class, element or attribute value no page has and no script writes."""
        for prev, token in zip([None, *selector], selector):
            if token.type == "ident" and (prev is None or prev.type == "whitespace" or prev in (".", ">", "+", "~")):
                if not {token.value, token.lower_value} & self.words and not token.value.startswith(self.built):
                    return False
            elif token.type == "[] block":
                name, op, value = ([t for t in token.content if t.type != "whitespace"] + [None] * 3)[:3]
                if op == "=" and (name.value, value.value) not in self.attrs and value.value not in self.attrs:
                    return False
        return True

    def cut(self, rules, used) -> str:
        """CSS text of the rules with the possible selectors and the custom properties `used` allows."""
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [tinycss2.serialize(s).strip() for comma, group in groupby(rule.prelude, lambda t: t == ",")
                             if not comma and self.possible(s := list(group))]
                body = [d.serialize() for d in tinycss2.parse_blocks_contents(rule.content, True, True)
                        if d.type == "qualified-rule" or d.type == "declaration" and used(d.name)]
                out.append(",".join(selectors) + "{" + ";".join(body) + "}" if selectors and body else "")
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                inner = self.cut(tinycss2.parse_rule_list(rule.content, True, True), used)
                out.append(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{inner}}}" if inner else "")
            elif rule.type == "at-rule":  # @charset, @keyframes, @font-face ...
                out.append(rule.serialize())
        return "".join(out)

    def write(self, site: Path, sheets: tuple[Path, ...]) -> Path:
        texts = tuple(sheet.read_text(encoding="utf-8") for sheet in sheets)
        key = (frozenset(self.words), frozenset(self.attrs), self.built, texts, tuple(map(str, sheets)))
        if key not in _cuts:  # `mkdocs serve`: cut again only when the pages or the sheets have something new
            _cuts[key] = self.joined(site, sheets, texts)
        path = sheets[0].with_name(f"site.{hashlib.sha256(_cuts[key]).hexdigest()[:8]}.min.css")
        path.write_bytes(_cuts[key])
        return path

    def joined(self, site: Path, sheets: tuple[Path, ...], texts: tuple[str, ...]) -> bytes:
        rules = []
        for sheet, sheet_text in zip(sheets, texts):
            found = tinycss2.parse_stylesheet(sheet_text, True, True)
            rules += found
            if stop := next((r for r in found if r.type == "error" or getattr(r, "lower_at_keyword", "") == "import"), None):
                raise PluginError(f"css_subset.py: {sheet}, line {stop.source_line}: cannot join the stylesheets "
                                  f"into one: {getattr(stop, 'message', '@import')}")
        text = None
        new = self.cut(rules, lambda name: True)  # at first every custom property stays
        while new != text:  # a custom property read only by ones that go, goes too
            text, used = new, set(re.findall(r"var\(\s*(--[\w-]+)", new)) | self.words
            new = self.cut(rules, lambda name: not name.startswith("--") or name in used or name.startswith(self.built))
        return f"{text}\n/* cut from {' '.join(s.relative_to(site).as_posix() for s in sheets)} */\n".encode()


def one_stylesheet(html: str, page) -> str:
    """A step of pipeline.py, after every step that changes what the pages have (all pages are cut for at once).
    Not under `mkdocs serve`: a preview links the sheets as they are (the cut saves readers bytes and changes
    no style, tests/test_css_subset.py), and a rebuild is 0.3 s sooner."""
    if page.site.serving:
        return html
    site, base = page.site.dir, urlsplit(page.site.config.site_url or "/").path
    if "css_subset" not in page.site.memo:
        page.site.memo["css_subset"] = Subset(site, page.site.html.values()), {}
    subset, made = page.site.memo["css_subset"]
    url = base + page.path.relative_to(site).as_posix()
    head, end, body = html.partition("</head>")  # the stylesheets are linked in <head>: the rest is not read
    links = [m for m in LINK.finditer(head) if urljoin(url, m[1]).startswith(base)]
    if not links:
        return html
    sheets = tuple(site / urljoin(url, m[1])[len(base):] for m in links)
    made[sheets] = made.get(sheets) or subset.write(site, sheets)
    href = "".join(links[0][1].rpartition("/")[:2]) + made[sheets].name  # beside the first sheet
    to = {m.start(): "" for m in links[1:]} | {links[0].start(): links[0][0].replace(links[0][1], href)}
    return LINK.sub(lambda m: to.get(m.start(), m[0]), head) + end + body
