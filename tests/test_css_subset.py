"""The one stylesheet cut to what the site uses (overrides/hooks/css_subset.py) changes
nothing a reader sees.

Every page in both languages (plus a parallel page and the 404 page),
light and dark, phone and desktop, and the states scripts create (search dialog with
results, a glossary tooltip, the drawer open on a phone, the table of contents followed
while scrolling, the print layout): the computed style of every element and of its
::before/::after is read under the cut sheet, then the page is switched, without a reload,
to the sheets it was cut from (served at another URL of the site, as the CSP allows) and
read again. Any difference fails; a check below proves a dropped rule is seen.
Only the properties that can differ between the two sheets are read (can_differ() says why no other can).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

import pytest
import tinycss2

from guide_site import LANGS, SLUGS, page_path

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
ORIGINAL, BROKEN = "assets/stylesheets/__original__.css", "assets/stylesheets/__broken__.css"
PAGES = [*SLUGS, "parallel/capabilities"]  # /print/ is read printed, below

READ = """([key, names]) => {
  const styles = [];
  for (const el of document.querySelectorAll("html, body, body *")) {
    const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [...el.classList].map(c => "." + c).join("");
    for (const pseudo of ["", "::before", "::after"]) {
      const s = getComputedStyle(el, pseudo || null);
      const shown = !pseudo || !["none", "normal"].includes(s.content);  // else only its content counts
      styles.push([label + pseudo, shown ? names.map(n => s.getPropertyValue(n)) : [s.content]]);
    }
  }
  (window.__styles ||= {})[key] = {names, styles};
}"""
# The elements whose computed style differs, with up to 4 properties each.
COMPARE = """() => {
  const {names, styles: cut} = window.__styles.cut, full = window.__styles.full.styles;
  if (cut.length !== full.length) return [`${cut.length} elements under the cut sheet, ${full.length} under the original`];
  const content = values => values.length === 1 ? values[0] : values[names.indexOf("content")];
  return cut.flatMap(([label, mine], i) => {
    const theirs = full[i][1];
    const changed = mine.length !== theirs.length ? [`content: ${content(mine)} (original: ${content(theirs)})`]
      : names.flatMap((n, j) => mine[j] === theirs[j] ? [] : [`${n}: ${mine[j]} (original: ${theirs[j]})`]);
    return changed.length ? [`${label}: ${changed.slice(0, 4).join("; ")}`] : [];
  }).slice(0, 15);
}"""
# Switch stylesheets with no moment unstyled: add the new one, wait for it, remove the old one.
SWAP = """(href) => new Promise((resolve, reject) => {
  const old = document.querySelector("link[rel=stylesheet]"), link = old.cloneNode();
  link.onload = () => { old.remove(); requestAnimationFrame(() => requestAnimationFrame(resolve)); };
  link.onerror = () => reject(new Error("could not load " + href));
  setTimeout(() => reject(new Error("no load event for " + href)), 10000);
  link.href = href;
  old.after(link);
})"""
# Fonts load and transitions end, then hover catches up with the layout (two frames).
SETTLE = """() => document.fonts.ready.then(() => Promise.race([new Promise(resolve => setTimeout(resolve, 3000)),
  Promise.all(document.getAnimations().filter(a => a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))])
  .then(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))))"""


# Names and longhands as the browser knows them: what getComputedStyle lists, and what each declared name sets.
EXPAND = """(declared) => {
  const names = Array.from(getComputedStyle(document.documentElement)).filter(n => !n.startsWith("--"));
  const probe = document.createElement("div").style, longhands = {};
  for (const name of [...new Set([...declared, ...names])]) {
    probe.cssText = "";
    probe.setProperty(name, "inherit");
    longhands[name] = Array.from(probe);
  }
  return {names, longhands};
}"""
# What the layout decides: the properties whose computed value is the used one (CSSOM "resolved value").
LAYOUT = re.compile(r"width|height|size|margin|padding|inset|^(top|right|bottom|left)$|transform|origin|grid-template|line-height|perspective")
# A pseudo-element READ does not read, with the pseudo-classes that follow it
UNREAD = re.compile(r"(::(?!before(?![\w-])|after(?![\w-]))|(?<!:):first-(line|letter))[\w-]*(\([^)]*\))?(:[\w-]+(\([^)]*\))?)*")
# True if any of these selectors matches an element (or cannot be asked)
MATCHES = """(selectors) => selectors.some(s => { try { return document.querySelector(s) !== null; } catch (e) { return true; } })"""


class Read(NamedTuple):
    """The properties READ reads; those the layout decides too when one of `unread` matches an element."""
    names: list[str]
    layout: list[str]
    unread: list[str]

    def now(self, page) -> list[str]:
        return self.names + self.layout if self.unread and page.evaluate(MATCHES, self.unread) else self.names


class Rule(NamedTuple):
    """One declaration for one selector (context: the @media/@supports around it), or a whole other at-rule."""
    context: tuple
    selector: str | None
    name: str | None
    value: str
    important: bool = False


def flat(css: str) -> list[Rule]:
    out = []

    def walk(rules, context):
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [re.sub(r"\s+", " ", tinycss2.serialize(group)).strip()
                             for comma, group in groupby(rule.prelude, lambda t: t == ",") if not comma]
                for item in tinycss2.parse_blocks_contents(rule.content, True, True):
                    if item.type == "declaration":
                        value = tinycss2.serialize(item.value).strip()
                        out.extend(Rule(context, s, item.lower_name, value, item.important) for s in selectors)
                    elif item.type == "qualified-rule":  # nested: its own context
                        walk([item], context + (",".join(selectors),))
                    else:
                        out.append(Rule(context, ",".join(selectors), None, item.serialize()))
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
                prelude = re.sub(r"\s+", " ", tinycss2.serialize(rule.prelude)).strip()
                walk(tinycss2.parse_rule_list(rule.content, True, True), context + (f"@{rule.lower_at_keyword} {prelude}",))
            elif rule.type not in ("comment", "whitespace"):
                out.append(Rule(context, None, None, rule.serialize()))
    walk(tinycss2.parse_stylesheet(css, True, True), ())
    return out


def can_differ(page, site: Path, before: str, after: str) -> Read:
    """The computed properties that can differ between a page under `before` and under `after`: READ reads only these.

    The cascade gives a longhand the same value on every element under both sheets if the declarations that set it
    (its own name, its shorthands, `all`), each with its selector and @media/@supports, come in the same order in both,
    and so are the custom properties its values read. So READ reads the longhands set differently and the custom
    properties set differently that a declaration in both sheets reads with var() (or an at-rule, a page or a script
    does; one only the other sheet reads is seen through what that sheet's own declarations set). If these are equal
    on every element and its ::before/::after, nothing else differs: every other property's cascaded value is the
    same, and its computed value depends only on the parent's and the element's own computed values, which are
    equal, and on the layout, which then is equal too, unless what changed is on a box READ does not read
    (::marker, ::-webkit-scrollbar ...): then, on a page where an element matches what comes before that
    pseudo-element (Read.now asks the page as it is), every property the layout decides is read as well.
    If anything else differs (another at-rule), READ reads every property."""
    a, b = flat(before), flat(after)
    found = page.evaluate(EXPAND, sorted({r.name for r in a + b if r.name}))
    names, longhands = found["names"], found["longhands"]
    if [r for r in a if not r.name] != [r for r in b if not r.name]:
        return Read(names, [], [])
    sets = [defaultdict(list), defaultdict(list)]
    for rules, by in zip((a, b), sets):
        for rule in rules:
            for longhand in longhands.get(rule.name, ()):
                by[longhand].append(rule)
    changed = {n for n in set(sets[0]) | set(sets[1]) if sets[0][n] != sets[1][n]}
    culprits = set((Counter(a) - Counter(b)) + (Counter(b) - Counter(a)))  # declarations in one sheet only
    # What matches the elements whose unread boxes a declaration in one sheet only styles ("*": any page)
    unread = {re.sub(r"(^|[\s>+~])$", r"\1*", UNREAD.sub("", r.selector or "*").strip()) for r in culprits
              if UNREAD.search(r.selector or "") or not r.name}
    if not {n for r in culprits if r.name for n in longhands[r.name]} >= changed:  # only an order changed
        unread.add("*")
    if any(not n.startswith("--") and not any(n in longhands[m] for m in names) for n in changed):
        unread.add("*")  # a property getComputedStyle does not list
    texts = [r.value for r in a + b if r not in culprits]  # what both sheets read, other at-rules too
    texts += (p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".js"))
    customs = changed & {n for text in texts for n in re.findall(r"var\(\s*(--[\w-]+)", text)}
    read = [n for n in names if set(longhands[n]) & changed or n == "content"] + sorted(customs)
    return Read(read, [n for n in names if LAYOUT.search(n) and n not in read], sorted(unread))


def cut_sheet(site):
    sheets = sorted(site.glob("assets/stylesheets/site.*.min.css"))
    assert len(sheets) == 1, f"expected one cut stylesheet, found {sheets}"
    return sheets[0]


def original_css(site) -> str:
    names = re.search(r"/\* cut from (.*) \*/\n\Z", cut_sheet(site).read_text(encoding="utf-8"))[1].split()
    return "\n".join((site / name).read_text(encoding="utf-8") for name in names)


def test_every_page_links_only_the_cut_sheet_named_by_its_hash(built_site):
    sheet = cut_sheet(built_site)
    assert sheet.name == f"site.{hashlib.sha256(sheet.read_bytes()).hexdigest()[:8]}.min.css"
    styled = 0
    for page in built_site.rglob("*.html"):
        links = re.findall(r'<link\b[^>]*\brel="stylesheet"[^>]*>', page.read_text(encoding="utf-8"))
        assert len(links) <= 1 and all(f'/{sheet.name}"' in link for link in links), f"{page}: {links}"
        styled += len(links)
    assert styled >= 2 * len(SLUGS) + 2, "every page, the 404 pages"
    assert len(sheet.read_bytes()) < 0.7 * len(original_css(built_site).encode())


@pytest.fixture(scope="module")
def read(browser, built_site):
    """The properties READ reads, against the original and against the broken cut."""
    page, cut = browser.new_page(), cut_sheet(built_site).read_text(encoding="utf-8")
    names = {ORIGINAL: can_differ(page, built_site, cut, original_css(built_site)),
             BROKEN: can_differ(page, built_site, cut, without(cut, ".md-search-result"))}
    page.close()
    for other, what in names.items():
        print(f"\nagainst {other}: {len(what.names)} properties, {len(what.layout)} more where {what.unread} match")
    return names


@pytest.fixture()
def styled_context(browser, built_site, site_server):
    """A context that can also serve the original sheets (and a broken cut) from the site's origin."""
    css = {ORIGINAL: original_css(built_site),
           BROKEN: without(cut_sheet(built_site).read_text(encoding="utf-8"), ".md-search-result")}
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**options))
        contexts[-1].route(site_server + "assets/stylesheets/__*__.css", lambda route: route.fulfill(
            body=css[route.request.url[len(site_server):]], content_type="text/css"))
        return contexts[-1]
    yield make
    for ctx in contexts:
        ctx.close()


def without(css: str, name: str) -> str:
    """The stylesheet with every rule that mentions `name` dropped, at any depth."""
    def keep(rules):
        out = []
        for rule in rules:
            if rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                inner = tinycss2.parse_rule_list(rule.content)
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{keep(inner)}}}")
            elif name not in tinycss2.serialize(getattr(rule, "prelude", None) or []):
                out.append(rule.serialize())
        return "".join(out)
    return keep(tinycss2.parse_stylesheet(css))


def differences(page, site_server, read, where: str, other: str = ORIGINAL) -> list[str]:
    """What changes when the page's cut sheet is replaced by `other`. A change must show twice:
    hover and scripts settle on their own time."""
    found, rounds, names = None, 0, []
    while rounds < 2:
        rounds += 1
        page.evaluate(SETTLE)
        names = max(names, read[other].now(page), key=len)
        page.evaluate(READ, ["cut", names])
        sheet = page.locator("link[rel=stylesheet]").get_attribute("href")
        page.evaluate(SWAP, site_server + other)
        page.evaluate(SETTLE)
        page.evaluate(READ, ["full", names])
        wider = read[other].now(page)
        page.evaluate(SWAP, sheet)
        if len(wider) > len(names):  # an element whose unread box can differ came meanwhile: again, reading more
            rounds -= 1
            continue
        now = page.evaluate(COMPARE)
        found = now if found is None else [line for line in found if line in now]
        if not found:
            break
    return [f"{where}: {line}" for line in found]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_looks_the_same_light_and_dark_on_a_phone_and_a_desktop(styled_context, site_server, read, lang):
    report = []
    for scheme in ("light", "dark"):
        page = styled_context(color_scheme=scheme, viewport=PHONE).new_page()
        for slug in PAGES:
            page.set_viewport_size(PHONE)
            # "load", not "networkidle": what still arrives shows in one round only (differences() reads twice)
            page.goto(site_server + page_path(lang, slug), wait_until="load")
            for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                page.set_viewport_size(viewport)
                report += differences(page, site_server, read, f"{lang}/{slug} {scheme} {label}")
        page.goto(site_server + ("en/" if lang == "en" else "") + "no-such-page/", wait_until="load")
        report += differences(page, site_server, read, f"{lang} 404 {scheme}")
    assert not report, "\n".join(report)


def search(page, query: str) -> None:
    page.keyboard.press("/")  # Material's search shortcut opens the dialog, on a phone too
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


@pytest.mark.material_range
@pytest.mark.parametrize("lang", LANGS)
def test_states_scripts_create_look_the_same(styled_context, site_server, read, lang):
    page = styled_context(viewport=DESKTOP).new_page()
    url = site_server + page_path(lang, "capabilities")
    page.goto(url, wait_until="networkidle")
    page.mouse.wheel(0, 4000)  # the table of contents follows; then back up a little: "back to top" shows
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    report = differences(page, site_server, read, f"{lang} scrolled, toc followed")
    abbr = page.locator(".md-content abbr").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    page.locator(".md-tooltip2--active").wait_for()
    report += differences(page, site_server, read, f"{lang} glossary tooltip")
    search(page, "GPT-4")
    report += differences(page, site_server, read, f"{lang} search results, desktop")
    page.set_viewport_size(PHONE)
    page.goto(url, wait_until="networkidle")
    page.locator("label[for=__drawer]:visible").first.click()
    report += differences(page, site_server, read, f"{lang} drawer open, phone")
    page.goto(url, wait_until="networkidle")
    search(page, "GPT-4")
    report += differences(page, site_server, read, f"{lang} search results, phone")
    page.emulate_media(media="print")
    page.goto(site_server + page_path(lang, "print"), wait_until="networkidle")
    report += differences(page, site_server, read, f"{lang} print page, printed")
    assert not report, "\n".join(report)


def test_a_dropped_rule_is_seen(styled_context, site_server, read):
    """The comparison works: the cut sheet without its search-result rules differs once results show."""
    page = styled_context(viewport=DESKTOP).new_page()
    page.goto(site_server + "en/", wait_until="networkidle")
    search(page, "GPT-4")
    assert any("md-search-result" in line for line in differences(page, site_server, read, "broken", other=BROKEN))
