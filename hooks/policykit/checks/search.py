"""The ``search:`` settings of the pages' front matter: ``words`` (the kit's), ``boost`` and
``exclude`` (Material's) hold values of the right kind (``policykit.output.searchindex`` puts
the words into the search index)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from policykit.findings import Finding
from policykit.output.searchindex import WORDS_FIELD, words_of
from policykit.sources.pages import SourcePage


def check_search_settings(pages: Iterable[SourcePage]) -> list[Finding]:
    """Wrong values under ``search:`` in any page's front matter.

    >>> check_search_settings([])
    []
    """
    return [finding for page in pages if page.meta.get("search") is not None
            for finding in check_page(page.path, page.meta, page.key_line("search"))]


def check_page(path: str, meta: Mapping[str, Any], line: int | None) -> list[Finding]:
    """Wrong kinds of value under ``search:`` in one page's front matter.

    >>> check_page("docs/a.nl.md", {"search": {"words": ["2FA"], "boost": 0.5}}, 4)
    []
    >>> check_page("docs/a.nl.md", {"search": {"boost": "high"}}, 4)[0].message
    "'search: boost' must be a number above 0, not 'high'"
    """
    search = meta.get("search")
    if search is None:
        return []
    example = "e.g. 'search: {words: [2FA, MFA]}'"
    if not isinstance(search, Mapping):
        return [Finding(path, line, "'search' must be a mapping of settings",
                        f"write the settings under it, {example}", check="search")]
    found = []
    unknown = sorted(set(search) - {WORDS_FIELD, "boost", "exclude"})
    if unknown:
        found.append(Finding(path, line, f"unknown search setting '{unknown[0]}'",
                             "use words, boost or exclude", check="search"))
    words = search.get(WORDS_FIELD)
    if words is not None and (not isinstance(words, list) or len(words_of(meta)) != len(words)):
        found.append(Finding(path, line, "'search: words' must be a list of words or short phrases",
                             example, check="search"))
    boost = search.get("boost")
    if boost is not None and (isinstance(boost, bool) or not isinstance(boost, (int, float))
                              or boost <= 0):
        found.append(Finding(path, line, f"'search: boost' must be a number above 0, not {boost!r}",
                             "1 is normal; below 1 ranks the page lower, above 1 higher",
                             check="search"))
    return found
