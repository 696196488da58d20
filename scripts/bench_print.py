#!/usr/bin/env python3
"""Print benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench_print.py [--site DIR] [--keep DIR]

Prints /print/ and /en/print/ (the whole guide) to A4 PDF with Chromium, as a reader's "Save as PDF"
does (Playwright's page.pdf, the site's own @page rules), and prints per language the page count, the
pages less than a third full (other than a chapter's last) and how often a report URL is printed in full. --keep DIR keeps the PDFs
(look at them: `pdftoppm -r 50 -png DIR/zh.pdf DIR/zh`). tests/test_print.py checks the same PDFs.
Needs poppler-utils (pdftotext).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from guide_site import CHROMIUM_FLAGS, LANGS, find_chromium, given_or_built, page_path, serve

REPORT_URL = re.compile(r"arxiv\.org/pdf/2303\.08774")


def print_pdf(browser, url: str, path: Path) -> Path:
    """The page as Chromium prints it to A4 (light, as printing does)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    ctx.close()
    return path


def pdf_pages(path: Path) -> list[str]:
    """Each PDF page's text, laid out (pdftotext -layout)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]  # CJK fonts' Kangxi radicals -> ideographs


def chapter_titles(html: str) -> list[str]:
    """The title of every chapter of a print page (each starts on a new sheet)."""
    from bs4 import BeautifulSoup
    page = BeautifulSoup(html, "html.parser")
    for link in page.select("section.print-page h1 .headerlink"):
        link.decompose()
    return [h1.get_text(" ", strip=True) for h1 in page.select("section.print-page h1")]


def fullness(path: Path) -> list[float]:
    """How far down each PDF page its content reaches, as a share of the printable height
    (the lowest non-white pixel row at 20 dpi, between the 15 mm @page margins)."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(path), f"{tmp}/p"], check=True)
        shares = []
        for png in sorted(Path(tmp).glob("p-*.png"), key=lambda f: int(f.stem.split("-")[1])):
            image = Image.open(png).convert("L")
            margin = round(image.height * 15 / 297)
            box = image.point(lambda v: 255 if v < 200 else 0).getbbox()  # the ink on the page
            shares.append(((box[3] if box else margin) - margin) / (image.height - 2 * margin))
        return shares


def starts_chapter(text: str, chapters: list[str]) -> bool:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return any(first.startswith(title) for title in chapters)


def short_pages(path: Path, chapters: list[str]) -> list[int]:
    """1-based numbers of the pages less than a third full, except a chapter's last page (the next
    page starts with a chapter title) and the last page."""
    pages, shares = pdf_pages(path), fullness(path)
    return [i + 1 for i in range(len(pages) - 1) if shares[i] < 1 / 3 and not starts_chapter(pages[i + 1], chapters)]


def summary(path: Path, chapters: list[str]) -> dict:
    pages = pdf_pages(path)
    return {"pages": len(pages), "under_a_third": short_pages(path, chapters),
            "report_urls": sum(len(REPORT_URL.findall(p)) for p in pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        site, out = given_or_built(args.site, Path(tmp)), args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        server, base = serve(site)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
                print(f"{'PDF':16} {'A4 pages':>8}  {'report URLs in full':>19}  pages under a third full (not before a chapter)")
                for lang in LANGS:
                    path = page_path(lang, "index") + "print/"
                    chapters = chapter_titles((site / path / "index.html").read_text(encoding="utf-8"))
                    s = summary(print_pdf(browser, base + path, out / f"{lang}.pdf"), chapters)
                    print(f"/{path:15} {s['pages']:8}  {s['report_urls']:19}  {s['under_a_third']}")
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
