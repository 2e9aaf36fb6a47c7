"""``policykit check``: the build's checks without a build, for any engine.

``policykit check --sources`` runs the ``variables`` and ``sources`` phases of the registry,
``policykit check SITE_DIR`` the ``site`` phase on a site built before (MkDocs, ProperDocs,
Zensical, ...), both with the same context, checks and emitter as the build hooks: the same
findings, printed the same way, and exit code 1 when there is an error. (The ``page`` phase,
the template check, needs the template engine's names and runs inside a build only.)
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from policykit.checks import registry
from policykit.context import BuildContext
from policykit.emitter import LOGGER_PREFIX, StopBuild
from policykit.report import REPORT_NAME

CONFIG_FILE = "mkdocs.yml"


def add_check_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "check", help="run the build's checks on the sources or on a built site",
        description="Run the checks of a build without building: on the sources (--sources) "
                    "or on a site built before (SITE_DIR). Exit code 1 when a check fails.")
    command.add_argument("site", nargs="?", type=Path, help="built site folder")
    command.add_argument("--sources", action="store_true",
                         help="check the variables and the pages' sources")
    command.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    command.add_argument("--report", action="store_true",
                         help=f"also write {REPORT_NAME} into SITE_DIR")


def run_check(args: argparse.Namespace) -> int:
    """Run the phases asked for; 0 when no check finds an error, 1 when one does, 2 for usage.

    >>> run_check(argparse.Namespace(sources=False, site=None))  # says what to name on stderr
    2
    """
    if not args.sources and args.site is None:
        print("check: name a built site folder, or --sources (or both)", file=sys.stderr)
        return 2
    if args.site is not None and not args.site.is_dir():
        print(f"check: {args.site} is not a folder — build the site first (make site)",
              file=sys.stderr)
        return 2
    _log_to_stderr()
    try:
        ctx = BuildContext.load(args.root / CONFIG_FILE, env=os.environ)
        if args.sources:
            registry.run_phase(ctx, "variables")
            registry.run_phase(ctx, "sources")
        if args.site is not None:
            ctx.complete_site(args.site)
            registry.run_phase(ctx, "site")
            if args.report:
                ctx.report.write(args.site)
    except StopBuild as error:
        print(str(error), file=sys.stderr)
        return 1
    errors = ctx.report.errors()
    if errors:
        print(f"{errors} problem(s) found.", file=sys.stderr)
        return 1
    return 0


def _log_to_stderr() -> None:
    """Findings appear as in a build: ``WARNING -  path:line: …``."""
    logger = logging.getLogger(LOGGER_PREFIX)
    if not any(getattr(h, "policykit", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.policykit = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
