"""The kit's legal sources (``hooks/policykit/legal_sources.yml``): what pages cite by id.

Each source has an id, a title, an optional article, a short name, the official URL, the day
it was last verified and an optional watch note (a pending change with the day to look again).
Reading the file never raises: problems come back as findings with their line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from policykit.dates import parse_day
from policykit.findings import Finding, InputError
from policykit.sources.yamlfile import parse_yaml
from policykit.text import is_text

SOURCES_FILE = Path(__file__).resolve().parents[1] / "legal_sources.yml"
SOURCES_DISPLAY = "hooks/policykit/legal_sources.yml"
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(r"https://[^\s<>\"'()\[\]{}|\\^`]+")
REQUIRED = ("id", "title", "short", "url", "verified")
ALLOWED = (*REQUIRED, "article", "watch")

Text = str | dict[str, str]


@dataclass(frozen=True)
class Watch:
    """A pending change: look again on ``date``."""

    date: dt.date
    note: Text


@dataclass(frozen=True)
class LegalSource:
    """One law, article or decision that the policy text relies on."""

    id: str
    title: Text
    short: Text
    url: str
    verified: dt.date
    line: int
    article: Text = ""
    watch: Watch | None = None


@dataclass(frozen=True)
class SourceFile:
    """The sources by id, and every problem found while reading them."""

    sources: dict[str, LegalSource]
    findings: list[Finding]
    path: str = SOURCES_DISPLAY


def load_legal_sources(path: Path = SOURCES_FILE, display: str = SOURCES_DISPLAY) -> SourceFile:
    """Read and validate the sources file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return SourceFile({}, [_finding(display, None, f"cannot read the sources file ({error})",
                                        "restore it from the kit")], display)
    return _parse(text, display, path.stat().st_mtime)


@lru_cache(maxsize=4)
def _parse(text: str, display: str, _stamp: float = 0.0) -> SourceFile:
    return parse_sources(text, display)


def parse_sources(text: str, display: str = SOURCES_DISPLAY) -> SourceFile:
    """The sources in ``text`` (the YAML of the sources file) with their findings.

    >>> text = "sources: [{id: x, title: X, short: X, url: 'https://e.eu', verified: 2026-01-02}]"
    >>> parse_sources(text).sources["x"].verified
    datetime.date(2026, 1, 2)
    """
    try:
        document = parse_yaml(text, display)
    except InputError as error:
        return SourceFile({}, list(error.findings), display)
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return SourceFile({}, [_finding(display, 1, "the file must have a list 'sources:'",
                                        "start the file with 'sources:' and list the sources")],
                          display)
    sources: dict[str, LegalSource] = {}
    findings: list[Finding] = []
    for index, entry in enumerate(data["sources"]):
        line = document.line_of(("sources", index))
        source, problems = _source(entry, line, lambda key, i=index: document.key_line(
            ("sources", i, key)), display)
        findings += problems
        if source is None:
            continue
        if source.id in sources:
            findings.append(_finding(display, line, f"source id '{source.id}' is used twice "
                                     f"(first on line {sources[source.id].line})",
                                     "give each source its own id"))
            continue
        sources[source.id] = source
    return SourceFile(sources, findings, display)


def _source(entry: Any, line: int, key_line, display: str) -> tuple[LegalSource | None,
                                                                    list[Finding]]:
    if not isinstance(entry, dict):
        return None, [_finding(display, line, "a source must be a mapping with id, title, short, "
                               "url and verified", "write it as '- id: …' with its keys below")]
    name = entry.get("id")
    label = f"source '{name}'" if name else "a source"
    findings = [_finding(display, key_line(key), f"{label}: unknown key '{key}'",
                         f"use only: {', '.join(ALLOWED)}") for key in entry if key not in ALLOWED]
    findings += [_finding(display, line, f"{label}: '{key}' is missing", f"add '{key}:'")
                 for key in REQUIRED if entry.get(key) in (None, "")]
    if findings:
        return None, findings
    if not isinstance(name, str) or not ID.fullmatch(name):
        findings.append(_finding(display, key_line("id"), f"source id '{name}' is not a valid id",
                                 "use lower-case letters, digits and hyphens, e.g. 'bw-7-611'"))
    for key in ("title", "short", "article"):
        if key in entry and not (isinstance(entry[key], str) or is_text(entry[key])):
            findings.append(_finding(display, key_line(key), f"{label}: '{key}' must be text or "
                                     "one text per language", f"write {key}: \"…\" or "
                                     f"{key}: {{nl: \"…\", en: \"…\"}}"))
    url = entry["url"]
    if not isinstance(url, str) or not URL.fullmatch(url):
        findings.append(_finding(display, key_line("url"), f"{label}: url '{url}' is not an "
                                 "https:// address", "link the official text, e.g. on "
                                 "wetten.overheid.nl or eur-lex.europa.eu"))
    verified = _date(entry["verified"])
    if verified is None:
        findings.append(_finding(display, key_line("verified"), f"{label}: verified "
                                 f"'{entry['verified']}' is not a date", "write YYYY-MM-DD"))
    watch = entry.get("watch")
    parsed_watch = None
    if watch is not None:
        date = _date(watch.get("date")) if isinstance(watch, dict) else None
        note = watch.get("note") if isinstance(watch, dict) else None
        if date is None or not (isinstance(note, str) or is_text(note)) or set(watch) - {"date", "note"}:
            findings.append(_finding(display, key_line("watch"), f"{label}: watch must have a "
                                     "date and a note", "write watch: {date: YYYY-MM-DD, "
                                     "note: \"what to look for\"}"))
        else:
            parsed_watch = Watch(date, note)
    if findings:
        return None, findings
    return LegalSource(name, entry["title"], entry["short"], url, verified, line,
                       entry.get("article") or "", parsed_watch), []


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else parse_day(value)


def _finding(path: str, line: int | None, message: str, fix: str) -> Finding:
    return Finding(path, line, message, fix, check="sources")
