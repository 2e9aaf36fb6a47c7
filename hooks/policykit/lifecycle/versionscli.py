"""The version commands: ``redline``, ``redlines``, ``dossier``, ``docx``, ``due``, ``fingerprint``.

Arguments, messages and exit codes only; the work is in ``policykit.lifecycle.redlines``,
``policykit.output.dossier``, ``policykit.lifecycle.docx``, ``policykit.output.duelist`` and
``policykit.lifecycle.issues``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import sys
import tempfile
from pathlib import Path

from policykit.context import BuildContext
from policykit.emitter import StopBuild
from policykit.findings import InputError, format_findings
from policykit.labels import words
from policykit.lifecycle import issues
from policykit.lifecycle.docx import DocxError, html_to_docx
from policykit.lifecycle.pdf import PdfError, book_language, books, print_to_pdf
from policykit.lifecycle.redlines import (
    CACHE_DIR,
    REDLINE_DIR,
    compare_versions,
    redline_name,
    tagged_pairs,
    write_redlines,
)
from policykit.output import duelist
from policykit.output.acknowledgement import fingerprint
from policykit.output.dossier import load_grounds, render_dossier
from policykit.project import Project
from policykit.sources.versions import VersionError, load_versions


def add_version_commands(commands: argparse._SubParsersAction) -> None:
    def versions(name: str, help_: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_, description=help_)
        command.add_argument("--from", dest="old", required=name != "redlines",
                             help="version number (2.0), tag (policy-2.0) or commit")
        command.add_argument("--to", dest="new", default="HEAD",
                             help="version, tag or commit (default: HEAD)")
        command.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
        return command

    versions("redline", "compare the rendered text of two versions (HTML track changes)") \
        .add_argument("--out", type=Path, default=Path(REDLINE_DIR), help="output folder")
    versions("redlines", "a redline for every tagged version against the one before") \
        .add_argument("--out", type=Path, default=Path(REDLINE_DIR), help="output folder")
    dossier = versions("dossier", "the works-council dossier (PDF per language)")
    dossier.add_argument("--out", type=Path, default=Path("dossier"), help="output folder")
    dossier.add_argument("--today", help="date on the dossier (YYYY-MM-DD; default today)")
    docx = commands.add_parser("docx", help="the whole policy (and a redline) as Word files")
    docx.add_argument("--site", type=Path, default=Path("site"), help="built site folder")
    docx.add_argument("--out", type=Path, default=Path("docx"), help="output folder")
    docx.add_argument("--redlines", type=Path, default=Path(REDLINE_DIR),
                      help="folder of redlines to convert too")
    due = commands.add_parser("due", help="pages and policy review falling due, per owner")
    due.add_argument("--within", type=int, default=30, help="days ahead (default 30)")
    due.add_argument("--today", help="the day to count from (YYYY-MM-DD; default today)")
    due.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    due.add_argument("--open-issues", choices=("github", "gitlab", "auto"),
                     help="open or update one issue per owner on this platform")
    due.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    printed = commands.add_parser("fingerprint", help="the fingerprint of the policy text")
    printed.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")


def run_version_command(args: argparse.Namespace) -> int:
    try:
        return _COMMANDS[args.command](args)
    except (VersionError, DocxError, PdfError, issues.IssueError) as error:
        print(f"policykit {args.command}: {error}", file=sys.stderr)
        return 1
    except (InputError, StopBuild) as error:
        print(format_findings(error.findings) or str(error), file=sys.stderr)
        return 1


def _redline(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    comparison = compare_versions(root, args.old, args.new)
    for path in write_redlines(comparison, _under(root, args.out)):
        print(path)
    return 0


def _redlines(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    history = Project(root).load_variables().data["policy"].get("history") or []
    pairs = tagged_pairs(root, history)
    if not pairs:
        print("redlines: no two versions in policy.history have tags yet — tag each adopted "
              "version: git tag policy-<version> <commit>")
        return 0
    load_versions(root, list(dict.fromkeys(v for pair in pairs for v in pair)),
                  root / CACHE_DIR)   # every version built once, side by side
    for old, new in pairs:
        for path in write_redlines(compare_versions(root, old, new), _under(root, args.out)):
            print(path)
    return 0


def _dossier(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    comparison = compare_versions(root, args.old, args.new)
    new = comparison.new
    out = _under(root, args.out)
    grounds = load_grounds()
    src = new.site.parent / "src" if new.site else root
    printed = fingerprint(src / "docs", new.variables)
    with tempfile.TemporaryDirectory(prefix="policykit-dossier-") as folder:
        for lang, changes in comparison.changes.items():
            page = Path(folder) / f"dossier.{lang}.html"
            page.write_text(render_dossier(
                new.variables, {"label": comparison.old.label,
                                "effective_date": comparison.old.effective_date},
                {"label": new.label, "effective_date": new.effective_date},
                changes, grounds, lang, today, printed), encoding="utf-8")
            pdf = out / redline_name(comparison.old.label, new.label, lang, "pdf", "dossier")
            print(print_to_pdf(page, pdf))
    return 0


def _docx(args: argparse.Namespace) -> int:
    site = args.site.resolve()
    found = books(site)
    if not found:
        raise DocxError(f"{site}: no print version found — build the site first (make site)")
    for book in found.values():
        lang = book_language(book)
        print(html_to_docx(book, args.out / f"policy.{lang}.docx", _title(book)))
    for redline in sorted(args.redlines.glob("redline-*.html")) if args.redlines.is_dir() else ():
        # redline-2.0-2.1.nl.html: tracked changes by the organisation, dated today
        print(html_to_docx(redline, args.out / (redline.name[:-5] + ".docx"), _title(redline),
                           redline_author="policykit redline",
                           redline_date=dt.datetime.now(dt.timezone.utc).strftime(
                               "%Y-%m-%dT%H:%M:%SZ")))
    return 0


def _title(page: Path) -> str:
    return html_title(page.read_text(encoding="utf-8")[:4000]) or page.stem


def html_title(document: str) -> str:
    """The text of an HTML document's ``<title>`` ("" without one).

    >>> html_title("<head><title>Beleid &amp; regels</title></head>")
    'Beleid & regels'
    """
    start, end = document.find("<title>"), document.find("</title>")
    return html.unescape(document[start + 7:end]) if 0 <= start < end else ""


def _due(args: argparse.Namespace) -> int:
    env = {**os.environ, **({"POLICYKIT_TODAY": args.today} if args.today else {})}
    ctx = BuildContext.load(args.root.resolve() / "mkdocs.yml", env=env)
    data, today = ctx.data, ctx.settings.today
    rows, _ = ctx.reviews
    owners = duelist.due_by_owner(rows, data, today, args.within)
    lang = data["languages"]["default"]
    if args.format == "json":
        print(duelist.as_json(owners, today, args.within), end="")
    elif args.format == "markdown":
        print("\n".join(f"## {duelist.title(o, lang)}\n\n"
                        + duelist.as_markdown(o, today, args.within, lang) for o in owners)
              or words("due", lang)["none"])
    else:
        print(duelist.as_text(owners, lang), end="")
    if args.open_issues:
        by_key = {o.owner: o for o in owners}
        everyone = [*(data.get("contacts") or {}), duelist.POLICY_OWNER,
                    *(k for k in by_key if k not in data.get("contacts", {}))]
        wanted = [issues.Wanted(duelist.MARKER.format(owner=key),
                                duelist.title(by_key[key], lang) if key in by_key else "",
                                duelist.as_markdown(by_key[key], today, args.within, lang)
                                if key in by_key else None)
                  for key in dict.fromkeys(everyone)]
        for line in issues.sync(issues.platform(args.open_issues), wanted):
            print(line, file=sys.stderr)
    return 0


def _fingerprint(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve())
    print(fingerprint(project.docs_dir, project.load_variables().data))
    return 0


def _under(root: Path, folder: Path) -> Path:
    return folder if folder.is_absolute() else root / folder


_COMMANDS = {"redline": _redline, "redlines": _redlines, "dossier": _dossier, "docx": _docx,
             "due": _due, "fingerprint": _fingerprint}
COMMANDS = tuple(_COMMANDS)
