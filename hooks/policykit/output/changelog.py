"""The policy's versions (``policy.history`` in the variables): periods, checks and the table.

Each version is in force from its ``effective_date`` up to and including the day before the
next version's date; the newest one has no end. With that, anyone can tell which version
applied on a given day (``version_on``), for example in a dispute about an old post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from policykit.dates import long_date, to_date
from policykit.findings import Finding
from policykit.labels import words
from policykit.text import literal, pick


@dataclass(frozen=True)
class Period:
    """One version and the days it was in force (``until`` inclusive; None: still in force)."""

    version: str
    start: dt.date
    until: dt.date | None
    changes: Any


def history_of(policy: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """``policy.history``, or the current version alone when no history is written down."""
    history = policy.get("history")
    if history:
        return list(history)
    return [{"version": policy["version"], "effective_date": policy["effective_date"],
             "changes": {}}]


def periods(history: Sequence[Mapping[str, Any]]) -> list[Period]:
    """Versions newest first, each with the last day it was in force."""
    ordered = sorted(history, key=lambda entry: to_date(entry["effective_date"]), reverse=True)
    out: list[Period] = []
    following: dt.date | None = None
    for entry in ordered:
        start = to_date(entry["effective_date"])
        until = following - dt.timedelta(days=1) if following else None
        out.append(Period(str(entry["version"]), start, until, entry.get("changes") or {}))
        following = start
    return out


def version_on(history: Sequence[Mapping[str, Any]], day: dt.date) -> str | None:
    """The version in force on ``day``; None before the first version took effect.

    >>> h = [{"version": "1.0", "effective_date": "2024-03-01"},
    ...      {"version": "2.0", "effective_date": "2025-06-01"}]
    >>> version_on(h, dt.date(2025, 5, 31)), version_on(h, dt.date(2025, 6, 1))
    ('1.0', '2.0')
    """
    for period in periods(history):
        if period.start <= day:
            return period.version
    return None


def check_history(policy: Mapping[str, Any], path: str,
                  line_of: Any = lambda where: None) -> list[Finding]:
    """Versions written twice, dates shared by two versions, a current version missing or
    dated differently, and a version that takes effect before it is approved."""
    history = policy.get("history") or []
    findings: list[Finding] = []
    seen_versions: dict[str, int] = {}
    seen_dates: dict[str, int] = {}
    for index, entry in enumerate(history):
        version, day = str(entry["version"]), str(entry["effective_date"])
        where = ("policy", "history", index)
        if version in seen_versions:
            findings.append(Finding(path, line_of(where + ("version",)),
                                    f"policy.history: version {version} is listed twice",
                                    "keep one entry per version", check="history"))
        if day in seen_dates:
            findings.append(Finding(path, line_of(where + ("effective_date",)),
                                    f"policy.history: two versions take effect on {day}",
                                    "give each version its own effective_date", check="history"))
        seen_versions.setdefault(version, index)
        seen_dates.setdefault(day, index)
    if history:
        current = str(policy["version"])
        match = [e for e in history if str(e["version"]) == current]
        if not match:
            findings.append(Finding(
                path, line_of(("policy", "history")),
                f"policy.history: the current version {current} is not listed",
                f"add an entry '- version: \"{current}\"' with its effective_date and changes",
                check="history"))
        elif str(match[0]["effective_date"]) != str(policy["effective_date"]):
            findings.append(Finding(
                path, line_of(("policy", "history", history.index(match[0]), "effective_date")),
                f"policy.history: version {current} takes effect on {match[0]['effective_date']}"
                f", but policy.effective_date says {policy['effective_date']}",
                "write the same date in both places", check="history"))
        elif match[0].get("approved_date") and policy.get("approved_date") and \
                str(match[0]["approved_date"]) != str(policy["approved_date"]):
            findings.append(Finding(
                path, line_of(("policy", "history", history.index(match[0]), "approved_date")),
                f"policy.history: version {current} was approved on {match[0]['approved_date']}"
                f", but policy.approved_date says {policy['approved_date']}",
                "write the same date in both places", check="history"))
    findings += _approved_before_effect(policy, ("policy",), path, line_of)
    for index, entry in enumerate(history):
        if str(entry["version"]) != str(policy["version"]):  # the current one: checked above
            findings += _approved_before_effect(entry, ("policy", "history", index), path,
                                                line_of)
    return findings


def _approved_before_effect(entry: Mapping[str, Any], where: tuple, path: str,
                            line_of: Any) -> list[Finding]:
    """A version cannot bind anyone before it is approved."""
    approved, effective = entry.get("approved_date"), entry.get("effective_date")
    if not approved or not effective or to_date(approved) <= to_date(effective):
        return []
    if where == ("policy",):
        message = (f"policy.approved_date {approved} lies after policy.effective_date "
                   f"{effective}: version {entry['version']} would apply before it was approved")
    else:
        message = (f"policy.history: version {entry['version']} is approved on {approved}, "
                   f"after it takes effect on {effective}")
    return [Finding(path, line_of(where + ("approved_date",)), message,
                    "correct one of the two dates; a version takes effect on or after the day "
                    "it is approved", check="history")]


def history_table(policy: Mapping[str, Any], lang: str,
                  redline_href: Callable[[str, str], str | None] | None = None) -> Markup:
    """All versions, newest first: version, from, until (inclusive) and what changed.

    ``redline_href(previous, version)``: the link to the redline between a version and the
    one before it, or None when there is none; the "what changed" cell then links to it."""
    labels = words("history", lang)
    current = str(policy["version"])
    rows = []
    ordered = periods(history_of(policy))
    for index, period in enumerate(ordered):
        previous = ordered[index + 1].version if index + 1 < len(ordered) else None
        href = redline_href(previous, period.version) if redline_href and previous else None
        redline = (Markup(' <a class="pk-redline-link" href="{}">{}</a>').format(
            href, labels["redline"].format(previous=previous)) if href else "")
        version = literal(period.version)
        if period.version == current:
            version = Markup(f"<strong>{version}</strong> ({labels['current']})")
        until = long_date(period.until, lang) if period.until else labels["open"]
        rows.append(
            f'<tr id="version-{literal(period.version)}"><td>{version}</td>'
            f'<td><time datetime="{period.start.isoformat()}">{long_date(period.start, lang)}'
            f"</time></td><td>{until}</td><td>{_changes(period.changes, lang)}{redline}</td></tr>")
    head = (f"<tr><th>{labels['version']}</th><th>{labels['from']}</th>"
            f"<th>{labels['until']}</th><th>{labels['changes']}</th></tr>")
    return Markup(f'<table class="pk-history" data-generated="policykit.output.changelog">'
                  f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def _changes(changes: Any, lang: str) -> Markup:
    """The change text; a text of several lines becomes a list, one item per line."""
    text = str(pick(changes, lang) or "") if changes else ""
    lines = [line.strip().lstrip("-• ").strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        return Markup("<ul>" + "".join(f"<li>{literal(line)}</li>" for line in lines) + "</ul>")
    return literal(lines[0] if lines else "")

