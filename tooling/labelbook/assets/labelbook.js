/* labelbook: small additions to Material for MkDocs (no request leaves the site). */
(function () {
  "use strict";

  /* 1. The language selector. Its links already lead to this very page in the other
     language (labelbook writes them per page). Material would otherwise intercept the
     click and look the page up in the other language's sitemap.xml, which only works
     when site_url is set, and else sends the reader to that language's home page. */
  // Capture phase on the document: runs before Material's listeners on <body> (and
  // before instant navigation's), whichever page instant navigation swapped in.
  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest(".md-select__link[data-lb-lang]") : null;
    if (link) ev.stopPropagation();  // the browser still follows the link
  }, true);

  /* 2. Search on every change of the query. Material reads the search box on a key
     release only, so text that an input method (Bengali keyboards compose letters) or a
     paste puts there would not be searched until another key is pressed. A keyup of our
     own, on the box alone, makes Material read it now; it ignores a query it has seen. */
  function searchNow(ev) {
    var box = ev.target;
    if (box instanceof HTMLInputElement && box.matches(".md-search__input")) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false }));
    }
  }
  document.addEventListener("input", searchNow, true);
  document.addEventListener("compositionend", searchNow, true);

  /* 3. Numbers that Material's JavaScript writes (search result counts) in the page
     language's own digits, like the numbers labelbook writes into the pages. */
  var DIGITS = { bn: "০১২৩৪৫৬৭৮৯" };
  var digits = DIGITS[document.documentElement.lang];
  if (!digits || !window.MutationObserver) return;

  function localise(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      // Only Material's own messages; never the text of the guidelines themselves.
      if (!parent || !parent.closest(".md-search-result__meta, .md-search-result__more")) continue;
      if (/[0-9]/.test(node.data)) {
        node.data = node.data.replace(/[0-9]/g, function (d) { return digits.charAt(+d); });
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var results = document.querySelector(".md-search-result");
    if (!results) return;
    new MutationObserver(function () { localise(results); })
      .observe(results, { childList: true, subtree: true, characterData: true });
  });
})();
