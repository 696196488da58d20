"""Figures and data tables can be linked, downloaded and embedded (overrides/hooks/markers.py with figure.html and data_table.html,
scripts/make_pngs.py): stable #fig-/#table- anchors in both languages, SVG/PNG/CSV downloads served
by the site itself, and embed snippets whose URLs are absolute, under site_url and resolve."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

import make_pngs
from conftest import ROOT, SITE_URL
from guide_site import PAGES

SITE_PAGES = [(page.lang, page.slug, page.url) for page in PAGES]  # from mkdocs.yml

FIGURES = list(yaml.safe_load((ROOT / "docs" / "data" / "figures.yml").read_text(encoding="utf-8")))
TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv"}


def parsed(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def figures_by_page(site: Path) -> dict[str, list[str]]:
    return {path: [f["data-figure"] for f in parsed(site, path).select("figure[data-figure]")]
            for _, _, path in SITE_PAGES}


def test_every_figure_is_on_a_page_in_both_languages_with_its_anchor(built_site):
    for lang in ("zh", "en"):
        found = {}
        for _, _, path in (p for p in SITE_PAGES if p[0] == lang):
            for figure in parsed(built_site, path).select("figure[data-figure]"):
                assert figure["id"] == "fig-" + figure["data-figure"]
                found[figure["data-figure"]] = path
        assert sorted(found) == sorted(FIGURES), f"{lang}: figures on pages {found}"


def get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url) as response:  # the Pages-like server; never the internet
        return response.status, response.headers["Content-Type"], response.read()


def test_every_download_link_answers_with_the_right_type(built_site, site_server):
    checked = set()
    for _, _, path in SITE_PAGES:
        page = parsed(built_site, path)
        blocks = page.select("figure[data-figure] + p.data-downloads, [data-table] > p.data-downloads")
        assert len(blocks) == len(page.select("figure[data-figure], [data-table]")), f"{path}: a figure or table lacks downloads"
        for block in blocks:
            links = block.select("a[download]")
            assert [Path(urlsplit(a["href"]).path).suffix for a in links] in ([".svg", ".png", ".csv"], [".csv"])
            for a in links:
                url = urljoin(site_server + path, a["href"])
                if url in checked:
                    continue
                status, kind, body = get(url)
                assert status == 200 and kind.startswith(TYPES[Path(url).suffix]) and body, f"{path}: {url} {kind}"
                checked.add(url)
    assert any(url.endswith(".light.png") for url in checked)


def test_embed_snippets_point_at_this_sites_own_files(built_site):
    for lang, _, path in SITE_PAGES:
        for details in parsed(built_site, path).select("details.figure-embed"):
            name = details.find_previous_sibling("figure")["data-figure"]
            snippet = " ".join(code.get_text() for code in details.select("pre code"))
            urls = re.findall(r"https?://[^\s\"<>]+?(?=[\s\"<>。，；]|\.(?:\s|$)|$)", snippet)
            assert f"{SITE_URL}assets/figures/{name}.{lang}.light.png" in urls
            assert f"{SITE_URL}{path}#fig-{name}" in urls, (path, urls)
            assert "CC BY 4.0" in snippet and "GPT-4 Technical Report" in snippet
            for url in urls:
                assert url.startswith(SITE_URL), f"{path}: {url} is not under site_url"
                target, _, anchor = url[len(SITE_URL):].partition("#")
                file = built_site / target / ("index.html" if target.endswith("/") or not target else "")
                assert file.is_file(), f"{path}: {url} is not in the built site"
                assert not anchor or f'id="{anchor}"' in file.read_text(encoding="utf-8"), url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_anchor_scrolls_to_its_figure(context, site_server, built_site, lang):
    page = context.new_page()
    for path, names in figures_by_page(built_site).items():
        for name in names if path.startswith("en/") == (lang == "en") else []:
            page.goto(f"{site_server}{path}#fig-{name}")
            page.wait_for_function(f"document.getElementById('fig-{name}').getBoundingClientRect().top < 200")
            top = page.evaluate(f"document.getElementById('fig-{name}').getBoundingClientRect().top")
            header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
            assert header <= top < 200, f"{path}#fig-{name} is at {top}px, the header ends at {header}px"


def test_embed_snippets_have_a_copy_button_once_opened(context, site_server):
    page = context.new_page()
    page.goto(site_server + "capabilities/", wait_until="load")
    buttons, blocks = page.locator(".figure-embed [data-clipboard-target]"), page.locator(".figure-embed pre")
    assert buttons.count() == 0  # content.lazy: nothing is set up inside a closed box
    for summary in page.locator(".figure-embed > summary").all():
        summary.click()
    for block in blocks.all():
        block.scroll_into_view_if_needed()
    buttons.nth(blocks.count() - 1).wait_for(state="attached")
    assert buttons.count() == blocks.count()


def test_pngs_are_committed_up_to_date_at_twice_the_svg_width():
    assert make_pngs.generate(check=True) == [], "run: python3 scripts/dev.py generate"
    for svg in sorted(make_pngs.OUT.glob("*.light.svg")):
        width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg.read_text(encoding="utf-8"))[1])
        assert Image.open(svg.with_suffix(".png")).width == round(2 * width), svg.name
