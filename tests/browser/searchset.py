"""The everyday search queries (``search_queries.yml``) and how well the site answers them.

Shared by the search benchmark (``benchmarks/search.py``) and the browser test that holds the
floor (``test_search.py``): both type every query into the search box of one browser page per
language and score the pages Material lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from browser.guard import guarded_context
from browser.material import open_search, search
from browser.sitemodel import url_of

QUERIES_FILE = Path(__file__).resolve().parent / "search_queries.yml"


@dataclass(frozen=True)
class Query:
    """What a member of staff types, in which language, and the page that answers it."""

    lang: str
    text: str
    page: str          # source path without language suffix and .md: "policy/security"


@dataclass(frozen=True)
class Outcome:
    """The pages listed for one query, in order (site-relative URLs)."""

    query: Query
    expected_url: str
    listed: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        """1-based position of the answering page, None when it is not listed."""
        return self.listed.index(self.expected_url) + 1 if self.expected_url in self.listed else None


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(lang, item["query"], item["page"]) for lang, items in data.items() for item in items]


def run_queries(browser: Any, site_url: str, queries: list[Query], default_lang: str,
                **context_options: Any) -> list[Outcome]:
    """Type every query into the search box of the home page of its language (one page per
    language, one query after the other, as a person searching again does). Requests that
    would leave 127.0.0.1 are stopped (``guard.py``)."""
    outcomes: list[Outcome] = []
    context, _ = guarded_context(browser, **context_options)
    try:
        for lang in dict.fromkeys(query.lang for query in queries):
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(site_url + url_of("index.md", lang, default_lang))
            open_search(page)
            for query in (q for q in queries if q.lang == lang):
                results = search(page, query.text, site_url)
                expected = url_of(f"{query.page}.md", lang, default_lang)
                outcomes.append(Outcome(query, expected, tuple(r.url for r in results)))
            page.close()
    finally:
        context.close()
    return outcomes


@dataclass(frozen=True)
class Rates:
    """Hit rates of one language."""

    lang: str
    total: int
    top1: int
    top3: int
    empty: int

    def share(self, hits: int) -> float:
        return hits / self.total if self.total else 0.0


def rates(outcomes: list[Outcome]) -> list[Rates]:
    found: list[Rates] = []
    for lang in dict.fromkeys(o.query.lang for o in outcomes):
        mine = [o for o in outcomes if o.query.lang == lang]
        found.append(Rates(lang, len(mine), sum(o.rank == 1 for o in mine),
                           sum(o.rank is not None and o.rank <= 3 for o in mine),
                           sum(not o.listed for o in mine)))
    return found


def report(outcomes: list[Outcome]) -> str:
    """Hit rates per language and every query whose page did not come first."""
    lines = []
    for rate in rates(outcomes):
        lines.append(f"{rate.lang}: {rate.total} queries, top-1 {rate.share(rate.top1):.0%} "
                     f"({rate.top1}), top-3 {rate.share(rate.top3):.0%} ({rate.top3}), "
                     f"empty {rate.empty}")
    misses = [o for o in outcomes if o.rank != 1]
    if misses:
        lines.append("not first:")
    for o in misses:
        where = f"at {o.rank}" if o.rank else "not listed"
        lines.append(f"  [{o.query.lang}] {o.query.text!r} → {o.query.page} {where}; "
                     f"first: {', '.join(o.listed[:3]) or '(no result)'}")
    return "\n".join(lines)
