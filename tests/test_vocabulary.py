"""One vocabulary across the built site, from docs/data/glossary.yml: no Chinese page,
table, figure or tooltip uses a variant the glossary rules out (系统卡, not "System Card";
token, not 词元; 可控性, not 可引导性), and the English pages keep to British spelling."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import make_glossary
from conftest import LANGS, ROOT, SLUGS, page_path

GLOSSARY = yaml.safe_load((ROOT / "docs" / "data" / "glossary.yml").read_text(encoding="utf-8"))


def site_texts(site: Path, lang: str) -> dict[str, str]:
    """What a reader of one language sees: each page's article with its tooltips, and the text of its figures."""
    texts = {}
    for slug in SLUGS:
        html = (site / page_path(lang, slug) / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
        tooltips = " ".join(a.get("title", "") for a in article.find_all("abbr"))
        texts[f"{lang}/{slug}"] = article.get_text(" ") + " " + tooltips
    for svg in sorted((site / "assets" / "figures").glob(f"*.{lang}.*.svg")):
        texts[svg.name] = BeautifulSoup(svg.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    return texts


def forbidden(lang: str) -> list[tuple[re.Pattern, str]]:
    """(pattern, message) pairs for one language, all read from the glossary."""
    rules = []
    for term in GLOSSARY["terms"]:
        for variant in term.get("avoid", {}).get(lang, []):
            rules.append((re.compile(re.escape(variant)), f"“{variant}” instead of {term['term'][lang]}"))
    if lang == "en":
        for british, american in GLOSSARY["english_spelling"]["pairs"]:
            unless = rf"(?!{british[len(american):]})" if british.startswith(american) else ""  # catalog(ue)
            rules.append((re.compile(rf"(?i)\b{american}{unless}"), f"American “{american}…”, this site writes “{british}…”"))
    return rules


def problems_in(texts: dict[str, str], lang: str) -> list[str]:
    found = []
    # Not checked: proper names (Alignment Research Center), short verbatim quotations ("incorrect behavior
    # rate"), and a Chinese term introducing its original once: 系统卡（System Card）.
    names = re.compile("|".join(map(re.escape, GLOSSARY["english_spelling"]["names"])) + r'|"[^"]{1,80}"'
                       + "".join(rf"|{re.escape(t['term']['zh'].split('（')[0])}\s*（[^）]*）" for t in GLOSSARY["terms"]))
    for where, text in texts.items():
        text = names.sub("NAME", text)
        for pattern, message in forbidden(lang):
            for match in pattern.finditer(text):
                found.append(f"{where}: {message}: …{text[max(0, match.start() - 30):match.end() + 30]}…")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_one_term_per_concept_and_one_spelling(built_site, lang):
    problems = problems_in(site_texts(built_site, lang), lang)
    assert not problems, "\n".join(problems)


def test_rules_catch_a_variant_and_spare_names_and_introductions():
    zh = {"x": "报告附有 System Card。系统卡（System Card）见附录。模型按词元读取。"}
    en = {"x": "The Alignment Research Center organized the work. Its behavior was analyzed."}
    assert len(problems_in(zh, "zh")) == 2
    assert sorted(p.split("“")[1] for p in problems_in(en, "en")) == ["analyz…”, this site writes ", "behavior…”, this site writes ",
                                                                      "organiz…”, this site writes "]


def test_tooltips_and_glossary_are_generated_from_the_glossary_data():
    assert make_glossary.generate(check=True) == [], "run python3 scripts/dev.py generate"


def test_a_broken_glossary_is_named_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "glossary.yml").write_text("terms:\n  - term: {zh: 词元\n", encoding="utf-8")
    monkeypatch.setattr(make_glossary, "DATA", tmp_path / "glossary.yml")
    with pytest.raises(SystemExit) as stop:
        make_glossary.generate(check=True)
    assert f"{tmp_path / 'glossary.yml'}: cannot read the glossary" in str(stop.value) and "line 3" in str(stop.value)
