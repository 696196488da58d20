"""The data layer: reads docs/data and turns its values into words in a page's language.

The hooks in overrides/hooks/ (tables, figure HTML, words) and the generators in scripts/ import it.
Numbers come from the CSV files, words from figures.yml, tables.yml, labels.csv and words.yml
(format strings per language): the code has no `if lang == ...`.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "data"
TEMPLATES = ROOT / "scripts" / "templates"  # the generators' templates (a hook's are beside it)
PDF = "https://arxiv.org/pdf/2303.08774v6#page={}"
PRODUCT_PAGE = "https://openai.com/index/gpt-4/"
ORDINAL = r"(\d+(?:st|nd|rd|th))"
PERCENTILE = {  # Table 1's three ways of giving a percentile
    "approx": re.compile(rf"~{ORDINAL}"),
    "range": re.compile(rf"{ORDINAL} - {ORDINAL}"),
    "below": re.compile(rf"below {ORDINAL}"),
}
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML was built with it: 10x faster
SHORT = {"approx": "~{a}", "range": "{a}–{b}", "below": "<{a}"}  # the labels drawn beside a bar


def read_data(name: str, data_dir: Path = DATA):
    """A YAML file in docs/data, or the rows of a CSV file; parsed once per version of the file (do not modify it):
    every page of every language build reads the same data, and `mkdocs serve` sees an edited file at once."""
    path = Path(data_dir, name)
    return _parsed(path, path.stat().st_mtime_ns)


read_csv = read_yaml = read_data  # the names the hooks and generators call it by


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, version: int):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f)) if path.suffix == ".csv" else yaml.load(f, Loader=YAML_LOADER)


@dataclass(frozen=True)
class Words:
    """Every word around the data (words.yml: key -> {zh, en}, or one text for both) and the names (labels.csv)."""

    words: dict[str, str | dict]
    labels: dict[str, dict[str, str]]

    @classmethod
    def load(cls, data_dir: Path = DATA) -> "Words":
        return cls(read_yaml("words.yml", data_dir), {r["source"]: r for r in read_csv("labels.csv", data_dir)})

    def __call__(self, key: str, lang: str, *args, **kwargs):
        """A word or a filled-in format string: words("paren", "zh", "GPT-4") -> '（GPT-4）'."""
        entry = self.words.get(key)
        text = entry if isinstance(entry, str) else (entry or {}).get(lang)
        if text is None:
            raise PluginError(f"docs/data/words.yml: no {lang!r} word for {key!r}; add `{key}: {{zh: …, en: …}}`")
        return text.format(*args, **kwargs) if args or kwargs else text

    def name(self, text: str, lang: str) -> str:
        """A name or short phrase in the language; unknown text (proper nouns, numbers) stays as it is."""
        text = strip_refs(text)
        if text in self.labels:  # before the (MCQ) rule: 'LSAT (MCQ)' has a name of its own, not '…（LSAT）（选择题）'
            return self.labels[text][lang]
        if text.endswith(" (MCQ)"):
            return self.name(text[: -len(" (MCQ)")], lang) + self("mcq", lang)
        return self.percentile(text, lang) or text

    def short_name(self, source: str, lang: str) -> str:
        """The short form of a name for a figure (labels.csv `<lang>_short`, else the full name)."""
        row = self.labels.get(strip_refs(source))
        if row is None:
            raise KeyError(f"docs/data/labels.csv: no row for {source!r}")
        return row[f"{lang}_short"] or row[lang]

    def percentile(self, text: str, lang: str) -> str | None:
        """Table 1 percentile wording in the language, or None if the text is not a percentile."""
        found = parse_percentile(text)
        return self(f"percentile_{found[0]}", lang, **found[1]) if found else None

    def value(self, text: str, lang: str) -> str:
        """A printed value: '75 %' -> '75%', '298 / 400 (~90th)' -> '298 / 400（约第 90 百分位）' in Chinese."""
        text = re.sub(r"(\d) %", r"\1%", text.strip())
        if text in ("-", "-*"):
            return text.replace("-", "—")
        if m := re.fullmatch(r"(.*?)\s*\((.+)\)", text):
            return m[1] + self("paren", lang, self.name(m[2], lang))
        return self.name(text, lang)

    def source_label(self, src: dict, lang: str) -> str:
        """'§4，表 1，第 5 页' / '§4, Table 1, p. 5' from a {zh, en, page} source entry."""
        return self("page_ref", lang, label=src[lang], page=src["page"]) if "page" in src else src[lang]

    def source_parts(self, text: str, lang: str) -> list[tuple[str, str | None]]:
        """A CSV source cell ('Report §6 p.13; System Card §3.1 p.62') as (label, url) pairs."""
        out = []
        for part in (p.strip() for p in text.split(";")):
            if "openai.com" in part:
                out.append((self("product_page", lang), PRODUCT_PAGE))
            elif m := re.search(r"\s*p\.\s*(\d+)", part):
                label = part[: m.start()].strip()
                for term, word in self("source_terms", lang).items():
                    label = label.replace(term, word)
                out.append((self.source_label({lang: label, "page": m[1]}, lang), PDF.format(m[1])))
            else:
                out.append((part, None))
        return out


def strip_refs(text: str) -> str:
    """'MMLU [49]' -> 'MMLU' (the report's bibliography numbers mean nothing here)."""
    return re.sub(r"\s*\[\d+\]", "", text).strip()


def parse_percentile(text: str) -> tuple[str, dict[str, str]] | None:
    """'80th - 99th' -> ('range', {a: '80', b: '99', a_ord: '80th', b_ord: '99th'}); None if no percentile."""
    for kind, pattern in PERCENTILE.items():
        if m := pattern.fullmatch(text.strip()):
            ords = dict(zip(("a_ord", "b_ord"), m.groups()))
            return kind, {**ords, **{k[0]: v[:-2] for k, v in ords.items()}}
    return None


def percentile_bounds(text: str) -> tuple[int, str] | None:
    """Table 1 wording -> (lower bound drawn, short label); None for an empty cell. 'below' is drawn at 0."""
    if not text.strip():
        return None
    found = parse_percentile(text)
    if found is None:
        raise ValueError(f"docs/data/exams.csv: unknown percentile wording {text!r}")
    kind, parts = found
    return (0 if kind == "below" else int(parts["a"])), SHORT[kind].format(**parts)


def number(text: str) -> float:
    """The first number in a printed value: '1,234.5 %' -> 1234.5."""
    if not (found := numbers(text)):
        raise ValueError(f"no number in {text!r}")
    return found[0]


def benchmark_value(raw: str, benchmark: str) -> tuple[float, str]:
    """'92.0%*' -> (92.0, '92.0%*'); DROP is an F1 score, shown without a per cent sign."""
    value = number(raw)
    star = "*" if raw.strip().endswith("*") else ""
    unit = "" if benchmark.startswith("DROP") else "%"
    return value, f"{raw.replace('%', '').replace('*', '').strip()}{unit}{star}"


def numbers(text: str) -> list[float]:
    """Every number in a printed text, in order: '1,000× and 0.5%' -> [1000.0, 0.5]."""
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def tidy(text: str) -> str:
    """One line; YAML's folded line breaks become no space next to Chinese punctuation or between two Han characters."""
    text = " ".join(text.split())
    text = re.sub(r"\s+(?=[\u3000-\u303f\uff00-\uffef])|(?<=[\u3000-\u303f\uff00-\uffef])\s+", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)


# --- for the hooks ----------------------------------------------------------------

def template(where: str | Path, name: str, **options) -> jinja2.Template:
    """The Jinja template NAME in the folder `where`, or beside the file `where` (a hook passes __file__);
    undefined names in it are errors."""
    loader = jinja2.FileSystemLoader(where if Path(where).is_dir() else Path(where).parent)
    return jinja2.Environment(loader=loader, **{"undefined": jinja2.StrictUndefined, **options}).get_template(name)


def languages(config) -> list:
    """The languages mkdocs.yml's i18n plugin builds, the default first (each has .locale, .name, .default)."""
    built = [lang for lang in config.plugins["i18n"].config.languages if lang.build]
    return sorted(built, key=lambda lang: not lang.default)


def relocate(html: str, prefix: str, link):
    """Rendered content moved into another page (the parallel view, /print/): every id, and every attribute that
    names one, gets `prefix`; every URL of href, src and srcset goes through link(url). Returns the <body> node."""
    body = LexborHTMLParser(html).body
    for tag in body.css("*"):
        attrs = tag.attrs
        for attr in ("id", "for", "name", "aria-labelledby", "aria-describedby", "aria-controls"):
            if attrs.get(attr):
                attrs[attr] = " ".join(prefix + value for value in attrs[attr].split())
        for attr in ("href", "src"):
            if attrs.get(attr):
                attrs[attr] = link(attrs[attr])
        if attrs.get("srcset"):
            attrs["srcset"] = ", ".join(" ".join([link(item.split()[0])] + item.split()[1:])
                                        for item in attrs["srcset"].split(","))
    return body


def language_root(config, locale: str) -> str:
    """The language's folder below the site root: '' for the default language, 'en/' for English."""
    return next("" if lang.default else f"{lang.locale}/" for lang in languages(config) if lang.locale == locale)


def write(path: Path, text: str) -> None:
    """A file a hook adds to the site (UTF-8), its folder made first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Page:
    """One page in one language, from mkdocs.yml (`nav`, the i18n languages): the one page model of hooks,
    generators, benchmarks and tests."""

    lang: str  # 'en'
    slug: str  # 'capabilities'; 'index' for the home page
    url: str   # below the site root: 'en/capabilities/', '' for the default language's home page
    src: Path  # docs/en/capabilities.md

    @property
    def title(self) -> str:
        """The text of the page's '# Title { #id }' line, without its id."""
        for line in self.src.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"#\s+(.+?)(\s*\{[^}]*\})?\s*$", line):
                return match[1].strip()
        raise ValueError(f"{self.src}: no '# Title' line")


def site_pages(config) -> list[Page]:
    """Every page of `nav` in every language the i18n plugin builds (default language first), in nav order."""
    docs = Path(config.docs_dir)
    slugs = [path.removesuffix(".md") for path in config.nav]
    return [Page(lang.locale, slug, page_url(config, lang.locale, slug), docs / lang.locale / f"{slug}.md")
            for lang in languages(config) for slug in slugs]


def page_url(config, locale: str, slug: str, section: str = "") -> str:
    """A page's URL below the site root, e.g. 'en/capabilities/' (in section 'parallel/':
    'en/parallel/capabilities/')."""
    return language_root(config, locale) + section + ("" if slug == "index" else slug + "/")


# --- for the generators (scripts/generators.py) -------------------------------------

def sync(out: Path, sources: dict[str, str], check: bool, strays: str = "",
         fresh=lambda data, text: data == text.encode(), draw=str.encode) -> list[str]:
    """The generated files (name -> what it is made from) missing in out or not fresh(their bytes, source),
    then the files matching the glob `strays` that are not generated; unless check, draw(source) -> bytes
    rewrites the first and the others are deleted. Returns their names. Text files by default."""
    stale = [name for name, source in sources.items()
             if not (out / name).is_file() or not fresh((out / name).read_bytes(), source)]
    if strays:
        stale += sorted(path.name for path in out.glob(strays) if path.name not in sources)
    if not check:
        out.mkdir(parents=True, exist_ok=True)
        for name in stale:
            if name in sources:
                (out / name).write_bytes(draw(sources[name]))
            else:
                (out / name).unlink()
    return stale
