"""``make update-kit``: take a newer kit version into an organisation's repository.

Plain steps, each with a message a non-developer can act on:

1. the working tree is clean (else: which files are not committed, and what to do);
2. the kit is where ``new-org`` recorded it (``_src_path`` in ``.copier-answers.yml``), or where
   ``KIT=`` points (then the new location is recorded, in a commit of its own); else: where it
   looked and how to point elsewhere;
3. the version that arrives (``VERSION=`` or the kit's newest ``vX.Y.Z`` tag) and the one in use;
4. copier merges the kit's changes; then the files that changed, the kit's CHANGELOG for the
   versions that arrived, and variables a new kit version adds (:mod:`newkeys`);
5. after a clash: which files, how to resolve them, how to finish and how to abort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from policykit.lifecycle.newkeys import add_new_keys
from policykit.lifecycle.neworg import (
    NewOrgError,
    _copier,
    _git,
    conflicted_files,
    explain_answer_error,
)
from policykit.sources.yamlfile import parse_yaml

ANSWERS_FILE = ".copier-answers.yml"
_TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")
ABORT = "git checkout -- . && git clean -fd"


@dataclass
class UpdateResult:
    """What an update did, for the closing message."""

    old: str
    new: str
    changed: list[str] = field(default_factory=list)
    added_keys: list[str] = field(default_factory=list)
    changelog: str = ""

    def summary(self) -> str:
        lines = [f"Kit {self.old} → {self.new}."]
        if self.changed:
            lines.append("Files that changed: " + ", ".join(self.changed))
        else:
            lines.append("No file changed.")
        if self.added_keys:
            lines.append("Added to variables/company.yml with their default (check them): "
                         + ", ".join(self.added_keys))
        if self.changelog:
            lines += ["", "What the kit says about this version (CHANGELOG.md):", self.changelog]
        lines += ["", "Next: run 'make site' and look at the changed pages; then finish with "
                  f"git add -A && git commit -m 'Kit {self.new}'. To undo: {ABORT}"]
        return "\n".join(lines)


def semver_tags(names: list[str]) -> list[str]:
    """The ``vX.Y.Z`` names among ``names``, oldest first.

    >>> semver_tags(["v1.10.0", "v1.2.0", "latest", "v1.2.1"])
    ['v1.2.0', 'v1.2.1', 'v1.10.0']
    """
    tags = [n for n in names if _TAG.match(n)]
    return sorted(tags, key=lambda n: tuple(int(p) for p in _TAG.match(n).groups()))


def kit_tags(kit: str, project: Path) -> list[str]:
    """The kit's version tags, oldest first; raises with where it looked when it cannot be read."""
    try:
        out = _git(project, "ls-remote", "--tags", "--refs", kit)
    except NewOrgError:
        raise NewOrgError(_not_found(kit)) from None
    return semver_tags([line.rsplit("refs/tags/", 1)[-1] for line in out.splitlines()])


def _not_found(kit: str) -> str:
    return (f"{ANSWERS_FILE}: the kit is not at {kit} (where 'make new-org' recorded it, or "
            "where KIT= points) — point to where it is now: make update-kit KIT=/path/to/kit "
            "or KIT=https://git.example/our/kit.git")


def recorded_kit(project: Path) -> tuple[str, str]:
    """The kit location and version recorded in ``.copier-answers.yml``."""
    path = project / ANSWERS_FILE
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"), ANSWERS_FILE).data
    except OSError:
        raise NewOrgError(f"{project}: no {ANSWERS_FILE} — run 'make update-kit' in a repository "
                          "made with 'make new-org'") from None
    return str(data.get("_src_path") or ""), str(data.get("_commit") or "")


def uncommitted(project: Path) -> list[str]:
    return [line[3:].strip().strip('"') for line in
            _git(project, "status", "--porcelain", "--untracked-files=all").splitlines()]


def update(project: Path, version: str | None = None, kit: str | None = None) -> UpdateResult:
    """Take the kit's ``version`` (default: its newest tag) into ``project``."""
    copier = _copier()
    dirty = uncommitted(project)
    if dirty:
        raise NewOrgError(f"{project}: these files have changes that are not committed: "
                          f"{', '.join(dirty)} — commit them (git add -A && git commit -m '...') "
                          "or undo them, then run 'make update-kit' again")
    recorded, old = recorded_kit(project)
    source = kit or recorded
    if not source:
        raise NewOrgError(f"{ANSWERS_FILE}: the kit's location is not recorded — run "
                          "make update-kit KIT=/path/to/kit (or its git URL)")
    tags = kit_tags(source, project)
    new = version or (tags[-1] if tags else None)
    if new is None:
        raise NewOrgError(f"{source}: the kit has no version tag (vX.Y.Z) — ask its maintainers "
                          "to tag a release, or give VERSION=<commit or branch>")
    if version and tags and version not in tags:
        raise NewOrgError(f"{source}: the kit has no version {version} — choose one of: "
                          + ", ".join(tags))
    if source != recorded:
        _record_location(project, recorded, source)
    try:
        copier.run_update(str(project), defaults=True, overwrite=True, vcs_ref=new, quiet=True)
    except ValueError as error:
        raise NewOrgError(explain_answer_error(error, None)) from None
    except copier.errors.CopierError as error:
        raise NewOrgError(f"{project}: copier stopped: {error} — check KIT= and VERSION=") from None
    clashes = conflicted_files(project)
    if clashes:
        raise NewOrgError(clash_message(clashes, new))
    added = add_new_keys(project / "variables/company.yml", project / "variables/new-keys.yml")
    changed = uncommitted(project)
    return UpdateResult(old or "?", new, changed, added, changelog_since(project, old, new))


def _record_location(project: Path, old: str, new: str) -> None:
    path = project / ANSWERS_FILE
    text = path.read_text(encoding="utf-8")
    line = f"_src_path: {new}"
    text = re.sub(r"(?m)^_src_path: .*$", line, text) if old else text + line + "\n"
    path.write_text(text, encoding="utf-8")
    _git(project, "add", ANSWERS_FILE)
    _git(project, "commit", "-q", "-m", f"Kit location: {new}")


def clash_message(clashes: list[str], new: str) -> str:
    """What to do after the kit's changes clashed with the organisation's."""
    files = "\n".join(f"  {name}" for name in clashes)
    return (f"The kit's {new} changes clash with changes made here, in:\n{files}\n"
            "To resolve: open each file, find the lines between <<<<<<< and >>>>>>>, keep the "
            "text that is right (the part after ======= is the kit's), and delete the three "
            "marker lines. A .rej file lists a change that could not be placed: apply it by "
            "hand, then delete the .rej file.\n"
            f"To finish: make site, then git add -A && git commit -m 'Kit {new}'.\n"
            f"To abort and keep everything as it was: {ABORT}\n"
            "To avoid clashes next time: put your own text in docs/local/ (slots, replaced "
            "pages) instead of editing kit pages.")


def changelog_since(project: Path, old: str, new: str) -> str:
    """The kit's CHANGELOG.md sections after ``old`` up to ``new`` (headings ``## vX.Y.Z``)."""
    path = project / "CHANGELOG.md"
    if not path.is_file():
        return ""
    sections = re.split(r"(?m)^(?=## v\d)", path.read_text(encoding="utf-8"))
    wanted = []
    for section in sections:
        match = re.match(r"## (v\d+\.\d+\.\d+)", section)
        if not match:
            continue
        tag = match.group(1)
        if tag == old or (_TAG.match(old or "") and semver_tags([old, tag])[0] == tag):
            break  # sections run newest first
        if _TAG.match(new or "") and semver_tags([new, tag])[-1] == tag and tag != new:
            continue  # newer than the version that arrives
        wanted.append(section.strip())
    return "\n\n".join(wanted)
