"""The Nu Html Checker (vnu.jar from npm) over a whole built site, in one JVM, and the allow-list
of errors that the theme causes."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Allowed:
    """An error the theme causes: matched by text in the message and the extract."""

    message: str
    extract: str
    theme_file: str
    reason: str

    def matches(self, error: dict[str, Any]) -> bool:
        return self.message in error.get("message", "") and self.extract in error.get("extract", "")


def load_allowlist(path: Path) -> list[Allowed]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Allowed(entry["message"], entry.get("extract", ""), entry["theme_file"],
                    " ".join(entry["reason"].split())) for entry in entries]


def check_site(java: list[str], jar: Path, site: Path, timeout: int = 300) -> list[dict[str, Any]]:
    """Every message vnu reports for the HTML files under ``site`` (JSON on stderr)."""
    done = subprocess.run([*java, "-jar", str(jar), "--format", "json", "--skip-non-html",
                           str(site)], capture_output=True, text=True, timeout=timeout)
    try:
        return json.loads(done.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu gave no JSON report (exit {done.returncode}):\n"
                             f"{done.stderr[-2000:]}") from None


def is_error(message: dict[str, Any]) -> bool:
    """Errors, fatal errors and problems reading a file; not warnings or info."""
    return message.get("type") in ("error", "non-document-error")


def where(message: dict[str, Any], site: Path) -> str:
    url = message.get("url", "")
    path = url.removeprefix("file:").removeprefix(str(site)).lstrip("/") or url
    return f"{path}:{message.get('lastLine', '?')}"
