"""``policykit check-language``: the build's language checks alone, without a build.

Same function as the build (:func:`policykit.checks.language.check_language`), so the same
findings; blocking findings first, then warnings, then advice apart. ``--unknown-words nl``
prints only the unknown Dutch words, one per line, in word-list format.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from policykit.checks import language
from policykit.context import BuildContext
from policykit.emitter import StopBuild
from policykit.findings import format_findings
from policykit.lifecycle.checkcli import CONFIG_FILE


def add_language_command(commands) -> None:
    check = commands.add_parser("check-language", help="check the language of the pages")
    check.add_argument("pages", nargs="*", type=Path,
                       help="pages to check (default: every page); others are not reported")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    check.add_argument("--unknown-words", metavar="LANG",
                       help="print only the unknown words of LANG (nl, en), for a word list")


def pages_to_check(named: set[str]) -> set[str] | None:
    """The pages to report on, from the files named (pre-commit: the changed ones); None for
    every page, because a changed word list or terms file affects them all.

    >>> sorted(pages_to_check({"docs/a.nl.md", "README.md"}))
    ['docs/a.nl.md']
    >>> pages_to_check({"docs/a.nl.md", "variables/words.nl.txt"}) is None
    True
    """
    if any(p.startswith("variables/") for p in named):
        return None
    return {p for p in named if p.startswith("docs/") and p.endswith(".md")}


def run_check_language(args: argparse.Namespace) -> int:
    try:
        ctx = BuildContext.load(Path(args.root).resolve() / CONFIG_FILE, env=os.environ)
    except StopBuild as error:
        print(str(error), file=sys.stderr)
        return 1
    project = ctx.project
    only = pages_to_check({project.display(Path(p).resolve()) for p in args.pages}) \
        if args.pages else None
    if only == set():
        print("check-language: no policy page among the files given (nothing to check)")
        return 0
    enabled = [c for c in language.CHECKS if ctx.settings.on(c)]
    report = language.check_language(project.root, ctx.pages, ctx.data, os.environ, only,
                                     enabled)
    if args.unknown_words:
        print("\n".join(sorted(report.unknown_words.get(args.unknown_words, []))))
        return 0
    for message in report.not_checked + report.notes:
        print(message, file=sys.stderr)
    errors = [f for f in report.findings if f.severity == "error"]
    warnings = [f for f in report.findings if f.severity != "error"]
    if errors:
        print(format_findings(errors), file=sys.stderr)
    if warnings:
        print("Warnings (do not fail the build):\n" + format_findings(warnings), file=sys.stderr)
    if report.advice:
        print("Advice (does not fail the build):\n" + format_findings(report.advice))
    checked = len({f.path for f in report.figures}) or len(only or ctx.pages)
    print(f"check-language: {checked} page(s), {len(errors)} problem(s), {len(warnings)} "
          f"warning(s), {len(report.advice)} advice item(s)")
    return 1 if errors else 0
