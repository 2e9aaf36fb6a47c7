"""MkDocs hook: the search index gets each page's ``search: words:`` (front matter).

Adapter only; the work happens in ``policykit.output.searchindex``.

- ``on_pre_build`` (first build only): forget the words of an earlier build (``mkdocs serve``).
- ``on_page_context`` (-10, after Material's search indexed the page): note the page's words
  (wrong values are reported by the ``search`` check of ``policykit.checks.registry``); index
  the page again with gaps between the cells of compact HTML tables and cards, so their words
  stay apart (Material's own entries for it are replaced; the page's HTML is left as it was).
- ``on_post_build`` (-150: after mkdocs-static-i18n (-100) wrote the one index of all
  languages, and after Material's offline plugin (-100) copied it into ``search_index.js``):
  add the words to ``search/search_index.json`` and, for the file-share copy, to
  ``search_index.js``. The search script (``overrides/assets/javascripts/search.js``) gives the
  reader's language only to the search worker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from policykit.output.searchindex import PageWords, enrich, spaced, words_of  # noqa: E402

OFFLINE_PREFIX = "var __index = "   # how Material's offline plugin inlines the index
_state: dict = {"pages": []}


def on_pre_build(config):
    if not engine.nested(config):
        _state["pages"] = []


@event_priority(-10)  # after Material's search has indexed the page
def on_page_context(context, page, config, nav):
    _state["pages"].append(PageWords(page.url, words_of(page.meta)))
    _reindex_with_gaps(config, page)
    return context


def _reindex_with_gaps(config, page) -> None:
    """Material's entries of this page (the last ones it added) made again from the page with
    gaps between compact cells; the page itself keeps its HTML. Skipped if Material's search
    keeps its entries elsewhere (the words then stay glued, nothing breaks)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    if not isinstance(entries, list) or not page.content or not hasattr(index, "add_entry_from_context"):
        return
    first = len(entries)
    while first and str(entries[first - 1].get("location", "")).split("#")[0] == page.url:
        first -= 1
    if first == len(entries):
        return  # excluded from search, or nothing indexed
    original = page.content
    del entries[first:]
    page.content = spaced(original)
    try:
        index.add_entry_from_context(page)
    finally:
        page.content = original


@event_priority(-150)
def on_post_build(config):
    if engine.nested(config):
        return  # a per-language build: the index of all languages is written after it
    folder = Path(config.site_dir) / "search"
    index_file = folder / "search_index.json"
    if not index_file.is_file():
        return
    index = enrich(json.loads(index_file.read_text(encoding="utf-8")), _state["pages"])
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    inlined = folder / "search_index.js"
    if inlined.is_file():
        inlined.write_text(OFFLINE_PREFIX + data, encoding="utf-8")
