"""The tooltips and the /sources/ glossary of every language, docs/.snippets/{abbreviations,glossary}.LANG.md,
from docs/data/glossary.yml (a generator of scripts/generators.py: `python3 scripts/dev.py generate [--check]`)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2
import yaml

from guide_data import TEMPLATES, sync, template
from guide_site import LANGS, ROOT

DATA = ROOT / "docs" / "data" / "glossary.yml"
OUT = ROOT / "docs" / ".snippets"
# [text][quote-id] or [text](url): a tooltip is an HTML title, so a citation or link in it keeps only its words
LINK = re.compile(r"\[([^\]]+)\](?:\[[^\]]*\]|\([^)]*\))")


def render(data: dict, lang: str) -> dict[str, str]:
    terms = [{k: v[lang] if isinstance(v, dict) and lang in v else v for k, v in term.items()}
             for term in data["terms"]]
    terms = [{**term, "tooltip": LINK.sub(r"\1", term["tooltip"])} if "tooltip" in term else term for term in terms]
    return {f"{name}.{lang}.md": template(TEMPLATES, f"{name}.md.jinja", keep_trailing_newline=True).render(
        terms=terms, intro=data["intro"][lang]) for name in ("abbreviations", "glossary")}


def generate(out: Path = OUT, check: bool = False) -> list[str]:  # for scripts/generators.py
    try:
        data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
        files = {name: text for lang in LANGS for name, text in render(data, lang).items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, jinja2.TemplateError) as exc:
        sys.exit(f"{DATA}: cannot read the glossary: {exc}")
    return sync(out, files, check)
