"""Translations kept in step: a page whose other-language version changed after it.

Judged on each version's last *content* change in git (:mod:`policykit.sources.contentdates`).
A translator who checked a version and found nothing to change confirms it in its front
matter, with the date or the commit the other version was checked against::

    translation_in_step: 2026-11-20      # or a commit, e.g. 3f2a9c1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from policykit.findings import Finding
from policykit.labels import LANGUAGE_NAMES
from policykit.sources.contentdates import ContentChange
from policykit.sources.pages import SourcePage

CONFIRM_KEY = "translation_in_step"
IsAncestor = Callable[[str, str], "bool | None"]  # (older, newer) → None when git cannot tell


@dataclass(frozen=True)
class Behind:
    """``page`` may be behind ``newer`` (the same page in another language)."""

    page: SourcePage
    changed: ContentChange
    newer: SourcePage
    newer_changed: ContentChange


def translations_behind(pages: Iterable[SourcePage], changes: Mapping[str, ContentChange],
                        is_ancestor: IsAncestor) -> tuple[list[Behind], list[Finding]]:
    """Versions whose text is older than another language's, and a warning for each."""
    versions: dict[str, list[SourcePage]] = {}
    for page in pages:
        versions.setdefault(page.base, []).append(page)
    behind: list[Behind] = []
    findings: list[Finding] = []
    for _base, group in sorted(versions.items()):
        dated = [(p, changes[p.src_uri]) for p in group if p.src_uri in changes]
        if len(dated) < 2:
            continue
        newest, newest_change = min(dated, key=lambda pc: pc[1].order)
        for page, change in dated:
            if page is newest or change.order <= newest_change.order:
                continue
            if not (change.exact and newest_change.exact):
                continue  # a cut-off history cannot tell which came first
            confirmed = page.meta.get(CONFIRM_KEY)
            if confirmed is not None and _confirms(str(confirmed), newest_change, is_ancestor):
                continue
            behind.append(Behind(page, change, newest, newest_change))
            findings.append(_warning(page, change, newest, newest_change, confirmed))
    return behind, findings


def _confirms(value: str, newer: ContentChange, is_ancestor: IsAncestor) -> bool:
    """Whether ``translation_in_step: value`` covers the other version's change ``newer``.

    >>> change = ContentChange("3f2a9c1" + "0" * 33, dt.date(2026, 11, 20), 0)
    >>> [_confirms(v, change, lambda a, b: False) for v in ("2026-11-20", "2026-11-19", "3f2a9c1")]
    [True, False, True]
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value) >= newer.day
    except ValueError:
        pass
    if newer.commit.startswith(value.lower()) and len(value) >= 7:
        return True
    return bool(is_ancestor(newer.commit, value))


def _warning(page: SourcePage, change: ContentChange, newer: SourcePage,
             newer_change: ContentChange, confirmed: object) -> Finding:
    name = LANGUAGE_NAMES.get(newer.language, newer.language)
    message = (f"the {name} version changed on {newer_change.day.isoformat()} after this one "
               f"({change.day.isoformat()})")
    if confirmed is not None:
        message += f"; '{CONFIRM_KEY}: {confirmed}' is older than that change"
    return Finding(page.path, None, message,
                   f"check the translation and commit it (or, if it needs no change, confirm it "
                   f"with '{CONFIRM_KEY}: {newer_change.day.isoformat()}' in its front matter)",
                   severity="warning", check="translations-in-step")
