// Language switch keeps the reader's section: the current #anchor (navigation.tracking) is added.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
}, true);

// Copy buttons are not navigation: Material 9.8 wraps each in a <nav> (axe: landmark-unique).
new MutationObserver(function () {
  document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
    nav.setAttribute("role", "none");
  });
}).observe(document.body, { childList: true, subtree: true });
// Glossary tooltips on demand (Material would set up ~100 on load): before Material mounts, each
// <abbr> gets data-preview, which its tooltip setup skips, and Material's tooltip markup
// (md-tooltip2) only when pointed at, tapped or focused.
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
