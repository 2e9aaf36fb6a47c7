"""Reviews: every page has an owner and a recent review; the policy is not past its review date.

A page is due ``review_cycle_months`` after its ``last_reviewed`` date. For
``review_grace_days`` after that (and after ``policy.next_review``) it is a warning; then an
error. "Today" comes from the caller, so tests and benchmarks can fix the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policykit.dates import add_months, parse_day
from policykit.findings import Finding, did_you_mean
from policykit.project import VARIABLES_FILE
from policykit.sources.pages import SourcePage
from policykit.text import short


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review overview."""

    page: SourcePage
    owner: str
    last_reviewed: dt.date | None
    due: dt.date | None
    status: str     # ok | due (within grace) | overdue | invalid


def evaluate(pages: Sequence[SourcePage], data: Mapping[str, Any], today: dt.date,
             line_of: Callable[[tuple], int]) -> tuple[list[ReviewRow], list[Finding]]:
    """The review overview and its findings (``severity`` says error or warning)."""
    policy = data["policy"]
    cycle = int(policy["review_cycle_months"])
    grace = dt.timedelta(days=int(policy.get("review_grace_days") or 0))
    contacts = data.get("contacts") or {}
    rows: list[ReviewRow] = []
    findings: list[Finding] = []
    for page in pages:
        owner = page.meta.get("owner")
        owner_text = str(owner or "")
        if owner is None:
            findings.append(_finding(page.path, page.key_line("owner"),
                                     "the page has no owner",
                                     f"add 'owner: <contact>' to the front matter, one of: "
                                     f"{', '.join(contacts)}"))
        elif not isinstance(owner, str):
            findings.append(_finding(page.path, page.key_line("owner"),
                                     f"owner: expected one contact key, found {short(owner)}",
                                     f"write one of: {', '.join(contacts)}"))
        elif owner not in contacts:
            findings.append(_finding(page.path, page.key_line("owner"),
                                     f"owner '{owner}' is not a contact in variables/company.yml",
                                     did_you_mean(owner, contacts,
                                                  f"use one of: {', '.join(contacts)}")))
        raw = page.meta.get("last_reviewed")
        reviewed = parse_day(raw) if raw is not None else None
        if raw is None or reviewed is None:
            problem = ("the page has no last_reviewed date" if raw is None
                       else f"last_reviewed '{raw}' is not a date")
            findings.append(_finding(page.path, page.key_line("last_reviewed"), problem,
                                     "write the day of the last review as "
                                     f"last_reviewed: {today.isoformat()}"))
            rows.append(ReviewRow(page, owner_text, None, None, "invalid"))
            continue
        if reviewed > today:
            findings.append(_finding(page.path, page.key_line("last_reviewed"),
                                     f"last_reviewed {reviewed} lies in the future",
                                     "write the day the review actually took place"))
            rows.append(ReviewRow(page, owner_text, reviewed, None, "invalid"))
            continue
        due = add_months(reviewed, cycle)
        status = _status(today, due, grace)
        if status != "ok":
            findings.append(_finding(
                page.path, page.key_line("last_reviewed"),
                f"review overdue: last reviewed {reviewed}, due {due} "
                f"(every {cycle} months)" + _grace_note(status, due, grace),
                f"review the page with its owner ({owner_text or 'unknown'}) and set "
                f"last_reviewed: to the review date", "warning" if status == "due" else "error"))
        rows.append(ReviewRow(page, owner_text, reviewed, due, status))

    next_review = parse_day(policy["next_review"])
    if next_review is not None:
        status = _status(today, next_review, grace)
        if status != "ok":
            findings.append(_finding(
                VARIABLES_FILE, line_of(("policy", "next_review")),
                f"the policy is past its review date {next_review}"
                + _grace_note(status, next_review, grace),
                "review the whole policy, then set policy.next_review to the next date",
                "warning" if status == "due" else "error"))
    return rows, findings


def policy_status(data: Mapping[str, Any], today: dt.date) -> str:
    """ok | due | overdue for ``policy.next_review``.

    >>> policy = {"next_review": "2026-01-01", "review_grace_days": 30}
    >>> [policy_status({"policy": policy}, dt.date(2026, 1, d)) for d in (1, 15)]
    ['ok', 'due']
    """
    policy = data["policy"]
    grace = dt.timedelta(days=int(policy.get("review_grace_days") or 0))
    day = parse_day(policy["next_review"])
    return "ok" if day is None else _status(today, day, grace)


def _status(today: dt.date, due: dt.date, grace: dt.timedelta) -> str:
    if today <= due:
        return "ok"
    return "due" if today <= due + grace else "overdue"


def _grace_note(status: str, due: dt.date, grace: dt.timedelta) -> str:
    if status == "due":
        return f"; the build fails after {due + grace}"
    return ""


def _finding(path: str, line: int, message: str, fix: str,
             severity: str = "error") -> Finding:
    return Finding(path, line, message, fix, severity=severity, check="reviews")
