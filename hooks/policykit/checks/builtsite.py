"""The built site as the site checks see it: every file, each HTML page scanned once.

During a build the adapter hands over each page as it is written (:meth:`SiteCollector.page`,
which also knows the page's Markdown source); :meth:`SiteCollector.complete` then walks the
site folder for everything else (the other languages' pages, print versions, style sheets).
``policykit check SITE_DIR`` uses the same collector on a site built earlier, by any engine:
a page's source is then found by its name (``en/policy/a.html`` → ``docs/policy/a.en.md``).
The web editor's page (``admin/``, the kit's own generated tool) is not a policy page and is
not scanned.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policykit.checks.active import Active, page_active
from policykit.checks.htmlscan import PageScan, css_urls, loaded_references, scan_html
from policykit.checks.placeholders import Leftover, page_leftovers
from policykit.output.editorconfig import ADMIN_DIR
from policykit.output.printbook import BOOK_FILE

BOOK_SOURCE = "hooks/policykit/output/printbook.py"  # what a problem of the print version traces to


@dataclass
class BuiltSite:
    """Scans of the pages and print versions, the site's files, and each page's source."""

    root: Path
    scans: dict[str, PageScan] = field(default_factory=dict)
    books: dict[str, PageScan] = field(default_factory=dict)   # print versions
    files: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)      # built page → docs/… source
    sheets: dict[str, list[str]] = field(default_factory=dict)  # style sheet → its url()s
    leftovers: dict[str, list[Leftover]] = field(default_factory=dict)
    active: dict[str, list[Active]] = field(default_factory=dict)   # page → active content
    scan_seconds: float = 0.0


@dataclass
class SiteCollector:
    """Collects a :class:`BuiltSite`; ``wanted`` are the enabled site checks.

    >>> SiteCollector(frozenset({"links"})).active, SiteCollector(frozenset({"coverage"})).active
    (True, False)
    """

    wanted: frozenset[str]
    example_values: Sequence[str] = ()
    site: BuiltSite = field(default_factory=lambda: BuiltSite(Path()))
    script_hashes: set[str] | None = None    # the kit's own inline scripts (nginx CSP)
    allowed_hosts: Sequence[str] = ()

    @property
    def active(self) -> bool:
        return bool(self.wanted & {"links", "placeholders", "privacy", "active"})

    def page(self, dest: str, html: str, source: str | None = None) -> None:
        """Scan one built page; keep what the checks need and the page's leftovers."""
        started = time.perf_counter()
        scan = scan_html(html)
        if "active" in self.wanted:
            found = page_active(html, self.script_hashes, self.allowed_hosts)
            if found:
                self.site.active[dest] = found
        if "placeholders" in self.wanted:
            found = page_leftovers(scan, self.example_values)
            if found:
                self.site.leftovers[dest] = found
        scan.markup = ""  # a 1,000-page site would otherwise keep all its HTML in memory
        self.site.scans[dest] = scan
        if source:
            self.site.sources[dest] = source
        self.site.scan_seconds += time.perf_counter() - started

    def complete(self, root: Path, docs_dir: Path, languages: Sequence[str] = (),
                 default: str = "") -> BuiltSite:
        """Walk ``root`` for every file the pages did not hand over; the finished site."""
        started = time.perf_counter()
        site = self.site
        site.root = Path(root)
        docs = Path(docs_dir)
        for folder, _dirs, names in os.walk(root):
            rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
            for name in names:
                rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                site.files.add(rel)
                if rel not in site.sources:
                    source = page_source(rel, docs, languages, default)
                    if source:
                        site.sources[rel] = source
                if name == BOOK_FILE:
                    self._book(rel, _read(root, rel))
                elif name.endswith(".html") and rel not in site.scans \
                        and not rel.startswith(f"{ADMIN_DIR}/"):  # the kit's editor, not a page
                    self.page(rel, _read(root, rel))
                elif name.endswith(".css") and "privacy" in self.wanted:
                    site.sheets[rel] = css_urls(_read(root, rel))
        site.scan_seconds += time.perf_counter() - started
        return site

    def _book(self, rel: str, text: str) -> None:
        # The print versions repeat the pages, which are checked themselves: their links are
        # judged only when the pages are clean, and their text is not searched again.
        if "links" in self.wanted:
            self.site.books[rel] = scan_html(text)
            self.site.books[rel].markup = ""
        elif "privacy" in self.wanted:
            self.site.books[rel] = PageScan(references=loaded_references(text))
        self.site.sources.setdefault(rel, BOOK_SOURCE)


def page_source(rel: str, docs: Path, languages: Sequence[str] = (), default: str = "") -> str:
    """The ``docs/`` file a built file comes from, when one exists; "" otherwise.

    A file copied from ``docs/`` (a style sheet) has the same path; a page ``x/a.html`` comes
    from ``x/a.<lang>.md`` or ``x/a.md`` (``<lang>`` from a language folder ``en/``).
    """
    if (docs / rel).is_file():
        return f"docs/{rel}"
    if not rel.endswith(".html"):
        return ""
    lang, stem = default, rel[:-5]
    first, _, rest = rel.partition("/")
    if first in languages and first != default and rest:
        lang, stem = first, rest[:-5]
    for candidate in (f"{stem}.{lang}.md" if lang else "", f"{stem}.md"):
        if candidate and (docs / candidate).is_file():
            return f"docs/{candidate}"
    return ""


def _read(root: Path, rel: str) -> str:
    return (Path(root) / rel).read_text(encoding="utf-8", errors="replace")
