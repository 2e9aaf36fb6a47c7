"""Citations in the page text and the generated list of sources.

``cite`` gives Markdown (a link to the source's row on the Sources page, which MkDocs resolves
to the page in the same language and validates); ``sources_table`` gives the Markdown table of
that page, one row per source with the source id as its anchor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from policykit import labels
from policykit.dates import long_date
from policykit.sources.legalsources import LegalSource
from policykit.text import literal, pick

SOURCES_PAGE = "sources.md"


def words(lang: str) -> Mapping[str, str]:
    return labels.words("sources", lang)


def label(source: LegalSource, lang: str) -> str:
    """What the page text shows: ``art. 7:611 BW`` (nl) / ``art. 7:611 Dutch Civil Code`` (en).

    >>> import datetime as dt
    >>> source = LegalSource("bw-7-611", "BW", {"nl": "BW", "en": "Dutch Civil Code"},
    ...                      "https://wetten.overheid.nl/", dt.date(2026, 11, 20), 1, "art. 7:611")
    >>> label(source, "nl"), label(source, "en")
    ('art. 7:611 BW', 'art. 7:611 Dutch Civil Code')
    >>> str(cite(source, "bw-7-611", "en", "policy/scope.en.md"))
    '[art. 7:611 Dutch Civil Code](../sources.md#bw-7-611 "BW")'
    """
    article = pick(source.article, lang)
    short = pick(source.short, lang)
    return f"{article} {short}" if article else short


def cite(source: LegalSource | None, ident: str, lang: str, page_uri: str) -> Markup:
    """A Markdown link from the page at ``page_uri`` to the source's row on the Sources page."""
    if source is None:  # reported by policykit.checks.citations with the page and line
        return literal(words(lang)["unknown"].format(id=ident))
    up = "../" * page_uri.count("/")
    title = literal(pick(source.title, lang))
    return Markup(f'[{literal(label(source, lang))}]({up}{SOURCES_PAGE}#{source.id} "{title}")')


def review_trigger(source: LegalSource | None, ident: str, lang: str) -> Markup:
    """The source's watch note as a sentence with its date, for a page's review trigger."""
    if source is None:
        return literal(words(lang)["unknown"].format(id=ident))
    w = words(lang)
    if source.watch is None:
        return Markup("")
    return literal(f"{w['trigger']} {pick(source.watch.note, lang)} "
                   f"({w['by'].format(date=long_date(source.watch.date, lang))})")


def sources_table(sources: Iterable[LegalSource], lang: str) -> Markup:
    """Every source as one row of a Markdown table; the row's anchor is the source id."""
    w = words(lang)
    rows = [f"| {w['source']} | {w['text']} | {w['verified']} | {w['watch']} |",
            "|---|---|---|---|"]
    for source in sources:
        watch = w["none"]
        if source.watch is not None:
            watch = (f"{literal(pick(source.watch.note, lang))} "
                     f"({literal(w['by'].format(date=long_date(source.watch.date, lang)))})")
        rows.append(
            f"| **{literal(label(source, lang))}**{{#{source.id}}}<br>"
            f"{literal(pick(source.title, lang))} "
            f"| [{literal(_host(source.url))}](<{source.url}>) "
            f"| {literal(long_date(source.verified, lang))} | {watch} |")
    return Markup("\n".join(rows) + "\n")


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0]
