"""Sign again after a substantive change: the notice, the form link and the text's fingerprint.

A ``policy.history`` entry with ``needs_acknowledgement: true`` asks everyone to acknowledge
that version again. While that version is the current one, every page shows a notice with a
link to the organisation's own form (``acknowledgement.form_url``); the link names the
version, its date and a short fingerprint of the policy text, so the form or HR system records
exactly which text someone acknowledged. The repository stores nothing about who signed.

The fingerprint is a SHA-256 over every Markdown source under ``docs/`` (path and content, in
path order) and the variables' values (canonical JSON, so comments and layout do not count):
the same sources always give the same fingerprint; any change of text or value a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from policykit.dates import long_date
from policykit.labels import LANGUAGES, words

FINGERPRINT_LENGTH = 12
PLACEHOLDERS = ("{version}", "{date}", "{fingerprint}")



def fingerprint(docs_dir: Path, data: Mapping[str, Any]) -> str:
    """A short fingerprint of the policy text: its Markdown sources and variable values."""
    digest = hashlib.sha256()
    for path in sorted(docs_dir.rglob("*.md")):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(docs_dir).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    digest.update(json.dumps(data, sort_keys=True, default=_plain, ensure_ascii=False)
                  .encode("utf-8"))
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def current_entry(policy: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The ``policy.history`` entry of the current version, if listed."""
    for entry in policy.get("history") or []:
        if str(entry.get("version")) == str(policy["version"]):
            return entry
    return None


def needs_acknowledgement(policy: Mapping[str, Any]) -> bool:
    """True when the current version is marked ``needs_acknowledgement`` (and not a draft)."""
    entry = current_entry(policy)
    return bool(entry and entry.get("needs_acknowledgement")) and not policy.get("draft")


def form_link(form_url: str, version: str, day: str, print_: str) -> str:
    """The form URL naming the version: ``{version}``, ``{date}`` and ``{fingerprint}`` in it
    are filled in; without any of them the three are added as query parameters.

    >>> form_link("https://hr.example/ack", "2.1", "2026-09-01", "ab12")
    'https://hr.example/ack?version=2.1&date=2026-09-01&fingerprint=ab12'
    """
    values = {"version": version, "date": day, "fingerprint": print_}
    if any(p in form_url for p in PLACEHOLDERS):
        for key, value in values.items():
            form_url = form_url.replace("{" + key + "}", quote(value, safe=""))
        return form_url
    parts = urlsplit(form_url)
    query = "&".join(q for q in (parts.query, urlencode(values)) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def notice(data: Mapping[str, Any], print_: str) -> dict[str, Any] | None:
    """What the theme shows per language, or None when no acknowledgement is asked.

    Values are plain text; the template escapes them (``| e``)."""
    policy = data["policy"]
    if not needs_acknowledgement(policy):
        return None
    version, day = str(policy["version"]), str(policy["effective_date"])
    form_url = (data.get("acknowledgement") or {}).get("form_url")
    link = form_link(form_url, version, day, print_) if form_url else ""
    out: dict[str, Any] = {"version": version, "date": day, "fingerprint": print_, "url": link}
    for lang in LANGUAGES:
        labels = words("acknowledgement", lang)
        out[lang] = {"notice": labels["notice"], "link": labels["link"],
                     "no_form": labels["no_form"],
                     "detail": labels["detail"].format(version=version,
                                                       date=long_date(day, lang),
                                                       fingerprint=print_)}
    return out
