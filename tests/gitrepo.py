"""Test helpers for real git repositories: run git with a fixed identity and commit dates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import QUIET_ENV, REPO

IDENTITY = {"GIT_AUTHOR_NAME": "Kit Test", "GIT_AUTHOR_EMAIL": "kit@test.invalid",
            "GIT_COMMITTER_NAME": "Kit Test", "GIT_COMMITTER_EMAIL": "kit@test.invalid"}
VENV = Path(sys.executable).parent.parent
# Left out of a copy of the whole repository (the template for new organisations).
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", "site-*", "__pycache__", "*.pyc",
                                    "*.egg-info", ".pytest_cache", ".ruff_cache", "artifacts",
                                    "build", "dist", ".cache")


def git(cwd: Path, *args: str, day: str | None = None) -> str:
    """Run ``git args`` in ``cwd``; ``day`` (YYYY-MM-DD) fixes the commit dates."""
    env = {**os.environ, **IDENTITY}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{done.stderr}"
    return done.stdout


def commit_all(cwd: Path, message: str, day: str | None = None) -> None:
    git(cwd, "add", "-A")
    git(cwd, "commit", "-q", "-m", message, day=day)


def init_repo(path: Path, day: str | None = None) -> Path:
    """Make ``path`` a git repository with everything in it committed."""
    git(path, "init", "-q", "-b", "main")
    commit_all(path, "initial", day=day)
    return path


def copy_repository(dest: Path) -> Path:
    """A copy of the whole repository as it is on disk (kit, template files, CI files): the
    files a clone would have plus new ones not ignored, never installed npm packages or builds."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, timeout=60)
    if listed.returncode != 0:  # not a git checkout (an unpacked archive): copy all but builds
        shutil.copytree(REPO, dest, ignore=NOT_COPIED)
        return dest
    for name in sorted(set(listed.stdout.decode("utf-8", "surrogateescape").split("\0")) - {""}):
        source = REPO / name
        if not (source.is_file() or source.is_symlink()):
            continue  # deleted in the work tree, not yet committed
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    return dest


def kit_template(dest: Path, day: str = "2026-10-01", tag: str = "v1.0.0") -> Path:
    """The whole repository copied to ``dest`` as a git repository tagged ``tag``: the kit as
    ``make new-org`` and ``make update-kit`` read it."""
    repo = init_repo(copy_repository(dest), day=day)
    git(repo, "tag", tag)
    return repo


def make(cwd: Path, *args: str, quiet: bool = True,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a make target with the test's own virtual environment: never a new install into it
    (``-o`` the install stamp). ``quiet=False`` lets make print the commands it runs."""
    stamp = VENV / ".kit-installed"
    full_env = {**os.environ, **IDENTITY, **QUIET_ENV, **(env or {})}
    return subprocess.run(["make", *(["-s"] if quiet else []), f"VENV={VENV}", "-o", str(stamp),
                           *args], cwd=cwd, capture_output=True, text=True, env=full_env,
                          timeout=600)


def files_with_conflicts(root: Path) -> list[str]:
    bad = []
    for path in root.rglob("*"):
        if ".git" in path.parts or ".venv" in path.parts or not path.is_file():
            continue
        if path.suffix == ".rej" or path.name.endswith(".orig"):
            bad.append(str(path))
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "\n<<<<<<< " in "\n" + text or "\n>>>>>>> " in "\n" + text:
            bad.append(str(path))
    return bad


def new_org(kit_repo: Path, workdir: Path, answers: str) -> Path:
    path = workdir / "answers.yml"
    path.write_text(answers, encoding="utf-8")
    done = make(kit_repo, "new-org", f"DEST={workdir / 'org'}", f"ANSWERS={path}")
    assert done.returncode == 0, done.stdout + done.stderr
    return workdir / "org"
