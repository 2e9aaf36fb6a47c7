"""Word files for legal review: the print version and the redline converted with pandoc.

pandoc (Debian's package) reads the HTML and writes .docx with real Word headings, lists,
tables and footnotes; ``docx.lua`` turns the site's footnotes into Word footnotes and the
redline's insertions and deletions into Word tracked changes, so a lawyer can accept or reject
each one. python-docx could write .docx too, but then we would write the HTML-to-Word
conversion ourselves.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FILTER = Path(__file__).with_name("docx.lua")


class DocxError(Exception):
    """The .docx could not be made; the message says why and what to do."""


def find_pandoc() -> str:
    found = shutil.which("pandoc")
    if not found:
        raise DocxError("pandoc is not installed — install Debian's package: "
                        "apt-get install pandoc")
    return found


def pandoc_command(pandoc: str, page: Path, docx: Path, title: str, redline_author: str = "",
                   redline_date: str = "") -> list[str]:
    """The pandoc command line (the Lua filter always; tracked changes with an author).

    >>> pandoc_command("pandoc", Path("/s/print.html"), Path("/o/p.docx"), "T")[-3:]
    ['--output', '/o/p.docx', '/s/print.html']
    >>> "redline-author=Org" in pandoc_command("pandoc", Path("r.html"), Path("r.docx"), "T", "Org")
    True
    """
    command = [pandoc, "--from=html", "--to=docx", f"--lua-filter={FILTER}",
               f"--resource-path={page.parent}", "--metadata", f"title={title}"]
    if redline_author:
        command += ["--metadata", f"redline-author={redline_author}",
                    "--metadata", f"redline-date={redline_date}"]
    return [*command, "--output", str(docx), str(page)]


def html_to_docx(page: Path, docx: Path, title: str, redline_author: str = "",
                 redline_date: str = "", timeout: int = 300) -> Path:
    """Convert the HTML file ``page`` to ``docx``; with ``redline_author`` its <ins>/<del>
    become tracked changes by that author on ``redline_date`` (ISO 8601)."""
    if not page.is_file():
        raise DocxError(f"{page}: no such file — build the site first (make site)")
    docx = docx.resolve()
    docx.parent.mkdir(parents=True, exist_ok=True)
    partial = docx.with_name(docx.name + ".part")
    command = pandoc_command(find_pandoc(), page.resolve(), partial, title, redline_author,
                             redline_date)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=page.parent)
    except subprocess.TimeoutExpired:
        raise DocxError(f"{page}: pandoc did not finish within {timeout} s") from None
    if done.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise DocxError(f"{page}: pandoc could not convert it (exit {done.returncode}):\n"
                        + done.stderr.strip()[-2000:])
    partial.replace(docx)
    return docx
