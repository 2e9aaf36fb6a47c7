"""The record of what one build checked, published as ``policykit-report.json`` with the site.

One report per build, held by the build context (:mod:`policykit.context`); only the
emitter (:mod:`policykit.emitter`) adds findings to it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from policykit.findings import Finding, by_place

REPORT_NAME = "policykit-report.json"


@dataclass
class CheckResult:
    """Findings of one check, what it looked at, and how long it took."""

    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    not_checked: str = ""         # why the check could not run (it then neither passes nor fails)


@dataclass
class BuildReport:
    """Everything the checks found in one build.

    >>> report = BuildReport()
    >>> report.add("links", [Finding("a.md", 1, "broken", "fix")], 0.1, pages=2)
    >>> report.errors(), report.as_dict()["checks"]["links"]["status"]
    (1, 'failed')
    """

    organisation: str = ""
    today: str = ""
    enabled: list[str] = field(default_factory=list)
    checks: dict[str, CheckResult] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def reset(self, organisation: str, today: dt.date, enabled: list[str]) -> None:
        self.organisation, self.today, self.enabled = organisation, today.isoformat(), enabled
        self.checks, self.details = {}, {}

    def add(self, check: str, findings: list[Finding], seconds: float, **checked: int) -> None:
        result = self.checks.setdefault(check, CheckResult())
        result.findings.extend(findings)
        result.checked.update(checked)
        result.seconds += seconds

    def errors(self) -> int:
        return sum(f.severity == "error" for r in self.checks.values() for f in r.findings)

    def as_dict(self) -> dict[str, Any]:
        checks = {}
        for name, result in sorted(self.checks.items()):
            checks[name] = {
                "status": "failed" if any(f.severity == "error" for f in result.findings)
                else "not checked" if result.not_checked else "passed",
                **({"not_checked": result.not_checked} if result.not_checked else {}),
                "checked": result.checked,
                "seconds": round(result.seconds, 4),
                "findings": [{**asdict(f), "text": str(f)}
                             for f in sorted(result.findings, key=by_place)],
            }
        return {"generator": "Social Media Policy Kit build checks", "organisation":
                self.organisation, "date": self.today, "enabled": self.enabled,
                "errors": self.errors(), "checks": checks, **self.details}

    def write(self, site_dir: Path) -> Path:
        path = Path(site_dir) / REPORT_NAME
        text = json.dumps(self.as_dict(), indent=2, ensure_ascii=False, default=str)
        # Values are text in any viewer: no '<', '>' or '&' that HTML would act on (still JSON).
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        path.write_text(text, encoding="utf-8")
        return path

