"""When each page's *text* last changed in git: its body, not its front matter or whitespace.

A review bumps ``last_reviewed`` on every page and an editor may re-wrap a paragraph; neither
makes a translation out of date. So a commit counts for a page only when the page's body with
all whitespace collapsed differs from the version before it (on the main line,
``--first-parent``, as in :mod:`policykit.sources.gitdates`).

Cost: one ``git log`` for the docs folder, then one ``git cat-file --batch`` per round of
candidates (usually one or two rounds for the whole site). Never raises: outside git or
without git the result is empty with a ``note``; in a shallow clone a change that cannot be
told from the cut-off history is marked ``exact=False`` (and is not used to warn).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from policykit.sources.frontmatter import front_matter_offset
from policykit.sources.gitdates import GitError, Runner, run_git

MAX_ROUNDS = 12  # commits looked back per page before its date counts as "on or before"


@dataclass(frozen=True)
class ContentChange:
    """The commit that last changed a page's text; ``order`` 0 is the newest commit."""

    commit: str
    day: dt.date
    order: int
    exact: bool = True


@dataclass
class ContentHistory:
    changes: dict[str, ContentChange] = field(default_factory=dict)  # by src_uri
    note: str = ""
    repository: Path | None = None


def history_stamp(folder: Path) -> str | None:
    """What the history depends on, read from the repository's files without running git:
    HEAD, the ref it names, packed refs and the shallow list. None when not readable (then
    the history is read anew)."""
    folder = Path(folder).resolve()
    top = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
    if top is None:
        return None
    try:
        git_dir = top / ".git"
        if git_dir.is_file():  # a worktree: "gitdir: <path>"
            git_dir = Path(git_dir.read_text(encoding="utf-8").split(":", 1)[1].strip())
        common = git_dir
        if (git_dir / "commondir").is_file():
            common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip())
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        parts = [head]
        if head.startswith("ref: "):
            ref = head[5:].strip()
            for base in (git_dir, common):
                if (base / ref).is_file():
                    parts.append((base / ref).read_text(encoding="utf-8").strip())
                    break
        for extra in (common / "packed-refs", git_dir / "shallow", common / "shallow"):
            if extra.is_file():
                parts.append(extra.read_text(encoding="utf-8"))
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    return "\0".join([str(top), *parts])


def read_content_history(docs_dir: Path, wanted: Collection[str],
                         run: Runner = run_git) -> ContentHistory:
    """Last content change of each page in ``wanted`` (paths relative to ``docs_dir``)."""
    docs_dir = Path(docs_dir)
    try:
        info = run(["rev-parse", "--is-shallow-repository", "--show-prefix", "--show-toplevel",
                    "--git-path", "shallow"], docs_dir).splitlines()
        log = run(["-c", "core.quotepath=off", "log", "--first-parent", "-m", "--relative",
                   "--name-only", "-z", "--format=%x1e%H %P|%cs", "--", "."], docs_dir)
    except GitError as error:
        return ContentHistory(note=f"no git history ({error}): translations not compared")
    shallow = bool(info) and info[0].strip() == "true"
    prefix = info[1].strip() if len(info) > 1 else ""
    boundary = _boundary(docs_dir / info[3].strip()) if shallow and len(info) > 3 else set()
    candidates = _candidates(log, set(wanted))
    changes: dict[str, ContentChange] = {}
    pending = {path: 0 for path in candidates}
    for _round in range(MAX_ROUNDS):
        if not pending:
            break
        asks = []
        for path, index in pending.items():
            commit, parent, _, _ = candidates[path][index]
            asks += [f"{commit}:{prefix}{path}", f"{parent}:{prefix}{path}" if parent else ""]
        try:
            bodies = _cat(asks, docs_dir)
        except GitError as error:
            return ContentHistory(changes, f"git history not readable ({error})")
        still: dict[str, int] = {}
        for number, (path, index) in enumerate(pending.items()):
            commit, parent, day, order = candidates[path][index]
            now, before = bodies[2 * number], bodies[2 * number + 1]
            if commit in boundary:  # its parent was not fetched: the change cannot be told
                changes[path] = ContentChange(commit, day, order, exact=False)
            elif now != before:
                changes[path] = ContentChange(commit, day, order)
            elif index + 1 < len(candidates[path]):
                still[path] = index + 1
            else:  # only front-matter or whitespace changes in the history there is
                changes[path] = ContentChange(commit, day, order, exact=False)
        pending = still
    for path, index in pending.items():
        commit, _, day, order = candidates[path][index]
        changes[path] = ContentChange(commit, day, order, exact=False)
    note = ("shallow clone: translations are compared only where the fetched history shows "
            "the change — fetch the full history for a complete comparison") if shallow else ""
    root = Path(info[2].strip()) if len(info) > 2 else None
    return ContentHistory(changes, note, root)


def _candidates(log: str, wanted: set[str]) -> dict[str, list[tuple[str, str, dt.date, int]]]:
    """Per wanted path, the commits that touched it, newest first: (commit, parent, day, order)."""
    found: dict[str, list[tuple[str, str, dt.date, int]]] = {}
    for order, chunk in enumerate(c for c in log.split("\x1e") if c.strip()):
        header, _, names = chunk.partition("\x00")
        hashes, _, day_text = header.strip().partition("|")
        parts = hashes.split()
        try:
            day = dt.date.fromisoformat(day_text.strip())
        except ValueError:
            continue
        commit, parent = parts[0], (parts[1] if len(parts) > 1 else "")
        for name in names.split("\x00"):
            name = name.strip("\n")
            if name in wanted:
                found.setdefault(name, []).append((commit, parent, day, order))
    return found


def _cat(objects: list[str], cwd: Path) -> list[str | None]:
    """The normalised body of each ``commit:path`` (None when missing or for an empty ask)."""
    text = "".join(f"{o or 'missing-object'}\n" for o in objects).encode("utf-8")
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=cwd, input=text,
                              capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(str(error)) from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    out, position, bodies = done.stdout, 0, []
    for _ in objects:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            bodies.append(_body(out[position:position + size].decode("utf-8", "replace")))
            position += size + 1
        else:
            bodies.append(None)
    return bodies


def _boundary(shallow_file: Path) -> set[str]:
    try:
        return set(shallow_file.read_text(encoding="utf-8").split())
    except OSError:
        return set()


def _body(source: str) -> str:
    r"""The page without front matter, every run of whitespace as one space.

    >>> _body("---\nlast_reviewed: 2026-11-20\n---\n# T\n\nEen   zin,\nverder.\n")
    '# T Een zin, verder.'
    """
    return " ".join(source[front_matter_offset(source):].split())


def is_ancestor(cwd: Path, older: str, newer: str) -> bool | None:
    """True when commit ``older`` is ``newer`` or comes before it; None when git cannot tell."""
    try:
        done = subprocess.run(["git", "merge-base", "--is-ancestor", older, newer], cwd=cwd,
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return {0: True, 1: False}.get(done.returncode)
