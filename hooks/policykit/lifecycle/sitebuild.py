"""``make site``: a strict build that prints the kit's findings and one line with the result.

The engine's own chatter (``INFO - [macros] Config variables …``, i18n notes, banners) is shown
only with ``VERBOSE=1``; every finding is printed once; the last line says what happened:
``3 problems — the site was not built`` or ``Built in 2.1 s, 83 pages checked: site/``.

The engine writes into a new folder beside ``site/`` (``site-building-…``), which replaces
``site/`` only when the build passed. A failed build leaves the previous site as it was and
nothing of its own: no page the checks refused stays where a reader or a copy could find it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from policykit.report import REPORT_NAME

_FINDING = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(.*)$")
_SOFT = re.compile(r"^INFO\s+-\s+(warning, not failing yet: .*)$")
_ABORTED = re.compile(r"^Aborted with ")
_LOGGED = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR)\s+-")  # the engine's log lines
_PLACED = re.compile(r"^\S+:\d+(?::\d+)?: .+ — .+$")   # path:line: what — fix, on its own line
_QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def findings_of(output: Iterable[str]) -> tuple[list[str], list[str]]:
    """The problems (failing) and warnings (not failing) in an engine's output, each once.

    >>> findings_of(["INFO - [macros] x", "WARNING -  a.md:1: bad — fix", "WARNING -  a.md:1: bad — fix",
    ...              "INFO - warning, not failing yet: b.md:2: old — look"])
    (['a.md:1: bad — fix'], ['warning, not failing yet: b.md:2: old — look'])

    Every line of a list under a ``… problem(s):`` heading is a problem, also one without a
    line number (a file as a whole):

    >>> findings_of(["ERROR   -  1 source file problem(s):", "docs/x: a link to '/etc' — copy it",
    ...              "", "INFO - done"])
    (["docs/x: a link to '/etc' — copy it"], [])
    """
    problems: dict[str, None] = {}
    warnings: dict[str, None] = {}
    listed = False  # in the list under a "… problem(s):" heading
    for line in output:
        line = line.rstrip()
        if line.endswith("problem(s):"):
            listed = True  # the heading above a list of findings
            continue
        if listed and line and not (_LOGGED.match(line) or _ABORTED.match(line)):
            problems.setdefault(line.strip(), None)
            continue
        listed = False
        if match := _FINDING.match(line):
            problems.setdefault(match.group(1).strip(), None)
        elif match := _SOFT.match(line):
            warnings.setdefault(match.group(1).strip(), None)
        elif _PLACED.match(line):
            problems.setdefault(line, None)
        elif line.startswith("Error: "):
            problems.setdefault(line[len("Error: "):], None)
    return list(problems), list(warnings)


def summary(returncode: int, problems: list[str], seconds: float, site: Path) -> str:
    """The one line after the findings.

    >>> summary(1, ["a", "b", "c"], 2.0, Path("site"))
    '3 problems — the site was not built'
    """
    if returncode != 0:
        count = len(problems) or 1
        return f"{count} problem{'s' if count != 1 else ''} — the site was not built"
    checked = _pages_checked(site)
    return (f"Built in {seconds:.1f} s, {checked} pages checked: {site}/ — open "
            f"{site}/index.html or run 'make serve'")


def _pages_checked(site: Path) -> int:
    try:
        report = json.loads((site / REPORT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return len(list(site.rglob("*.html")))
    return int(report.get("details", {}).get("pages_checked") or len(list(site.rglob("*.html"))))


def build(site: Path, verbose: bool, engine: str = "mkdocs") -> int:
    shown, site = Path(site), Path(site).resolve()  # a symlinked site/: its folder is replaced
    if site.exists() and not site.is_dir():
        print(f"{shown} is a file, not a folder — choose another folder: make site SITE=…")
        return 2
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site.name}-building-", dir=site.parent))
    staging.chmod(0o777 & ~_umask())  # as a folder the engine makes (mkdtemp's is 0700)
    command = [sys.executable, "-m", engine, "build", "--strict", "--clean",
               "--site-dir", str(staging)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True,
                              env={**os.environ, **_QUIET})
        if done.returncode == 0:
            replace_folder(site, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - started
    output = (done.stdout + done.stderr).splitlines()
    if verbose:
        print("\n".join(output))
    problems, warnings = findings_of(output)
    if not verbose:
        for line in warnings + problems:
            print(line)
    print(summary(done.returncode, problems, seconds, shown))
    return done.returncode


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def replace_folder(target: Path, new: Path) -> None:
    """Put the folder ``new`` where ``target`` is (same parent folder), the old one removed.

    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "site").mkdir(); _ = (root / "site" / "old.html").write_text("old")
    >>> (root / "new").mkdir(); _ = (root / "new" / "index.html").write_text("new")
    >>> replace_folder(root / "site", root / "new")
    >>> sorted(p.name for p in root.rglob("*"))
    ['index.html', 'site']
    """
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{target.name}-old-", dir=target.parent))
    target.rename(old / target.name)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policykit.lifecycle.sitebuild",
                                     description=__doc__)
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--verbose", action="store_true", help="also show the engine's messages")
    args = parser.parse_args(argv)
    return build(args.site_dir, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
