"""An organisation's own pages in ``docs/local/``: found on disk and added to the navigation.

The kit never puts pages in ``docs/local/``, so an organisation can add pages there without
touching ``mkdocs.yml``; kit updates then merge without conflicts. Pages appear, sorted by file
name, in one navigation section at the end, "Van onze organisatie" (translated in ``mkdocs.yml``).
A sub-folder becomes a sub-section named after the folder, so a large collection of own pages
stays easy to browse and each page renders only the open sub-section (``navigation.prune``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pages import base_name

LOCAL_DIR = "local"
SECTION_TITLE = "Van onze organisatie"


def local_pages(docs_dir: Path) -> list[str]:
    """Base names (``local/travel.md``) of the Markdown pages under ``docs/local/``.

    Files and folders whose name starts with ``.`` or ``_`` are not pages.
    """
    root = Path(docs_dir) / LOCAL_DIR
    if not root.is_dir():
        return []
    names = set()
    for path in root.rglob("*.md"):
        rel = path.relative_to(docs_dir)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        names.add(base_name(rel.as_posix()))
    return sorted(names)


def with_local_pages(nav: list[Any] | None, pages: list[str],
                     title: str = SECTION_TITLE) -> list[Any] | None:
    """``nav`` plus a section listing ``pages`` that the nav does not list already.

    >>> with_local_pages(["index.md"], ["local/a.md"])
    ['index.md', {'Van onze organisatie': ['local/a.md']}]
    """
    if nav is None:
        return None  # without a nav MkDocs lists every page by itself
    listed = set(_entries(nav))
    missing = [page for page in pages if page not in listed]
    return [*nav, {title: _sections(missing, LOCAL_DIR)}] if missing else nav


def _sections(pages: list[str], folder: str) -> list[Any]:
    """Pages directly in ``folder`` first, then one sub-section per sub-folder.

    >>> _sections(["local/a.md", "local/hr/b.md", "local/hr/x/c.md"], "local")
    ['local/a.md', {'Hr': ['local/hr/b.md', {'X': ['local/hr/x/c.md']}]}]
    """
    here = [page for page in pages if page.rsplit("/", 1)[0] == folder]
    below: dict[str, list[str]] = {}
    for page in pages:
        if page not in here:
            child = page[len(folder) + 1:].split("/", 1)[0]
            below.setdefault(child, []).append(page)
    return here + [{section_title(child): _sections(items, f"{folder}/{child}")}
                   for child, items in sorted(below.items())]


def section_title(folder_name: str) -> str:
    """The menu title of a sub-folder: ``werving-en-selectie`` → ``Werving en selectie``."""
    words = folder_name.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or folder_name
    return text[:1].upper() + text[1:]


def _entries(nav: Any):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _entries(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _entries(value)
