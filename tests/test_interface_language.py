"""Every word of the interface in the page's language (issue 23): on every built page (404, parallel,
print and redirect pages included), what a reader sees or hears around the content — title, aria-label,
alt, placeholder, button and tooltip text, Material's script translations — is in the language of the
element it sits in (its closest `lang`). English: no Chinese character. Chinese: none of the English
interface strings (Material's English translation, our words.yml and mkdocs.yml's English words)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
import yaml
from bs4 import BeautifulSoup, Comment

from conftest import ROOT

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "value", "label")
CHROME = "header, footer, nav, button, label, summary, .md-search, .md-dialog, .md-top, .md-source-file, title"


def english_interface() -> set[str]:
    """Strings the English interface shows, any of which on a Chinese page is the wrong language."""
    en = (Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    found = {v for k, v in re.findall(r'"([\w.]+)": "([^"]+)"', en) if not k.startswith("search.config") and k != "language"}
    words = [v["en"] for v in yaml.safe_load((ROOT / "docs" / "data" / "words.yml").read_text(encoding="utf-8")).values()
             if isinstance(v, dict)]  # a plain string is the same in both languages
    found |= {v for v in words if isinstance(v, str) and re.search(r"[A-Za-z]{3}", v) and "{" not in v}
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    english = next(lang for lang in next(p["i18n"] for p in config["plugins"] if "i18n" in p)["languages"] if lang["locale"] == "en")
    def strings(node):
        if isinstance(node, dict):
            return {s for v in node.values() for s in strings(v)}
        if isinstance(node, list):
            return {s for v in node for s in strings(v)}
        return {node} if re.search(r"[A-Za-z]{3}", node) and "<" not in node else set()
    found |= strings(english.get("extra", {})) | strings(english.get("theme", {}))
    return {s.strip() for s in found} - {"English", "en"}


def language_of(tag) -> str:
    while tag is not None and not (hasattr(tag, "get") and tag.get("lang")):
        tag = tag.parent
    return tag.get("lang", "") if tag is not None else ""


def wrong(text: str, lang: str, english: set[str]) -> bool:
    if lang.startswith("en"):
        return bool(CJK.search(text))
    return lang.startswith("zh") and text.strip() in english


def problems_of(html: str, english: set[str]) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    found = []
    for tag in page.find_all(True):
        for name in ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and wrong(value, language_of(tag), english):
                found.append(f"<{tag.name} {name}={value[:60]!r}>")
    for chrome in page.select(CHROME):
        for text in chrome.find_all(string=True):
            if not isinstance(text, Comment) and text.parent.name not in ("script", "style") and text.strip() \
                    and wrong(text, language_of(text.parent), english):
                found.append(f"<{text.parent.name}> {text.strip()[:60]!r}")
    config = page.select_one("#__config")
    if config:  # words Material's scripts write: copy buttons, search results
        for key, value in json.loads(config.string)["translations"].items():
            if wrong(value, language_of(page.html), english):
                found.append(f"__config translations {key}={value!r}")
    return found


def test_every_built_page_speaks_its_own_language(built_site):
    english = english_interface()
    assert {"Copy to clipboard", "Link to this section", "Side by side"} <= english
    pages = sorted(built_site.rglob("*.html"))
    kinds = {p.relative_to(built_site).as_posix() for p in pages}
    assert {"404.html", "en/404.html", "print/index.html", "en/print/index.html", "en/parallel/index.html",
            "en/glossary/index.html"} <= kinds, "the scan should cover every kind of page"
    problems = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(built_site)}: {p}" for p in problems_of(html, english)]
    assert not problems, f"{len(problems)} interface strings in the other language:\n" + "\n".join(sorted(set(problems))[:40])


@pytest.mark.parametrize("html, found", [
    ('<html lang="en"><body><h2>A<a class="headerlink" title="本节链接">¶</a></h2></body></html>', 1),
    ('<html lang="zh-Hans"><body><button title="Copy to clipboard"></button></body></html>', 1),
    ('<html lang="en"><body><nav><a lang="zh-Hans">简体中文</a></nav></body></html>', 0),
    ('<html lang="zh-Hans"><body><p title="Copy to clipboard">content, not interface</p></body></html>', 1),
    ('<html lang="en"><body><article><p>正文</p></article></body></html>', 0),
])
def test_the_scan_finds_interface_text_in_the_other_language(html, found):
    assert len(problems_of(html, english_interface())) == found
