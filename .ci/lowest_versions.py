"""Constraints that pin every kit dependency to the lowest version ``pyproject.toml`` allows.

    python .ci/lowest_versions.py > lowest.txt
    pip install -c lowest.txt -e '.[test]'      # the kit at its floors, test tools as usual

The CI job "lowest versions" builds and tests the kit with these, so a floor that is too low
(a feature or a security fix the kit needs came later) fails there instead of on an
organisation's machine. Only ``[project] dependencies`` are pinned; the test tools are not.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def lowest_pins(requirements: list[str]) -> list[str]:
    """``["mkdocs>=1.6,<2"]`` → ``["mkdocs==1.6"]``; a requirement without ``>=`` is an error."""
    pins = []
    for requirement in requirements:
        match = _FLOOR.match(requirement.split(";", 1)[0])
        floor = re.search(r">=\s*([0-9][^,\s]*)", match.group(2)) if match else None
        if floor is None:
            raise ValueError(f"pyproject.toml: {requirement!r} has no lower bound (>=) — "
                             "give every dependency the lowest version the kit works with")
        pins.append(f"{match.group(1)}=={floor.group(1)}")
    return pins


def main() -> int:
    project = tomllib.loads(Path(__file__).resolve().parents[1].joinpath("pyproject.toml")
                            .read_text(encoding="utf-8"))
    try:
        print("\n".join(lowest_pins(project["project"]["dependencies"])))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
