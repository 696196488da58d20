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
