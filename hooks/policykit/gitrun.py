"""The one way the kit runs git (page dates, new organisations, kit updates)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


class GitError(Exception):
    """git is missing (``missing``) or refused the command (``str()`` is git's message)."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


def run_git(args: Sequence[str], cwd: Path, timeout: float = 300) -> str:
    """Run ``git args`` in ``cwd`` and return its output; raise :class:`GitError` on failure.

    >>> run_git(["--version"], Path(".")).startswith("git version")
    True
    """
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout)
    except FileNotFoundError:
        raise GitError("git is not installed", missing=True) from None
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(str(error)) from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {args[0]} failed")
    return done.stdout
