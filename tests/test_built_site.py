"""What a reader gets, checked on the built site: figures with the alt text their data gives and
a dark twin, data tables with every row of their data file, and nothing loaded from another host.

Data is read with plain yaml/csv from docs/data, so these tests do not depend on how the build
code is organised."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from guide_site import LANGS, ROOT, SITE_URL, SLUGS, page_path
from test_content import article

DATA = ROOT / "docs" / "data"
FIGURE = re.compile(r"assets/figures/([\w-]+)\.(\w+)\.(light|dark)\.svg$")
TABLE_MARKER = re.compile(r"<!--\s*table:\s*([\w-]+)\s*-->")
DIGITS = re.compile(r"\d+(?:\.\d+)?")


def read_yaml(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def site_file(site: Path, lang: str, slug: str, ref: str) -> Path:
    """The built file a page's relative reference points at."""
    url = urljoin(SITE_URL + page_path(lang, slug), ref)
    assert url.startswith(SITE_URL), f"{lang}/{slug}: {ref} leaves the site"
    return site / urlsplit(url[len(SITE_URL):]).path


def figure_images(site: Path, lang: str, slug: str):
    """(name, theme, fragment, img, file) for every first-party figure image on a page."""
    for img in article(site, lang, slug).find_all("img"):
        path, _, fragment = img.get("src", "").partition("#")
        if match := FIGURE.search(path):
            name, img_lang, theme = match.groups()
            assert img_lang == lang, f"{lang}/{slug}: figure {path} is in another language"
            yield name, theme, fragment, img, site_file(site, lang, slug, path)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_colour_luminance(svg: str) -> float:
    """Relative luminance (0 black .. 1 white) of the colour most text in an SVG is drawn in."""
    fills = Counter(re.findall(r'<text\b[^>]*\bfill="#([0-9a-fA-F]{6})"', svg))
    assert fills, "no coloured text in the SVG"
    colour = fills.most_common(1)[0][0]
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_the_alt_text_of_its_data(built_site, lang):
    words = read_yaml("figures.yml")
    seen, wrong = set(), []
    for slug in SLUGS:
        for name, theme, _, img, _ in figure_images(built_site, lang, slug):
            seen.add(name)
            alt = img.get("alt") or ""
            if name not in words:
                wrong.append(f"{lang}/{slug}: figure {name} is not described in docs/data/figures.yml")
            elif not alt.strip():
                wrong.append(f"{lang}/{slug}: {name} ({theme}) has no alt text")
            elif squeeze(alt) != squeeze(words[name]["alt"][lang]):
                wrong.append(f"{lang}/{slug}: {name} ({theme}) alt is not its figures.yml alt: {alt[:80]!r}")
    assert not wrong, "\n".join(wrong)
    assert seen, f"{lang}: no first-party figure on any page"


@pytest.mark.parametrize("lang", LANGS)
def test_every_light_figure_has_a_dark_twin_that_differs(built_site, lang):
    problems, count = [], 0
    for slug in SLUGS:
        shown = {}
        for name, theme, fragment, _, path in figure_images(built_site, lang, slug):
            where = f"{lang}/{slug}: {name} ({theme})"
            if fragment != f"only-{theme}":
                problems.append(f"{where} is shown as #{fragment}")
            if not path.is_file():
                problems.append(f"{where}: {path.relative_to(built_site)} is not in the site")
                continue
            svg = path.read_text(encoding="utf-8")
            if (theme == "light") != (text_colour_luminance(svg) < 0.5):
                problems.append(f"{where}: {path.name} is not drawn for a {theme} background")
            shown.setdefault(name, {})[theme] = svg
        for name, themes in shown.items():
            count += 1
            if set(themes) != {"light", "dark"}:
                problems.append(f"{lang}/{slug}: {name} has only {sorted(themes)}")
            elif themes["light"] == themes["dark"]:
                problems.append(f"{lang}/{slug}: {name}'s light and dark SVGs are the same")
    assert not problems, "\n".join(problems)
    assert count, f"{lang}: no figures found"


def cell_numbers(text: str) -> Counter:
    return Counter(DIGITS.findall(text.replace(",", "")))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_data_table_has_the_rows_of_its_data_file(built_site, lang, slug):
    """Each `<!-- table: NAME -->` on the page becomes a table with one row per row of its CSV,
    in order, and every value cell shows the numbers of its CSV fields."""
    specs = read_yaml("tables.yml")
    markers = TABLE_MARKER.findall((ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8"))
    tables = article(built_site, lang, slug).find_all("table")
    for name in markers:
        spec = specs[name]
        headers = [squeeze(c["header"][lang]) for c in spec["columns"]]
        found = [t for t in tables if [squeeze(th.get_text()) for th in t.select("thead th")] == headers]
        assert len(found) == markers.count(name), f"{lang}/{slug}: table {name} ({headers}) is not on the page"
        wanted = spec.get("rows", {})  # tables.yml may keep only some rows of the CSV
        rows = [(number, row) for number, row in enumerate(read_csv(spec["csv"]), 2)
                if all(row[field].strip() in values for field, values in wanted.items())]
        for table in found:
            for marker in table.select(".ev-mark"):  # the evidence layer's citation numbers are not data
                marker.decompose()
            body = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
            assert len(body) == len(rows), f"{lang}/{slug}: table {name} has {len(body)} rows, {spec['csv']} {len(rows)}"
            for (number, row), cells in zip(rows, body):
                for column, cell in zip(spec["columns"], cells):
                    if column.get("kind") == "name":  # translated words: the name may differ
                        continue
                    expected = row[column["field"]] + " " + row.get(column.get("extra", ""), "")
                    expected = re.sub(r"\[\d+\]|[^;]*openai\.com[^;]*", "", expected)  # reference numbers; the product page
                    assert cell_numbers(cell) == cell_numbers(expected), \
                        f"{lang}/{slug}: table {name}, docs/data/{spec['csv']}:{number}: shows {cell!r}, data {expected!r}"


# --- nothing is loaded from another host ------------------------------------------------------

LOADING_ATTRIBUTES = {  # tag: attributes whose URL the browser fetches by itself
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "frame": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "link": ("href", "imagesrcset"),
    "html": ("manifest",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.I)


def css_urls(css: str) -> list[str]:
    return [next(filter(None, m.groups()), "") for m in CSS_URL.finditer(css)]


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def loaded_urls(html: str) -> list[str]:
    """Every URL a browser loads from this HTML without a click: tag attributes, srcset,
    meta refresh, the manifest, <style> blocks and style="" attributes (url() and @import)."""
    page = BeautifulSoup(html, "html.parser")
    urls = []
    for tag in page.find_all(True):
        for attribute in LOADING_ATTRIBUTES.get(tag.name, ()):
            if value := tag.get(attribute):
                urls += srcset_urls(value) if attribute.endswith("srcset") else [value]
        if tag.get("style"):
            urls += css_urls(tag["style"])
        if tag.name == "style":
            urls += css_urls(tag.get_text())
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            urls += REFRESH_URL.findall(tag.get("content", ""))
    return urls


def third_party(url: str) -> bool:
    url = url.strip()
    if url.lower().startswith("data:") or url.startswith(SITE_URL):
        return False
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def test_no_url_from_another_host_is_loaded(built_site):
    """Every file of the built site: HTML (tags, srcset, meta refresh, manifest, inline CSS),
    CSS and SVG (url(), @import). Links the reader clicks (<a href>) are not loads."""
    offenders, checked = [], 0
    for path in sorted(built_site.rglob("*")):
        if path.suffix not in (".html", ".css", ".svg"):
            continue
        text = path.read_text(encoding="utf-8")
        urls = css_urls(text) if path.suffix == ".css" else loaded_urls(text)
        if path.suffix == ".svg":
            urls += css_urls(text)
        checked += len(urls)
        offenders += [f"{path.relative_to(built_site)}: {url}" for url in urls if third_party(url)]
    assert not offenders, "loaded from another host:\n" + "\n".join(offenders)
    assert checked > 100, f"only {checked} URLs found in the built site: is the scan reading it?"


@pytest.mark.parametrize("html", [
    '<style>@import url("https://fonts.googleapis.com/css?family=Inter");</style>',
    "<style>@import 'https://cdn.example/x.css';</style>",
    '<p style="background: url(//cdn.example/bg.png)">x</p>',
    '<link rel="preconnect" href="https://fonts.gstatic.com">',
    '<img srcset="a.png 1x, https://cdn.example/b.png 2x" src="a.png" alt="a">',
    '<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">',
    '<html manifest="https://cdn.example/app.appcache"></html>',
    '<video poster="https://cdn.example/p.jpg"><source src="https://cdn.example/v.mp4"></video>',
    '<object data="https://cdn.example/x.svg"></object>', '<embed src="https://cdn.example/x.swf">',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>', '<script src="https://cdn.example/x.js"></script>',
])
def test_the_scan_sees_every_way_to_load_a_url(html):
    assert [u for u in loaded_urls(html) if third_party(u)], html


def test_the_scan_accepts_same_origin_and_ignores_clicked_links():
    html = (f'<link rel="canonical" href="{SITE_URL}en/"><img src="../assets/a.svg#only-light" alt="a">'
            '<a href="https://arxiv.org/pdf/2303.08774v6#page=5">p. 5</a>'
            '<p style="background: url(\'data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22/>\')">x</p>')
    assert [u for u in loaded_urls(html) if third_party(u)] == []
