/* Social Media Policy Kit: search that finds what staff type, in the reader's language.
 *
 * Material for MkDocs searches in a web worker (lunr.js) that receives the search index once
 * (message SETUP) and then each query (QUERY). This script stands between the page and that
 * worker; it changes what is sent, never the worker itself:
 *
 * 1. SETUP: only the pages of the reader's language go to the worker, so ranking and paging see
 *    that language alone (mkdocs-static-i18n writes one index for all languages). The worker
 *    indexes with that language's stemmer (lunr's Dutch or English Snowball stemmer): vraag and
 *    vragen, whistleblower and whistleblowing meet in one stem.
 * 2. QUERY: each word is looked up in the words of the reader's pages. An unknown word is
 *    corrected when a known word is one letter away (a typo; in Dutch also y for ij); the word
 *    still being typed (the last one) also finds the words it begins (pers → persvragen).
 *    Words the reader typed outweigh corrections, which outweigh completions.
 * 3. RESULT: the words the reader typed are the ones highlighted on the page opened, and the
 *    suggestion (search.suggest) is the most frequent word the last typed word begins.
 *
 * A query with search syntax of its own (quotes, + - * ~ ^ :) goes to the worker unchanged.
 * Without this script the search still works, with Material's defaults.
 * Plain script, no dependencies, nothing loaded from anywhere. overrides/main.html loads it
 * before Material's bundle, which starts the search worker as it loads.
 */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;                      // Material's search messages
  var TYPED = 20, CORRECTED = 8, COMPLETED = 1;              // boosts of the query words
  var MAX_COMPLETIONS = 12, MIN_COMPLETE = 3, MIN_CORRECT = 4;
  var STEMMED = { nl: true, en: true };                      // lunr languages Material ships
  var SYNTAX = /["+*~^:]|(^|\s)-/;

  var config = document.getElementById("__config");
  var Native = window.Worker;
  if (!config || !Native) return;
  var settings = JSON.parse(config.textContent);
  var root = new URL(settings.base.replace(/\/?$/, "/"), location.href).href;

  function relative(href) {
    return href.indexOf(root) === 0 ? href.slice(root.length) : href;
  }

  // The languages that live in a folder of their own (en/...), as the language menu shows.
  var folders = [];
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    var code = link.getAttribute("hreflang");
    if (relative(link.href).indexOf(code + "/") === 0) folders.push(code);
  });
  var lang = document.documentElement.lang || "";
  var own = folders.indexOf(lang) >= 0 ? lang : "";        // "": the default language, at the root
  var code = own || lang;                                    // the reader's language

  function folderOf(location) {
    for (var i = 0; i < folders.length; i++) {
      if (location.indexOf(folders[i] + "/") === 0) return folders[i];
    }
    return "";
  }

  // --- the words of the reader's pages -------------------------------------------------------
  var vocabulary = new Map();                                // word -> how often it occurs
  var sorted = [];                                           // the words, alphabetically
  var separator = /[\s\-]+/;
  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var LUNR_SYNTAX = /[*~^+:]/;

  function words(text) {
    var found = [];
    String(text || "").replace(/<[^>]*>/g, " ").split(separator).forEach(function (part) {
      var word = part.replace(EDGE, "").toLowerCase();
      if (word && !LUNR_SYNTAX.test(word)) found.push(word);
    });
    return found;
  }

  function learn(docs) {
    docs.forEach(function (doc) {
      [doc.title, doc.text, doc.words].forEach(function (field) {
        words(field).forEach(function (word) {
          vocabulary.set(word, (vocabulary.get(word) || 0) + 1);
        });
      });
    });
    sorted = Array.from(vocabulary.keys()).sort();
  }

  function completions(prefix) {
    var found = [];
    var low = 0, high = sorted.length;
    while (low < high) {                                     // first word >= prefix
      var mid = (low + high) >> 1;
      if (sorted[mid] < prefix) low = mid + 1; else high = mid;
    }
    for (var i = low; i < sorted.length && sorted[i].indexOf(prefix) === 0; i++) {
      if (sorted[i] !== prefix) found.push(sorted[i]);
    }
    return mostFrequent(found, MAX_COMPLETIONS);
  }

  function mostFrequent(list, count) {
    return list.sort(function (a, b) {
      return vocabulary.get(b) - vocabulary.get(a) || (a < b ? -1 : 1);
    }).slice(0, count);
  }

  // One letter added, left out, changed, or two neighbours swapped; in Dutch also y for ij.
  function oneLetterApart(typed, known) {
    if (code === "nl" && typed.replace(/y/g, "ij") === known) return true;
    var m = typed.length, n = known.length;
    if (Math.abs(m - n) > 1 || typed === known) return false;
    var i = 0;
    while (i < m && i < n && typed[i] === known[i]) i++;
    if (m === n) {
      if (typed.slice(i + 1) === known.slice(i + 1)) return true;                  // changed
      return typed[i] === known[i + 1] && typed[i + 1] === known[i] &&
        typed.slice(i + 2) === known.slice(i + 2);                                  // swapped
    }
    return m > n ? typed.slice(i + 1) === known.slice(i) : typed.slice(i) === known.slice(i + 1);
  }

  function corrections(word) {
    var found = [];
    vocabulary.forEach(function (_count, known) {
      if (oneLetterApart(word, known)) found.push(known);
    });
    return mostFrequent(found, 3);
  }

  // --- the query sent to the worker ------------------------------------------------------------
  var expansions = new Map();                                // typed word -> words sent for it
  var suggestion = null;                                     // completion of the last word

  function expand(query) {
    if (SYNTAX.test(query) || !vocabulary.size) return query;
    var typed = words(query);
    var terms = [];
    expansions = new Map();
    suggestion = null;
    typed.forEach(function (word, index) {
      var sent = [[word, TYPED]];
      var last = index === typed.length - 1 && !/\s$/.test(query);
      var begun = last && word.length >= MIN_COMPLETE ? completions(word) : [];
      if (!vocabulary.has(word) && !begun.length && word.length >= MIN_CORRECT) {
        corrections(word).forEach(function (known) { sent.push([known, CORRECTED]); });
      }
      begun.forEach(function (known) { sent.push([known, COMPLETED]); });
      if (last && begun.length) suggestion = begun[0];
      expansions.set(word, sent.map(function (pair) { return pair[0]; }));
      sent.forEach(function (pair) { terms.push(pair[0] + "^" + pair[1]); });
    });
    return terms.join(" ");
  }

  function setup(data) {
    var docs = folders.length ? data.docs.filter(function (doc) {
      return folderOf(doc.location) === own;
    }) : data.docs;
    learn(docs);
    var searchConfig = Object.assign({}, data.config);
    if (STEMMED[code]) {
      searchConfig.lang = [code];
      searchConfig.pipeline = ["stemmer", "stopWordFilter"];  // the separator trims words
    }
    return Object.assign({}, data, { config: searchConfig, docs: docs });
  }

  // Material marks a typed word as found when an indexed word begins with it; with stems and
  // corrections that test misses, so a result keeps the typed words it was found for.
  function typedTerms(terms) {
    var kept = {};
    expansions.forEach(function (sent, word) {
      if (sent.some(function (term) { return terms[term]; })) kept[word] = true;
    });
    return kept;
  }

  function translateResult(data) {
    if (!expansions.size || !data || !data.items) return data;
    var items = data.items.map(function (group) {
      return group.map(function (item) {
        return Object.assign({}, item, { terms: typedTerms(item.terms || {}) });
      });
    });
    var translated = Object.assign({}, data, { items: items });
    if ("suggest" in data) translated.suggest = suggestion ? [suggestion] : [];
    return translated;
  }

  function SearchWorker(url, options) {
    var worker = new Native(url, options);
    var post = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      if (message && message.type === SETUP && message.data && message.data.docs) {
        separator = new RegExp(message.data.config.separator || "[\\s\\-]+");
        message = { type: SETUP, data: setup(message.data) };
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: expand(message.data) };
      }
      return post(message);
    };
    var listen = worker.addEventListener.bind(worker);
    var unlisten = worker.removeEventListener.bind(worker);
    var wrapped = new Map();
    worker.addEventListener = function (type, listener, options) {
      if (type !== "message" || typeof listener !== "function") return listen(type, listener, options);
      var translated = function (event) {
        if (event.data && event.data.type === RESULT) {
          event = new MessageEvent("message", { data: { type: RESULT, data: translateResult(event.data.data) } });
        }
        return listener.call(worker, event);
      };
      wrapped.set(listener, translated);
      return listen(type, translated, options);
    };
    worker.removeEventListener = function (type, listener, options) {
      return unlisten(type, wrapped.get(listener) || listener, options);
    };
    return worker;
  }
  SearchWorker.prototype = Native.prototype;
  window.Worker = SearchWorker;
})();
