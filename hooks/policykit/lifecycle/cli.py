"""Command line of the kit.

``policykit check-variables``  checks variables/company.yml without a build;
``policykit check --sources``   runs the checks of the variables and the pages' sources;
``policykit check SITE_DIR``    runs the site checks on a site built before (by any engine);
``policykit publish --dest D``  builds, checks and atomically publishes the site to D;
``policykit pdf``               prints the print version of a built site to PDF.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policykit.findings import InputError, format_findings
from policykit.lifecycle.checkcli import add_check_command, run_check
from policykit.lifecycle.publishcli import add_pdf_command, add_publish_command, run_pdf, run_publish
from policykit.output.changelog import check_history
from policykit.project import Project


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code.

    >>> main(["check"])  # neither a site folder nor --sources: a usage message on stderr
    2
    """
    parser = argparse.ArgumentParser(prog="policykit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-variables", help="check variables/company.yml")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    add_check_command(commands)
    add_publish_command(commands)
    add_pdf_command(commands)
    args = parser.parse_args(argv)
    if args.command == "check-variables":
        return _check_variables(Project(args.root))
    if args.command == "check":
        return run_check(args)
    if args.command == "publish":
        return run_publish(args)
    if args.command == "pdf":
        return run_pdf(args)
    return 2  # pragma: no cover


def _check_variables(project: Project) -> int:
    try:
        variables = project.load_variables()
        findings = check_history(variables.data["policy"], variables.path,
                                 variables.document.line_of)
    except InputError as error:
        findings = error.findings
    if findings:
        print(format_findings(findings), file=sys.stderr)
        print(f"{len(findings)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"{project.display(project.variables_path)}: OK")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
