"""When each page last changed, read from git with one ``git log`` for the whole docs folder.

``read_history(docs_dir)`` returns the date of the newest commit that touched each file
(paths relative to ``docs_dir``, like MkDocs' ``src_uri``). It never raises: outside a git
repository, without git, or in a shallow clone it returns what it can plus a ``note`` that
says why dates are missing or approximate and how to get them.

Dates follow the main line (``--first-parent``): a change made on a branch counts from the day
it was merged, the day it reached the published policy.

In a shallow clone (CI often fetches one commit) the oldest fetched commit shows every file
as new. A file last seen in such a commit changed *on or before* that commit's date, so its
date is kept with ``exact=False`` instead of being shown as a change that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policykit.dates import long_date
from policykit.gitrun import GitError, run_git
from policykit.labels import words

Runner = Callable[[Sequence[str], Path], str]

_COMMIT = "\x1e"  # starts every commit in the log output
_LOG_FORMAT = "--format=%x1e%H %cs"


@dataclass(frozen=True)
class PageDate:
    """The day a file last changed; ``exact`` is False when history was cut off (shallow)."""

    day: dt.date
    exact: bool = True


@dataclass
class History:
    """Last-change dates by path relative to the docs folder, and a note when incomplete."""

    dates: dict[str, PageDate] = field(default_factory=dict)
    note: str = ""

    def get(self, src_uri: str) -> PageDate | None:
        return self.dates.get(src_uri)

    def explained(self) -> str:
        """The note as a line for the build log ("" when the dates are complete)."""
        return f"page dates: {self.note}" if self.note else ""


def read_history(docs_dir: Path, run: Runner = run_git) -> History:
    """Last-change dates of every committed file under ``docs_dir`` (two git calls in all)."""
    docs_dir = Path(docs_dir)
    try:
        info = run(["rev-parse", "--is-shallow-repository", "--git-path", "shallow"],
                   docs_dir).splitlines()
    except GitError:
        return History(note="not a git repository (or git is not installed): "
                            "pages show no last-changed date")
    shallow = bool(info) and info[0].strip() == "true"
    boundary = _shallow_boundary(docs_dir / info[1].strip()) if shallow and len(info) > 1 else set()
    try:
        log = run(["-c", "core.quotepath=off", "log", "--first-parent", "-m", "--relative",
                   "--name-only", "-z", _LOG_FORMAT, "--", "."], docs_dir)
    except GitError as error:
        # A repository without commits yet has no history to show.
        return History(note=f"git history not readable ({error}): pages show no last-changed date")
    dates = parse_log(log, boundary)
    note = ""
    if shallow:
        note = ("shallow clone: dates of pages not changed in the fetched commits are shown as "
                "'on or before' — fetch the full history (e.g. 'fetch-depth: 0' in GitHub Actions, "
                "GIT_DEPTH: 0 in GitLab CI) for exact dates")
    return History(dates=dates, note=note)


def parse_log(output: str, boundary: set[str] = frozenset()) -> dict[str, PageDate]:
    """Dates from ``git log --name-only -z --format=%x1e%H %cs`` output, newest commit first.

    >>> log = "\\x1eaaa 2025-03-04\\x00\\na.md\\x00\\x1ebbb 2024-01-02\\x00\\na.md\\x00b.md\\x00"
    >>> parse_log(log)
    {'a.md': PageDate(day=datetime.date(2025, 3, 4), exact=True), \
'b.md': PageDate(day=datetime.date(2024, 1, 2), exact=True)}
    """
    dates: dict[str, PageDate] = {}
    for chunk in output.split(_COMMIT):
        if not chunk.strip():
            continue
        header, _, names = chunk.partition("\x00")
        commit, _, day_text = header.strip().partition(" ")
        try:
            day = dt.date.fromisoformat(day_text.strip())
        except ValueError:
            continue
        exact = commit not in boundary
        for name in names.split("\x00"):
            name = name.strip("\n")
            if name and name not in dates:
                dates[name] = PageDate(day, exact)
    return dates


def last_changed_text(when: PageDate, lang: str) -> str:
    """``Laatst gewijzigd: 4 maart 2025`` / ``Last changed: on or before 4 March 2025``."""
    labels = words("dates", lang)
    day = long_date(when.day, lang)
    return f"{labels['changed']}: {day if when.exact else labels['before'] + ' ' + day}"


def last_changed_html(when: PageDate, lang: str) -> str:
    """The last-changed line as HTML for the theme's page footer (values are dates only)."""
    text = last_changed_text(when, lang)
    label, _, day = text.partition(": ")
    return (f'<span class="pk-last-changed" data-generated="hooks/page_history.py">{label}: '
            f'<time datetime="{when.day.isoformat()}">{day}</time></span>')


def _shallow_boundary(shallow_file: Path) -> set[str]:
    try:
        return set(shallow_file.read_text(encoding="utf-8").split())
    except OSError:
        return set()
