/* Social Media Policy Kit: search lists pages in the reader's language only.
 *
 * mkdocs-static-i18n writes one search index for all languages, so Material's search would
 * show Dutch and English pages together. This hides the results of the other language.
 * A non-default language lives in a folder named after it (en/...), as the language menu shows.
 * Plain script, no dependencies, nothing loaded from anywhere.
 */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var list = document.querySelector(".md-search-result__list");
  if (!config || !list) return;
  var base = JSON.parse(config.textContent).base.replace(/\/?$/, "/"); // ".." or "/" (404 page)
  var root = new URL(base, location.href).href;

  function relative(href) {
    return href.indexOf(root) === 0 ? href.slice(root.length) : href;
  }

  var folders = [];
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    var code = link.getAttribute("hreflang");
    if (relative(link.href).indexOf(code + "/") === 0) folders.push(code);
  });
  if (!folders.length) return; // one language: nothing to hide

  function folderOf(href) {
    var path = relative(href);
    for (var i = 0; i < folders.length; i++) {
      if (path.indexOf(folders[i] + "/") === 0) return folders[i];
    }
    return ""; // the default language, at the root
  }

  var own = folders.indexOf(document.documentElement.lang) >= 0 ? document.documentElement.lang : "";

  function hideOtherLanguages() {
    list.querySelectorAll("li.md-search-result__item").forEach(function (item) {
      var link = item.querySelector("a.md-search-result__link");
      if (link) item.hidden = folderOf(link.href) !== own;
    });
  }

  new MutationObserver(hideOtherLanguages).observe(list, { childList: true, subtree: true });
})();
