"""Command line of the kit.

``policykit check-variables``  checks variables/company.yml without a build;
``policykit check --sources``   runs the checks of the variables and the pages' sources;
``policykit check SITE_DIR``    runs the site checks on a site built before (by any engine);
``policykit check-language [PAGE ...]``  spelling, plain language, terms and translations of
                                the pages (all, or those named), the same findings as a build;
``policykit publish --dest D``  builds, checks and atomically publishes the site to D;
``policykit pdf``               prints the print version of a built site to PDF;
``policykit redline --from A [--to B]``, ``redlines``, ``dossier``, ``docx``: versions for
approval (track changes, the works-council dossier, Word files);
``policykit due --within 30``   reviews falling due per owner (``--open-issues`` on CI);
``policykit fingerprint``       the fingerprint of the policy text (for acknowledgements);
``policykit editor``            the web editor on this machine (``make editor``);
``policykit editor-data``       moves contacts, accounts and spokespeople to variables/editor/people.yml,
                                where the web editor edits them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policykit.findings import InputError, format_findings
from policykit.lifecycle.checkcli import add_check_command, run_check
from policykit.lifecycle.editor import EditorError, move_people, run_editor
from policykit.lifecycle.languagecli import add_language_command, run_check_language
from policykit.lifecycle.publishcli import add_pdf_command, add_publish_command, run_pdf, run_publish
from policykit.lifecycle.versionscli import COMMANDS as VERSION_COMMANDS
from policykit.lifecycle.versionscli import add_version_commands, run_version_command
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
    add_language_command(commands)
    add_publish_command(commands)
    add_pdf_command(commands)
    editor = commands.add_parser("editor", help="the web editor on this machine")
    editor.add_argument("--port", type=int, default=8000, help="port of the preview")
    editor.add_argument("--backend-port", type=int, default=8081, help="port of decap-server")
    commands.add_parser("editor-data", help="move contacts, accounts and spokespeople to "
                        "variables/editor/people.yml (edited by the web editor)")
    for sub in (editor, commands.choices["editor-data"]):
        sub.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    add_version_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "check-variables":
        return _check_variables(Project(args.root))
    if args.command == "check":
        return run_check(args)
    if args.command in ("editor", "editor-data"):
        return _editor(args)
    if args.command == "check-language":
        return run_check_language(args)
    if args.command == "publish":
        return run_publish(args)
    if args.command == "pdf":
        return run_pdf(args)
    if args.command in VERSION_COMMANDS:
        return run_version_command(args)
    return 2  # pragma: no cover


def _editor(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve())
    try:
        if args.command == "editor":
            return run_editor(project, args.port, args.backend_port)
        print(move_people(project))
        return 0
    except EditorError as error:
        print(f"policykit {args.command}: {error}", file=sys.stderr)
        return 1
    except InputError as error:
        print(format_findings(error.findings), file=sys.stderr)
        return 1


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
