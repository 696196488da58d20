// Language switcher: keep the reader's section. mkdocs-static-i18n already
// links each language entry to the same page; we add the current #anchor
// (Material's navigation.tracking keeps it in sync with scrolling).
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
}, true);
