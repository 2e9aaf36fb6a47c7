"""Print HTML files to PDF with Debian's headless Chromium; no network, a throwaway profile.

Debian's ``chromium-headless-shell`` is taken first: the same engine without the desktop
browser around it, made for printing and tests; it prints the policy with about a third of
the full browser's CPU time. The full ``chromium`` works too."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from policykit.output.printbook import BOOK_FILE

CHROMIUM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do."""


def find_chromium() -> str:
    """The Chromium program (``$CHROMIUM`` first), or a ``PdfError`` that says how to install it."""
    wanted = os.environ.get("CHROMIUM")
    for name in ((wanted,) if wanted else CHROMIUM_NAMES):
        found = shutil.which(name)
        if found:
            return found
    raise PdfError("Chromium is not installed — install Debian's package: "
                   "apt-get install chromium-headless-shell (or set CHROMIUM to its path)")


def headless(chromium: str, profile: Path) -> list[str]:
    """Chromium without a window, sandbox (we run as root in CI), network chatter or
    first-run work, with its own throwaway profile folder."""
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--mute-audio",
            f"--user-data-dir={profile}"]


def chromium_command(chromium: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The headless print command: no header/footer lines, A4 from the page's ``@page``, a
    tagged PDF (structure for screen readers) with an outline (bookmarks from the headings)."""
    return [*headless(chromium, profile), "--no-pdf-header-footer", "--export-tagged-pdf",
            "--generate-pdf-document-outline",
            "--run-all-compositor-stages-before-draw", f"--print-to-pdf={pdf}",
            page.resolve().as_uri()]


def print_to_pdf(page: Path, pdf: Path, chromium: str | None = None, timeout: int = 120) -> Path:
    """Render the HTML file ``page`` to ``pdf`` (A4 comes from the page's ``@page`` rule)."""
    if not page.is_file():
        raise PdfError(f"{page}: no such file — build the site first (make site)")
    chromium = chromium or find_chromium()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf.with_name(pdf.name + ".part")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="policykit-chromium-") as profile:
        try:
            done = subprocess.run(chromium_command(chromium, page, partial, Path(profile)),
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{page}: Chromium did not finish within {timeout} s") from None
    if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        raise PdfError(f"{page}: Chromium could not print it (exit {done.returncode}):\n"
                       + done.stderr.strip()[-2000:])
    partial.replace(pdf)
    return pdf


def books(site: Path) -> dict[str, Path]:
    """The print versions in a built site by language folder: ``{"": site/print.html, "en": …}``.

    >>> books(Path("/nonexistent"))
    {}
    """
    found = {}
    if (site / BOOK_FILE).is_file():
        found[""] = site / BOOK_FILE
    for child in sorted(site.iterdir()) if site.is_dir() else ():
        if child.is_dir() and (child / BOOK_FILE).is_file():
            found[child.name] = child / BOOK_FILE
    return found


def book_language(book: Path) -> str:
    """The language of a print version, from its ``<html lang>``."""
    head = book.read_text(encoding="utf-8")[:400]
    marker = '<html lang="'
    start = head.find(marker)
    return head[start + len(marker):head.find('"', start + len(marker))] if start >= 0 else "nl"
