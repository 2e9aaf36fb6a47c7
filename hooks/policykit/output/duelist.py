"""Review reminders: per owner, the pages and the policy review that fall due soon.

Pure: the review overview of ``policykit.checks.reviews`` in, one list per owner out, as text,
Markdown (the body of the reminder issue) or JSON. A page is listed when its review falls due
within ``within`` days from ``today`` or is already late, or has no valid review date; the
whole policy when ``policy.next_review`` does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykit.checks.reviews import ReviewRow
from policykit.dates import parse_day
from policykit.labels import words
from policykit.text import pick

POLICY_OWNER = "policy"   # the key under which the whole policy's review is listed
MARKER = "<!-- policykit-due owner={owner} -->"



@dataclass(frozen=True)
class DueItem:
    """One page (or the whole policy) to review: where, by when, and how late."""

    path: str
    due: dt.date | None
    state: str          # late | soon | invalid
    last_reviewed: dt.date | None = None


@dataclass
class OwnerDue:
    """Everything one owner must review."""

    owner: str
    name: str
    email: str
    items: list[DueItem] = field(default_factory=list)


def due_by_owner(rows: Sequence[ReviewRow], data: Mapping[str, Any], today: dt.date,
                 within: int) -> list[OwnerDue]:
    """The owners with something to review within ``within`` days, in the contacts' order."""
    horizon = today + dt.timedelta(days=within)
    contacts = data.get("contacts") or {}
    default = data["languages"]["default"]
    owners: dict[str, OwnerDue] = {}

    def owner_of(key: str) -> OwnerDue:
        if key not in owners:
            contact = contacts.get(key) or {}
            name = (pick(data["policy"]["owner_role"], default) if key == POLICY_OWNER
                    else pick(contact.get("name") or key, default))
            owners[key] = OwnerDue(key, str(name), str(contact.get("email") or ""))
        return owners[key]

    for row in rows:
        if row.status == "invalid" or row.due is None:
            state = "invalid"
        elif row.due < today:
            state = "late"
        elif row.due <= horizon:
            state = "soon"
        else:
            continue
        owner_of(row.owner or "unknown").items.append(
            DueItem(row.page.path, row.due, state, row.last_reviewed))
    next_review = parse_day(data["policy"].get("next_review"))
    if next_review is not None and next_review <= horizon:
        owner_of(POLICY_OWNER).items.append(
            DueItem("variables/company.yml", next_review,
                    "late" if next_review < today else "soon"))
    order = [*contacts, POLICY_OWNER]
    return sorted(owners.values(), key=lambda o: (order.index(o.owner) if o.owner in order
                                                  else len(order), o.owner))


def title(owner: OwnerDue, lang: str) -> str:
    """The reminder issue's title for ``owner``.

    >>> title(OwnerDue("hr", "HR desk", "hr@example.org"), "en")
    'Reviews falling due: HR desk'
    """
    return words("due", lang)["title"].format(name=owner.name)


def _describe(item: DueItem, labels: Mapping[str, str]) -> str:
    what = labels["policy"] if item.path == "variables/company.yml" else item.path
    if item.state == "invalid":
        return f"{what} — {labels['invalid']}"
    return f"{what} — {labels['due']} {item.due} ({labels[item.state]})"


def as_text(owners: Sequence[OwnerDue], lang: str = "en") -> str:
    labels = words("due", lang)
    if not owners:
        return labels["none"] + "\n"
    lines = []
    for owner in owners:
        lines.append(f"{owner.name} ({owner.owner}{', ' + owner.email if owner.email else ''})")
        lines += [f"  - {_describe(item, labels)}" for item in owner.items]
    return "\n".join(lines) + "\n"


def as_markdown(owner: OwnerDue, today: dt.date, within: int, lang: str = "en") -> str:
    """The body of ``owner``'s reminder issue (with the marker that finds it again)."""
    labels = words("due", lang)
    intro = labels["intro"].format(days=within, today=today.isoformat())
    items = "\n".join(f"- [ ] {_describe(item, labels)}" for item in owner.items)
    return (f"{MARKER.format(owner=owner.owner)}\n{intro}\n\n"
            f"{items or labels['none']}\n\n_{labels['footer']}_\n")


def as_json(owners: Sequence[OwnerDue], today: dt.date, within: int) -> str:
    return json.dumps({"today": today.isoformat(), "within_days": within, "owners": [
        {"owner": o.owner, "name": o.name, "email": o.email, "items": [
            {"path": i.path, "due": i.due.isoformat() if i.due else None, "state": i.state,
             "last_reviewed": i.last_reviewed.isoformat() if i.last_reviewed else None}
            for i in o.items]} for o in owners]}, indent=2, ensure_ascii=False) + "\n"
