"""An organisation's own pages in ``docs/local/``: found on disk and added to the navigation.

The kit never puts pages in ``docs/local/``, so an organisation can add pages there without
touching ``mkdocs.yml``; kit updates then merge without conflicts. Pages appear, sorted by file
name, in one navigation section at the end, "Van onze organisatie" (translated in ``mkdocs.yml``).
A sub-folder becomes a sub-section, titled by the heading of its index page in each language
(or else after the folder), so a large collection of own pages stays easy to browse and each
page renders only the open sub-section (``navigation.prune``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from policykit.labels import word
from policykit.sources.pages import base_name

LOCAL_DIR = "local"
SECTION_TITLE = word("menu", "local_section", "nl")


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


def with_local_pages(nav: list[Any] | None, pages: list[str], title: str = SECTION_TITLE,
                     folder_titles: Mapping[str, str] | None = None) -> list[Any] | None:
    """``nav`` plus a section listing ``pages`` that the nav does not list already.

    ``folder_titles`` names sub-folders in the menu (``local/hr`` → ``Personeelszaken``);
    other sub-folders are named after the folder.

    >>> with_local_pages(["index.md"], ["local/a.md"])
    ['index.md', {'Van onze organisatie': ['local/a.md']}]
    """
    if nav is None:
        return None  # without a nav MkDocs lists every page by itself
    listed = set(nav_entries(nav))
    missing = [page for page in pages if page not in listed]
    if not missing:
        return nav
    return [*nav, {title: _sections(missing, LOCAL_DIR, folder_titles or {})}]


def _sections(pages: list[str], folder: str, titles: Mapping[str, str]) -> list[Any]:
    """The folder's index page, its other pages, then one sub-section per sub-folder.

    >>> _sections(["local/a.md", "local/hr/b.md", "local/hr/index.md", "local/hr/x/c.md"],
    ...           "local", {"local/hr": "Personeel"})
    ['local/a.md', {'Personeel': ['local/hr/index.md', 'local/hr/b.md', {'X': ['local/hr/x/c.md']}]}]
    """
    here = sorted((page for page in pages if page.rsplit("/", 1)[0] == folder),
                  key=lambda page: (page.rsplit("/", 1)[1] != "index.md", page))
    below: dict[str, list[str]] = {}
    for page in pages:
        if page not in here:
            child = page[len(folder) + 1:].split("/", 1)[0]
            below.setdefault(child, []).append(page)
    return here + [{titles.get(f"{folder}/{child}") or section_title(child):
                    _sections(items, f"{folder}/{child}", titles)}
                   for child, items in sorted(below.items())]


def section_title(folder_name: str) -> str:
    """The menu title of a sub-folder: ``werving-en-selectie`` → ``Werving en selectie``."""
    words = folder_name.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or folder_name
    return text[:1].upper() + text[1:]


def folder_titles(docs_dir: Path, languages: Sequence[str],
                  default: str) -> dict[str, dict[str, str]]:
    """Menu titles of the sub-folders of ``docs/local/``, per language.

    A folder's title in a language is the first ``# heading`` of its index page in that
    language (``index.en.md``; ``index.md`` or ``index.nl.md`` for the default language).
    Headings with template code are skipped: the menu would show the code.
    """
    root = Path(docs_dir) / LOCAL_DIR
    titles: dict[str, dict[str, str]] = {}
    if not root.is_dir():
        return titles
    for folder in sorted(path for path in root.rglob("*") if path.is_dir()):
        rel = folder.relative_to(docs_dir).as_posix()
        if any(part.startswith((".", "_")) for part in rel.split("/")):
            continue
        for language in languages:
            names = [f"index.{language}.md"] + (["index.md"] if language == default else [])
            heading = next(filter(None, (first_heading(folder / name) for name in names)), None)
            if heading:
                titles.setdefault(rel, {})[language] = heading
    return titles


def menu_translations(titles: Mapping[str, Mapping[str, str]], default: str,
                      language: str) -> dict[str, str]:
    """Default-language menu title → title in ``language``, for mkdocs-static-i18n.

    >>> menu_translations({"local/hr": {"nl": "Personeel", "en": "Staff"}}, "nl", "en")
    {'Personeel': 'Staff'}
    """
    pairs = {}
    for folder, by_language in titles.items():
        original = by_language.get(default) or section_title(folder.rsplit("/", 1)[1])
        translated = by_language.get(language)
        if translated and translated != original:
            pairs.setdefault(original, translated)
    return pairs


def first_heading(path: Path) -> str | None:
    if not path.is_file():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            text = line[2:].strip().rstrip("#").strip()
            return text if text and "{" not in text else None
    return None


def nav_entries(nav: Any):
    """Every entry (page path or address) an MkDocs nav lists, in order."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_entries(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_entries(value)
