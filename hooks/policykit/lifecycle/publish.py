"""Publish a built site atomically: the folder a web server serves is never half-updated.

Layout next to the published path ``DEST`` (for example ``/srv/policy``)::

    /srv/policy                    symlink -> policy.releases/20260901T101500-3f2a
    /srv/policy.releases/
        20260901T101500-3f2a/      the site being served
        20260815T090000-91bc/      the previous site (kept for a quick rollback)

A new release is built into a temporary folder inside ``DEST.releases``; only when the build
and every check passed is ``DEST`` switched to it with one ``rename(2)`` of a fresh symlink
(``os.replace``), which is atomic on POSIX: each request sees either the old or the new site,
never a mix and never nothing. A failed build or check removes only its own temporary folder.

Why a symlink and not renaming folders: swapping two directories takes two renames, and between
them ``DEST`` does not exist. If ``DEST`` is still a plain folder from an older setup it is moved
into the releases folder once (the only moment it is briefly absent) and a symlink takes its place.

This module never imports MkDocs; the build itself is a command it runs.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

KEEP_RELEASES = 3
BUILD_PREFIX = "build-"


class PublishError(Exception):
    """Publishing stopped; the published site was not changed."""


@dataclass(frozen=True)
class Release:
    """Where a release lives and how the published path points to it.

    >>> Release(Path("/srv/policy")).releases_dir
    PosixPath('/srv/policy.releases')
    """

    dest: Path

    @property
    def releases_dir(self) -> Path:
        return self.dest.with_name(self.dest.name + ".releases")

    def current(self) -> Path | None:
        """The release folder ``dest`` serves now, or None when nothing is published."""
        if self.dest.is_symlink():
            return (self.dest.parent / os.readlink(self.dest)).resolve()
        if self.dest.is_dir():
            return self.dest
        return None


@dataclass
class PublishResult:
    """What a publish run did."""

    release: Path
    previous: Path | None
    removed: list[Path] = field(default_factory=list)


# A checker gets the freshly built folder and returns problems (empty when all is well).
Checker = Callable[[Path], list[str]]


def publish(dest: Path, build_command: Sequence[str], *, cwd: Path,
            checks: Sequence[Checker] = (), keep: int = KEEP_RELEASES,
            env: dict[str, str] | None = None,
            now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
            ) -> PublishResult:
    """Build with ``build_command`` (``{site}`` is replaced by the target folder), run the
    checks, then switch ``dest`` to the new release. Raises ``PublishError`` and leaves
    ``dest`` untouched when anything fails."""
    release = Release(Path(os.path.abspath(dest)))
    with _locked(release):
        try:
            _clean_leftovers(release)
            return _publish_locked(release, build_command, cwd, checks, keep, env, now())
        except OSError as error:
            raise PublishError(_os_problem(error, release)) from None


def rollback(dest: Path) -> tuple[Path, Path]:
    """Switch ``dest`` back to the release published before the live one, atomically;
    returns (the release left, the release now served)."""
    release = Release(Path(os.path.abspath(dest)))
    with _locked(release):
        current = release.current()
        if current is None or not release.dest.is_symlink():
            raise PublishError(f"{release.dest}: nothing is published with releases yet — "
                               "publish first")
        releases = [p.resolve() for p in _releases(release)]
        older = releases[releases.index(current) + 1:] if current in releases else releases
        if not older:
            raise PublishError(f"{release.dest}: there is no release before {current.name} "
                               "to go back to")
        try:
            _switch(release, older[0])
        except OSError as error:
            raise PublishError(_os_problem(error, release)) from None
        return current, older[0]


@contextmanager
def _locked(release: Release) -> Iterator[None]:
    """Hold the releases folder's lock; every setup problem is one clear PublishError."""
    dest = release.dest
    if not dest.parent.is_dir():
        raise PublishError(f"{dest.parent} does not exist — create that folder first, or "
                           "choose another DEST")
    if str(dest).startswith(("/proc/", "/sys/", "/dev/")) or str(dest) in ("/proc", "/sys"):
        raise PublishError(f"{dest} is inside a system folder (/proc, /sys or /dev) — choose "
                           "a folder the web server serves, e.g. /srv/policy-site")
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} is a file, not a published site folder — "
                           "choose another DEST or remove that file")
    try:
        release.releases_dir.mkdir(exist_ok=True)
        lock = open(release.releases_dir / ".lock", "w")
    except OSError as error:
        raise PublishError(_os_problem(error, release)) from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"another publish to {dest} is running — wait for it "
                               "to finish, then try again") from None
        yield


def _os_problem(error: OSError, release: Release) -> str:
    """One sentence for a file system error while publishing."""
    where = error.filename or release.releases_dir
    if error.errno == errno.ENOSPC:
        return f"the disk of {where} is full — free space there, then publish again"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"cannot write to {where} ({error.strerror}) — publish as a user who may "
                "write there, or choose another DEST")
    return f"cannot publish to {where} ({error.strerror or error}) — check the folder"


def _clean_leftovers(release: Release) -> None:
    """Remove what a killed publish left: its build folder and its temporary symlink."""
    for leftover in release.releases_dir.glob(f"{BUILD_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for link in release.dest.parent.glob(f".{release.dest.name}.switch-*"):
        if link.is_symlink():
            link.unlink()


def _publish_locked(release: Release, build_command: Sequence[str], cwd: Path,
                    checks: Sequence[Checker], keep: int, env: dict[str, str] | None,
                    moment: dt.datetime) -> PublishResult:
    work = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=release.releases_dir))
    try:
        _build(build_command, work, cwd, env)
        problems = [problem for check in checks for problem in check(work)]
        if problems:
            raise PublishError("the built site failed its checks:\n"
                               + "\n".join(f"  {p}" for p in problems))
        final = release.releases_dir / _release_name(work, moment)
        work.chmod(0o755)  # mkdtemp makes it private; the web server's user must read it
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    previous = _switch(release, final)
    removed = _prune(release, keep, protect={final, previous})
    return PublishResult(final, previous, removed)


def _build(command: Sequence[str], site: Path, cwd: Path, env: dict[str, str] | None) -> None:
    argv = [part.replace("{site}", str(site)) for part in command]
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=1800)
    except FileNotFoundError as error:
        raise PublishError(f"cannot run the build: {error.filename} not found — "
                           "run 'make publish' so the virtual environment is set up") from None
    except subprocess.TimeoutExpired:
        raise PublishError("the build did not finish within 30 minutes") from None
    if done.returncode != 0:
        if "No space left on device" in done.stdout:
            raise PublishError(f"the disk of {site.parent} is full — free space there, then "
                               "publish again")
        lines = _without_traceback(done.stdout.strip().splitlines())
        problems = [line for line in lines if not line.startswith("INFO")]
        output = "\n".join(problems or lines)
        raise PublishError(f"the build failed (exit {done.returncode}):\n{output}")
    if not (site / "index.html").is_file():
        raise PublishError(f"the build wrote no index.html into {site} — check site_dir "
                           "and the build command")


def _without_traceback(lines: list[str]) -> list[str]:
    """The build's output with any Python traceback reduced to its last line."""
    out, inside = [], False
    for line in lines:
        if line.startswith("Traceback (most recent call last)"):
            inside = True
        elif inside and not line.startswith((" ", "\t")):
            inside = False
            out.append(line)
        elif not inside:
            out.append(line)
    return out


def _release_name(work: Path, moment: dt.datetime) -> str:
    suffix = work.name[len(BUILD_PREFIX):]
    return f"{moment.strftime('%Y%m%dT%H%M%S')}-{suffix}"


def _switch(release: Release, target: Path) -> Path | None:
    """Point ``release.dest`` at ``target`` with one atomic rename of a new symlink;
    returns the release folder served before."""
    dest = release.dest
    previous = release.current()
    link_text = os.path.relpath(target, dest.parent)
    if dest.is_dir() and not dest.is_symlink():
        # One-time move from a plain folder to the symlink layout.
        previous = release.releases_dir / f"legacy-{os.getpid()}"
        dest.rename(previous)
    temporary = dest.with_name(f".{dest.name}.switch-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(link_text, target_is_directory=True)
    os.replace(temporary, dest)
    return previous


def _releases(release: Release) -> list[Path]:
    """Release folders, newest first (their names start with the publish time)."""
    return sorted((p for p in release.releases_dir.iterdir()
                   if p.is_dir() and not p.is_symlink() and not p.name.startswith(BUILD_PREFIX)),
                  key=_age, reverse=True)


def _age(folder: Path) -> tuple[int, str, int]:
    """Sort key, oldest first: a moved-aside plain folder, then by publish time."""
    if folder.name.startswith("legacy-"):
        return (0, "", 0)
    return (1, folder.name[:15], folder.stat().st_mtime_ns)


def _prune(release: Release, keep: int, protect: set[Path | None]) -> list[Path]:
    """Remove the oldest releases beyond ``keep``; never the live or the previous one."""
    removed = []
    for folder in _releases(release)[keep:]:
        if folder.resolve() in {p.resolve() for p in protect if p}:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
