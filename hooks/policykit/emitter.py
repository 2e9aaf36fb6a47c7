"""The one route from a check's findings to the log, the report and a failed build.

Every finding of every check goes through :meth:`Emitter.emit`: it is recorded in the build
report (``policykit-report.json``) and logged — an error as a WARNING, which fails the strict
build (MkDocs and ProperDocs count warnings; ``policykit check`` counts errors), a warning as
INFO (it informs, it does not fail yet). Findings that make the rest of the build meaningless
(invalid variables, a page missing in a language) go through :meth:`Emitter.stop`, which
raises :class:`StopBuild`; the adapters turn that into the engine's own error. Messages are
written in the checks; the emitter and the adapters add none of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from policykit.findings import Finding, by_place, format_findings
from policykit.report import BuildReport

LOGGER_PREFIX = "mkdocs.plugins.policykit"  # ProperDocs aliases the mkdocs loggers
WARNING_PREFIX = "warning, not failing yet: "


class StopBuild(Exception):
    """Findings that stop the build at once; the message lists them, sorted by place.

    >>> print(StopBuild([Finding("b.md", 2, "bad", "fix"), Finding("a.md", 1, "bad", "fix")], "2:"))
    2:
    a.md:1: bad — fix
    b.md:2: bad — fix
    """

    def __init__(self, findings: Iterable[Finding], heading: str = ""):
        self.findings = sorted(findings, key=by_place)
        lines = format_findings(self.findings)
        super().__init__("\n".join(part for part in (heading, lines) if part))


@dataclass
class Emitter:
    """Logs findings by severity and records them in ``report``."""

    report: BuildReport
    prefix: str = LOGGER_PREFIX

    def logger(self, check: str) -> logging.Logger:
        return logging.getLogger(f"{self.prefix}.{check}")

    def emit(self, check: str, findings: Iterable[Finding], seconds: float = 0.0,
             **checked: int) -> list[Finding]:
        """Record and log ``findings`` of ``check``; returns them sorted by place."""
        ordered = sorted(findings, key=by_place)
        self.report.add(check, ordered, seconds, **checked)
        log = self.logger(check)
        for finding in ordered:
            if finding.severity == "error":
                log.warning(str(finding))
            else:
                log.info(WARNING_PREFIX + str(finding))
        return ordered

    def note(self, check: str, text: str) -> None:
        """Information that is not a finding (never fails a build)."""
        self.logger(check).info(text)

    def stop(self, findings: Iterable[Finding], heading: str = "") -> None:
        """Raise :class:`StopBuild` when there are findings; otherwise do nothing."""
        findings = list(findings)
        if findings:
            raise StopBuild(findings, heading)
