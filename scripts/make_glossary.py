"""Write the tooltips and the /sources/ glossary of every language from docs/data/glossary.yml.

    python3 scripts/make_glossary.py          # write docs/.snippets/{abbreviations,glossary}.LANG.md
    python3 scripts/make_glossary.py --check  # exit 1 and name the stale files instead of writing
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jinja2
import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "data" / "glossary.yml"
OUT = ROOT / "docs" / ".snippets"
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def in_language(term: dict, lang: str) -> dict:
    """One glossary entry in one language; `abbr` may be one list for all languages or one per language."""
    abbr = term.get("abbr", [])
    return {"term": term["term"][lang], "definition": term["definition"][lang],
            "tooltip": term.get("tooltip", {}).get(lang), "abbr": abbr.get(lang, []) if isinstance(abbr, dict) else abbr}


def render(data: dict, lang: str) -> dict[Path, str]:
    terms = [in_language(term, lang) for term in data["terms"]]
    return {OUT / f"{name}.{lang}.md": TEMPLATES.get_template(f"{name}.md.jinja").render(terms=terms, intro=data["intro"][lang])
            for name in ("abbreviations", "glossary")}


def rendered() -> dict[Path, str]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    langs = [lang.locale for lang in load_config(str(ROOT / "mkdocs.yml")).plugins["i18n"].config.languages]
    return {path: text for lang in langs for path, text in render(data, lang).items()}


def stale(out: Path = OUT) -> list[str]:  # for scripts/generators.py (dev.py generate --check)
    return [path.name for path, text in rendered().items() if not path.is_file() or path.read_text(encoding="utf-8") != text]


def write(out: Path = OUT) -> list[str]:  # for scripts/generators.py (dev.py generate)
    files = rendered()
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return [path.name for path in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files instead of writing them")
    args = parser.parse_args(argv)
    try:
        files = rendered()
    except (yaml.YAMLError, KeyError, TypeError, jinja2.TemplateError) as exc:
        print(f"{DATA.relative_to(ROOT)}: cannot read the glossary: {exc!r}", file=sys.stderr)
        return 2
    stale = [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        if args.check:
            print(f"{path.relative_to(ROOT)} is out of date: run python3 scripts/make_glossary.py", file=sys.stderr)
        else:
            path.write_text(files[path], encoding="utf-8")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
