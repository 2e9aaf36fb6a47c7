"""Legal citations: pages cite sources by id, and the sources themselves are kept up to date.

- ``{{ cite('id') }}`` with an id that is not in the sources file fails the build;
- an article number written into a page without ``cite()`` is reported (it would escape the
  sources file and its review dates);
- a source verified more than 12 months ago, or whose watch date has passed, warns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from policykit.dates import add_months
from policykit.findings import Finding, did_you_mean
from policykit.sources.frontmatter import front_matter_lines
from policykit.sources.legalsources import SourceFile
from policykit.sources.pages import SourcePage

STALE_AFTER_MONTHS = 12
CITING_MACROS = ("cite", "review_trigger")
_CALL = re.compile(r"\b(" + "|".join(CITING_MACROS) + r")\(\s*(['\"])([^'\"]*)\2")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
# What a legal reference looks like in running text (Dutch and English).
BARE_REFERENCE = re.compile(
    r"\b(?:(?:art(?:ikel(?:en)?|icles?|s)?\.?|sections?)\s*\d+[a-z]?(?::\d+[a-z]*)?"  # art. 7, artikel 27
    r"|\d:\d{3}[a-z]*"                                                   # 7:611 (Civil Code)
    r"|C-\d+/\d{2}"                                                      # C-210/16 (CJEU)
    r"|\d{2,3}\s+CFR"                                                    # 16 CFR
    r"|\d+\s+NLRB\s+No"                                                  # 372 NLRB No. 113
    r"|(?:Regulation|Directive|Verordening|Richtlijn)\s+\(EU\)"         # Regulation (EU) 2024/900
    r"|\(EU\)\s+(?:No\s+)?\d{4}/\d+)"                                    # (EU) 2023/970
    r"|§\s*\d+",
    re.I,
)


def cited_ids(source: str) -> list[tuple[int, str]]:
    """(line, id) of every ``cite('id')`` and ``review_trigger('id')`` in a page source.

    >>> cited_ids("a\\nzie {{ cite('bw-7-611') }} en {{ cite(\\"wor-27\\") }}")
    [(2, 'bw-7-611'), (2, 'wor-27')]
    """
    return [(source.count("\n", 0, match.start()) + 1, match.group(3))
            for match in _CALL.finditer(source)]


def bare_references(source: str) -> list[tuple[int, str]]:
    """(line, text) of legal references written outside a macro, front matter and code.

    >>> bare_references("---\\nx: 1\\n---\\nZie artikel 27 WOR en {{ cite('wor-27') }}.")
    [(4, 'artikel 27')]
    """
    found: list[tuple[int, str]] = []
    lines = source.splitlines()
    skip = front_matter_lines(source)
    in_fence = False
    masked = _TEMPLATE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source).splitlines()
    for number, line in enumerate(masked, start=1):
        if number <= skip:
            continue
        if _FENCE.match(lines[number - 1]):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        found += [(number, match.group(0)) for match in BARE_REFERENCE.finditer(line)]
    return found


def check_citations(pages: Iterable[SourcePage], sources: SourceFile,
                    today: dt.date) -> list[Finding]:
    """Every problem with the citations in ``pages`` and with the sources file itself."""
    findings = list(sources.findings)
    known = sources.sources
    for page in pages:
        for line, ident in cited_ids(page.source):
            if ident not in known:
                fix = did_you_mean(ident, known, f"add it to {sources.path} or use one of its ids")
                findings.append(Finding(page.path, line, f"cite('{ident}'): there is no source "
                                        f"'{ident}' in {sources.path}", fix, check="sources"))
        for line, text in bare_references(page.source):
            findings.append(Finding(
                page.path, line, f"legal reference '{text}' is written out instead of cited",
                f"write {{{{ cite('…') }}}} with the id from {sources.path} (add the source "
                "there if it is missing)", severity="warning", check="sources"))
    findings += source_dates(sources, today)
    return findings


def source_dates(sources: SourceFile, today: dt.date) -> list[Finding]:
    """Sources that were verified too long ago, in the future, or whose watch date passed."""
    findings = []
    stale_before = add_months(today, -STALE_AFTER_MONTHS)
    for source in sources.sources.values():
        if source.verified > today:
            findings.append(Finding(sources.path, source.line, f"source '{source.id}': verified "
                                    f"{source.verified} lies in the future",
                                    "write the day the text was compared with the law",
                                    check="sources"))
        elif source.verified < stale_before:
            findings.append(Finding(
                sources.path, source.line, f"source '{source.id}' was last verified on "
                f"{source.verified}, more than {STALE_AFTER_MONTHS} months ago",
                f"compare the pages that cite it with {source.url} and update 'verified'",
                severity="warning", check="sources"))
        if source.watch and source.watch.date <= today:
            findings.append(Finding(
                sources.path, source.line, f"source '{source.id}': the watch date "
                f"{source.watch.date} has passed", "check the pending change in its note, "
                "update the pages and the source, then set a new watch date or remove 'watch'",
                severity="warning", check="sources"))
    return findings
