"""The one finding type every check returns, printed as ``path:line: what is wrong — how to fix``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, pointing at the file and line an editor has to change.

    >>> str(Finding("docs/index.nl.md", 3, "broken link 'x.md'", "correct the file name"))
    "docs/index.nl.md:3: broken link 'x.md' — correct the file name"
    """

    path: str
    line: int | None
    message: str
    fix: str
    column: int | None = None
    severity: Severity = "error"
    check: str = ""

    def location(self) -> str:
        """``path:line:column`` with the parts that are known."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message} — {self.fix}"


class InputError(Exception):
    """Bad input (a YAML file, the variables, a page) that stops the work; carries the findings."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def format_findings(findings: list[Finding]) -> str:
    """All findings, sorted by place, one per line."""
    return "\n".join(str(f) for f in sorted(findings, key=by_place))


def by_place(finding: Finding) -> tuple[str, int, int, str]:
    """Sort key: file, line and column (unknown ones first), message."""
    return (finding.path, finding.line or 0, finding.column or 0, finding.message)


def did_you_mean(word: object, candidates: Iterable[object], otherwise: str,
                 template: str = "did you mean '{}'?") -> str:
    """The fix for a misspelt name: the closest candidate, or ``otherwise`` when none is close.

    >>> did_you_mean("emial", ["email", "phone"], "check the spelling")
    "did you mean 'email'?"
    """
    guess = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1)
    return template.format(guess[0]) if guess else otherwise
