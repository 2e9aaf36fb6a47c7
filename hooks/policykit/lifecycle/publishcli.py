"""The ``publish`` and ``pdf`` commands: arguments, messages and exit codes only."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from policykit.checks.active import kit_script_hashes, site_findings
from policykit.findings import InputError
from policykit.lifecycle.pdf import PdfError, book_language, books, print_to_pdf
from policykit.lifecycle.publish import KEEP_RELEASES, PublishError, Release, publish, rollback
from policykit.project import Project

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def add_publish_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "publish", help="build, check and atomically publish the site",
        description="Build the site (strict), check it, then switch DEST to it in one step. "
                    "A failed build or check leaves the published site as it was.")
    command.add_argument("--dest", type=Path, required=True,
                         help="published folder (a symlink to the live release)")
    command.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    command.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs")
    command.add_argument("--keep", type=int, default=KEEP_RELEASES,
                         help=f"releases to keep (at least 2; default {KEEP_RELEASES})")
    command.add_argument("--rollback", action="store_true",
                         help="switch DEST back to the release before the live one (no build)")


def add_pdf_command(commands: argparse._SubParsersAction) -> None:
    """``policykit pdf [--site SITE] [--out DIR]``.

    >>> parser = argparse.ArgumentParser()
    >>> add_pdf_command(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["pdf", "--site", "built"]).site
    PosixPath('built')
    """
    command = commands.add_parser("pdf", help="print the print version of a built site to PDF")
    command.add_argument("--site", type=Path, default=Path("site"), help="built site folder")
    command.add_argument("--out", type=Path, default=Path("pdf"), help="folder for the PDF files")


def run_publish(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    release = Release(Path(os.path.abspath(args.dest)))
    if args.rollback:
        return _run_rollback(release)
    # No -q: with MkDocs 1.6, -q hides warnings from the strict-mode counter.
    command = [sys.executable, "-m", args.engine, "build", "--strict", "--clean",
               "-f", str(root / "mkdocs.yml"), "--site-dir", "{site}"]
    try:
        result = publish(release.dest, command, cwd=root, checks=[_site_check(root)],
                         keep=max(args.keep, 2), env={**os.environ, **QUIET_ENV})
    except PublishError as error:
        current = release.current()
        print(f"publish: {error}", file=sys.stderr)
        print(f"publish: FAILED — {release.dest} was not changed"
              + (f" (still serving {current.name})." if current else " (nothing published yet)."),
              file=sys.stderr)
        return 1
    print(f"Published {result.release.name} to {release.dest}"
          + (f" (previous: {result.previous.name})." if result.previous else "."))
    return 0


def _run_rollback(release: Release) -> int:
    try:
        left, served = rollback(release.dest)
    except PublishError as error:
        print(f"publish --rollback: {error}", file=sys.stderr)
        print(f"publish --rollback: FAILED — {release.dest} was not changed.", file=sys.stderr)
        return 1
    print(f"Rolled back {release.dest} from {left.name} to {served.name}.")
    return 0


def _site_check(root: Path):
    """The checks a built site must pass before it is published (the build's own rules)."""
    allowed = kit_script_hashes(root)

    def check(site: Path) -> list[str]:
        try:
            hosts = Project(root).load_variables().data.get("checks", {}).get("allowed_hosts", ())
        except InputError:
            hosts = ()  # the build has reported them already
        return [str(finding) for finding in site_findings(site, allowed, hosts or ())]
    return check


def run_pdf(args: argparse.Namespace) -> int:
    found = books(args.site)
    if not found:
        print(f"pdf: {args.site}/print.html not found — build the site first (make site)",
              file=sys.stderr)
        return 1
    try:
        for book in found.values():
            pdf = print_to_pdf(book, args.out / f"policy.{book_language(book)}.pdf")
            print(f"Wrote {pdf}")
    except PdfError as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 1
    return 0
