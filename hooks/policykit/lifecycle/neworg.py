"""Start a new organisation's policy repository from the kit, and take in later kit versions.

``python -m policykit.lifecycle.neworg create DEST [--answers FILE]`` runs copier on the kit (the questions
are in ``copier.yml``), then makes ``DEST`` a git repository with one commit: copier needs that
to update it later. ``python -m policykit.lifecycle.neworg update`` (run inside the organisation's
repository) merges the kit's newest tagged version in. Bad answers are reported as
``answers.yml:3: domain: ... — ...``, never as a traceback. ``make new-org`` and
``make update-kit`` call this module.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import string
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policykit.checks.sourcefiles import has_conflict_markers
from policykit.findings import Finding, InputError
from policykit.gitrun import GitError, run_git
from policykit.lifecycle.copierspeed import speed_up
from policykit.sources.yamlfile import parse_yaml

FIRST_COMMIT = "Start our social media policy from the Social Media Policy Kit"
_VALIDATION = re.compile(r"""(?:Validation error for question|Invalid choice for) '([^']+)': (.*)""",
                         re.S)
_REQUIRED = re.compile(r"""Question "([^"]+)" is required""")


class NewOrgError(Exception):
    """Something the person running the command must fix; ``str()`` says what and how."""


def read_answers(path: Path) -> dict[str, Any]:
    """The answers file as a dict; dates stay ``YYYY-MM-DD`` text."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise NewOrgError(f"{path}: cannot read the answers file ({error.strerror}) — "
                          "check the file name") from None
    try:
        data = parse_yaml(text, str(path)).data
    except InputError as error:
        raise NewOrgError("\n".join(str(f) for f in error.findings)) from None
    if not isinstance(data, dict):
        raise NewOrgError(f"{path}:1: the answers file holds no answers — write one "
                          "'question: answer' per line (the questions are in copier.yml)")
    return {key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in data.items()}


def explain_answer_error(error: Exception, answers: Path | None) -> str:
    """Turn copier's message about one answer into ``file:line: question: problem — fix``.

    >>> explain_answer_error(ValueError("something odd"), None)
    'answer: something odd — correct the answer and run the command again'
    >>> explain_answer_error(ValueError("Invalid choice for 'kind': 'x' is not in ['school']"), None)
    "answer: kind: 'x' is not in ['school'] — correct the answer and run the command again"
    """
    message = str(error)
    where = str(answers) if answers else "answer"
    line = None
    question, problem, fix = None, message, "correct the answer and run the command again"
    if match := _VALIDATION.search(message):
        question, problem = match.group(1), match.group(2).strip()
    elif match := _REQUIRED.search(message):
        question = match.group(1)
        problem = "no answer"
        fix = (f"add a line '{question}: ...' to the answers file "
               "(copier.yml says what the question asks)")
    if question and answers:
        try:
            document = parse_yaml(Path(answers).read_text(encoding="utf-8"), where)
            line = document.key_lines.get((question,))
        except (OSError, InputError):
            line = None
    subject = f"{question}: {problem}" if question else problem
    return str(Finding(where, line, subject, fix, check="new-org"))


def create(dest: Path, kit: str, answers: Path | None = None, version: str | None = None) -> None:
    """Copy the kit into ``dest`` with the answers, then commit it as a new git repository."""
    copier = _copier()
    if dest.exists() and any(dest.iterdir()):
        raise NewOrgError(f"{dest}: the folder is not empty — choose a new folder for the "
                          "organisation's repository")
    local = Path(kit)
    if local.is_dir() and not (local / "copier.yml").is_file():
        raise NewOrgError(f"{kit}: not the kit (there is no copier.yml) — set KIT= to the path "
                          "or git URL of the Social Media Policy Kit")
    data = read_answers(answers) if answers else None
    try:
        copier.run_copy(kit, str(dest), data=data, defaults=answers is not None,
                        vcs_ref=version, quiet=answers is not None)
    except ValueError as error:
        raise NewOrgError(explain_answer_error(error, answers)) from None
    except copier.errors.InteractiveSessionError:
        raise NewOrgError(f"{dest}: the questions need a terminal — run the command in a "
                          "terminal, or give the answers in a file: ANSWERS=answers.yml") from None
    except copier.errors.CopierError as error:
        raise NewOrgError(f"{kit}: copier stopped: {error} — check KIT and VERSION") from None
    write_org_readme(dest)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", FIRST_COMMIT)


def write_org_readme(dest: Path) -> None:
    """The organisation's own README.md (its name, how to edit, build and publish, where its kit
    lives) instead of the kit's; copier leaves it alone in later updates (_skip_if_exists)."""
    variables = parse_yaml((dest / "variables/company.yml").read_text(encoding="utf-8"),
                           "variables/company.yml").data
    answers = parse_yaml((dest / ".copier-answers.yml").read_text(encoding="utf-8"),
                         ".copier-answers.yml").data
    languages = {"nl": "Nederlands", "en": "English"}
    default = variables["languages"]["default"]
    template = string.Template((Path(__file__).with_name("org_readme.md")).read_text("utf-8"))
    (dest / "README.md").write_text(template.safe_substitute(
        title=variables["policy"]["title"].get(default) or "Social media policy",
        organisation=variables["organisation"]["trade_name"],
        languages=", ".join(languages[lang] for lang in variables["languages"]["published"]),
        version=answers.get("_commit", "?"), kit=answers.get("_src_path", "?")), encoding="utf-8")


def conflicted_files(project: Path) -> list[str]:
    """Files the update left with conflict markers, or ``.rej`` files with rejected changes."""
    changed = _git(project, "status", "--porcelain", "--untracked-files=all").splitlines()
    found = []
    for line in changed:
        name = line[3:].strip().strip('"')
        path = project / name
        if name.endswith(".rej"):
            found.append(name)
        elif path.is_file() and has_conflict_markers(path.read_bytes()):
            found.append(name)
    return sorted(found)


def _copier():
    try:
        import copier
        import copier._main  # noqa: F401
        import copier.errors  # noqa: F401
    except ImportError:
        raise NewOrgError("copier is not installed — run: pip install -e '.[new]'") from None
    speed_up(copier)
    return copier


def _git(cwd: Path, *args: str) -> str:
    try:
        return run_git(args, cwd)
    except GitError as error:
        if error.missing:
            raise NewOrgError("git is not installed — install git and run the command again") \
                from None
        text = str(error)
        detail = text.splitlines()[-1] if text else "failed"
        hint = ("set your name and e-mail: git config --global user.name '...' and "
                "git config --global user.email '...'" if "identity" in text
                or "user.email" in text else "see the message from git")
        raise NewOrgError(f"{cwd}: git {args[0]}: {detail} — {hint}") from None


def _imported_error() -> type[Exception]:
    """NewOrgError as the other modules see it (this one may run as ``__main__``)."""
    from policykit.lifecycle import neworg
    return neworg.NewOrgError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policykit.lifecycle.neworg", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("create", help="start a new organisation's repository")
    new.add_argument("dest", type=Path, help="folder for the new repository")
    new.add_argument("--answers", type=Path, help="YAML file with the answers (asks nothing)")
    new.add_argument("--kit", default=str(Path(__file__).resolve().parents[3]),
                     help="path or git URL of the kit (default: this kit)")
    new.add_argument("--version", help="kit version (git tag) to start from; default: newest")
    upd = commands.add_parser("update", help="take in the kit's newest version")
    upd.add_argument("--root", type=Path, default=Path.cwd(), help="the organisation's repository")
    upd.add_argument("--version", help="kit version (git tag); default: newest")
    upd.add_argument("--kit", help="where the kit is now (path or git URL); default: where "
                     "new-org recorded it in .copier-answers.yml")
    args = parser.parse_args(argv)
    try:
        if args.command == "create":
            create(args.dest, args.kit, args.answers, args.version)
            print(f"Created {args.dest}. Next: cd {args.dest} && make site")
        else:
            from policykit.lifecycle.updatekit import update
            print(update(args.root, args.version, args.kit).summary())
    except (NewOrgError, _imported_error(), InputError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
