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
// Glossary and evidence tooltips on demand (Material would set up ~100 on load): before Material
// mounts, each <abbr> gets data-preview, which its tooltip setup skips, and Material's tooltip markup
// (md-tooltip2) only when pointed at, tapped or focused. A report citation (a.ev-cite) and its marker
// (a.ev-ref, overrides/hooks/evidence.py) show the quote of their Evidence entry; a tap on the marker
// shows it too instead of jumping to the list (it stays reachable: the marker is described by it).
(function () {
  var tip = null, touch = false;
  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    abbr.setAttribute("data-preview", "");
  });
  function hide() {
    if (!tip) return;
    var old = tip;
    tip = null;
    if (old.text !== null) {
      old.host.title = old.text;
      old.host.removeAttribute("aria-describedby");
    }
    old.classList.remove("md-tooltip2--active");
    setTimeout(function () { old.remove(); }, 250);
  }
  function evidence(host) {  // the quote, the site's translation if any, and the citation's page text
    var entry = document.getElementById(host.getAttribute("aria-describedby").replace(/-text$/, ""));
    return entry && Array.prototype.map.call(entry.querySelectorAll("blockquote, .ev-translation, .ev-page"),
      function (part) { return part.textContent.trim(); });
  }
  function show(host) {
    if (tip && tip.host === host) return;
    hide();
    var lines = host.matches("abbr") ? [host.title] : evidence(host);
    if (!lines) return;
    var rect = host.getBoundingClientRect(), inner = document.createElement("div");
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom" + (host.matches("abbr") ? "" : " ev-tooltip");
    tip.setAttribute("role", "tooltip");
    tip.id = "__tooltip2_glossary";
    inner.className = "md-tooltip2__inner md-typeset";
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      inner.append(p);
    });
    tip.host = host;
    tip.text = null;
    tip.append(inner);
    document.body.append(tip);
    if (host.matches("abbr")) {
      tip.text = host.title;
      host.removeAttribute("title");
      host.setAttribute("aria-describedby", tip.id);
    }
    var vars = {"host-x": rect.x + scrollX, "host-y": rect.y + scrollY, "x": rect.width / 2,
                "y": 8 + rect.height, "width": inner.offsetWidth, "tail": 0};
    for (var name in vars) tip.style.setProperty("--md-tooltip-" + name, vars[name] + "px");
    requestAnimationFrame(function () { if (tip) tip.classList.add("md-tooltip2--active"); });
  }
  function target(event) {
    return event.target instanceof Element &&
      event.target.closest(".md-content abbr[data-preview], .md-content a.ev-cite, .md-content a.ev-ref");
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) { var host = target(event); host ? show(host) : hide(); });
  });
  document.addEventListener("pointerdown", function (event) { touch = event.pointerType !== "mouse"; }, true);
  document.addEventListener("click", function (event) {
    var host = target(event);
    if (host && touch && host.matches("a.ev-ref")) {
      event.preventDefault();
      show(host);
    }
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();
