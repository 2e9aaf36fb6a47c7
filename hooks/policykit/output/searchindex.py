"""The site's search index with the words staff use: each page's ``search: words:``.

A page's front matter may list the everyday words and synonyms readers type for it, in the
page's language, next to Material's own ``search:`` settings::

    search:
      words: [2FA, MFA, hacked, inbreken]   # found, never shown in the result list
      boost: 2                              # Material's: weight of the page (default 1)
      exclude: true                         # Material's: leave the page out of search

``enrich`` adds the words to the page's first entry of Material's ``search_index.json`` (a
field of its own, ``words``, weighed like a heading) and registers that field; Material's
search indexes every field its configuration lists. ``policykit.checks.search`` reports
values of the wrong kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WORDS_FIELD = "words"
WORDS_BOOST = 300.0     # between text (1) and title (1000): a listed word outweighs a heading


# A closing cell, row, list item, term, paragraph or heading tag directly followed by a tag.
_GLUED = re.compile(r"(</(?:td|th|tr|li|dt|dd|p|h[1-6])>)(?=<)")


def spaced(html: str) -> str:
    """``html`` with a line break after each closing cell, item or paragraph tag that a tag
    follows at once. Material's search takes the text of such compact HTML (the kit's tables
    and contact cards) without the gaps: "LinkedIn" and the next cell became one word.
    The page itself keeps its HTML: only the search index is made from this.

    >>> spaced("<tr><td>LinkedIn</td><td>@us</td></tr>")
    '<tr><td>LinkedIn</td>\\n<td>@us</td>\\n</tr>'
    """
    return _GLUED.sub("\\1\n", html)


@dataclass(frozen=True)
class PageWords:
    """The search words of one built page, by its URL (``en/policy/security.html``)."""

    url: str
    words: tuple[str, ...]


def words_of(meta: Mapping[str, Any]) -> tuple[str, ...]:
    """The valid search words of a page's front matter (others are reported by ``check``)."""
    search = meta.get("search")
    if not isinstance(search, Mapping):
        return ()
    words = search.get(WORDS_FIELD)
    if not isinstance(words, list):
        return ()
    return tuple(str(w).strip() for w in words
                 if isinstance(w, (str, int, float)) and not isinstance(w, bool) and str(w).strip())


def enrich(index: dict[str, Any], pages: list[PageWords]) -> dict[str, Any]:
    """``index`` (Material's ``search_index.json``) with each page's words on its first entry."""
    by_url = {page.url: page.words for page in pages if page.words}
    docs = []
    for doc in index.get("docs", []):
        words = by_url.pop(doc.get("location"), None)
        docs.append({**doc, WORDS_FIELD: " ".join(words)} if words else doc)
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields", {}))
    fields.setdefault(WORDS_FIELD, {"boost": WORDS_BOOST})
    config["fields"] = fields
    return {**index, "config": config, "docs": docs}
