"""Where the kit's files live in a project, and the variables loaded once per build."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from policykit.sources.people import PEOPLE_FILE
from policykit.sources.variables import Variables, load_schema, load_variables

VARIABLES_FILE = "variables/company.yml"
SCHEMA_FILE = "variables/company.schema.json"
# What a build needs: copied together, they make a buildable project (tests, benchmarks).
SOURCE_PARTS = ("docs", "overrides", "variables", "hooks", "deploy", "mkdocs.yml",
                "pyproject.toml")


@dataclass(frozen=True)
class Project:
    """A policy project rooted at the folder that holds ``mkdocs.yml``."""

    root: Path

    @property
    def variables_path(self) -> Path:
        return self.root / VARIABLES_FILE

    @property
    def people_path(self) -> Path:
        """The web editor's data file (contacts, accounts, spokespeople), when it exists."""
        return self.root / PEOPLE_FILE

    @property
    def schema_path(self) -> Path:
        return self.root / SCHEMA_FILE

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def display(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes, for messages.

        >>> Project(Path("/p")).display(Path("/p/docs/a.md")), Project(Path("/p")).display(Path("/q"))
        ('docs/a.md', '/q')
        """
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symlink loop
            return str(path)

    def load_variables(self) -> Variables:
        """Validated variables; raises ``InputError`` listing every problem."""
        return _load(os.path.abspath(self.variables_path), os.path.abspath(self.schema_path),
                     self.display(self.variables_path), os.path.abspath(self.people_path),
                     (_mtime(self.variables_path), _mtime(self.people_path)))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0.0


@lru_cache(maxsize=8)
def _load(variables: str, schema: str, display: str, people: str, _stamp: Any) -> Variables:
    return load_variables(Path(variables), load_schema(Path(schema)), display,
                          Path(people), PEOPLE_FILE)


def copy_sources(root: Path, dest: Path) -> Path:
    """A fresh copy of the project's build sources in ``dest`` (no venv, no built site, no git)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for part in SOURCE_PARTS:
        src = Path(root) / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest
