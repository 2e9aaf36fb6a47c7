"""MkDocs hook: the search index gets each page's ``search: words:`` (front matter).

Adapter only; the work happens in ``policykit.output.searchindex``.

- ``on_pre_build`` (first build only): forget the words of an earlier build (``mkdocs serve``).
- ``on_page_context`` (10: before Material's search reads the page): put gaps between the cells
  of compact HTML tables and cards, so their words stay apart in the index; note the page's
  words (wrong values are reported by the ``search`` check of ``policykit.checks.registry``).
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


@event_priority(10)
def on_page_context(context, page, config, nav):
    if page.content:
        page.content = spaced(page.content)
    _state["pages"].append(PageWords(page.url, words_of(page.meta)))
    return context


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
