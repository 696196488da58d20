// Language switcher: keep the reader's section. mkdocs-static-i18n already
// links each language entry to the same page; we add the current #anchor
// (Material's navigation.tracking keeps it in sync with scrolling).
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
}, true);

// Issue 12: the copy buttons of "Cite this page" and "Embed or cite". Material 9.8 puts each
// one in a <nav>; a page of unnamed navigation landmarks is noise for screen readers
// (axe: landmark-unique), and a copy button is not navigation.
new MutationObserver(function () {
  document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
    nav.setAttribute("role", "none");
  });
}).observe(document.body, { childList: true, subtree: true });
// Glossary tooltips on demand. With content.tooltips Material sets up a tooltip
// for every <abbr> on load (about 100 on /capabilities/, ~220 ms of blocking time
// on a phone). This file runs before Material mounts (DOMContentLoaded): the
// glossary <abbr>s get `data-preview`, which Material's tooltip setup skips, and
// each gets Material's own tooltip markup (md-tooltip2, styled by its CSS) only
// when the reader points at, taps or focuses it. Material has no call to mount
// one tooltip later, hence these lines.
(function () {
  var tip = null;
  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    abbr.setAttribute("data-preview", "");
  });
  function hide() {
    if (!tip) return;
    var old = tip;
    tip = null;
    old.host.title = old.text;
    old.host.removeAttribute("aria-describedby");
    old.classList.remove("md-tooltip2--active");
    setTimeout(function () { old.remove(); }, 250);
  }
  function show(abbr) {
    if (tip && tip.host === abbr) return;
    hide();
    var rect = abbr.getBoundingClientRect(), inner = document.createElement("div");
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom";
    tip.setAttribute("role", "tooltip");
    tip.id = "__tooltip2_glossary";
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = tip.text = abbr.title;
    tip.host = abbr;
    tip.append(inner);
    document.body.append(tip);
    abbr.removeAttribute("title");
    abbr.setAttribute("aria-describedby", tip.id);
    var vars = {"host-x": rect.x + scrollX, "host-y": rect.y + scrollY, "x": rect.width / 2,
                "y": 8 + rect.height, "width": inner.offsetWidth, "tail": 0};
    for (var name in vars) tip.style.setProperty("--md-tooltip-" + name, vars[name] + "px");
    requestAnimationFrame(function () { if (tip) tip.classList.add("md-tooltip2--active"); });
  }
  function glossary(event) {
    return event.target instanceof Element && event.target.closest(".md-content abbr[data-preview]");
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) { var abbr = glossary(event); abbr ? show(abbr) : hide(); });
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();
