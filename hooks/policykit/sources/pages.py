"""Policy pages as files: read once per build, which apply to this organisation, and the nav.

Every Markdown file under ``docs/`` becomes a :class:`SourcePage` (language, front matter,
text) in one pass. A page that starts with front matter ``only_if: us_staff`` exists only when
that flag is true in the variables; otherwise it is left out of the site, the navigation and
search.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policykit.findings import Finding
from policykit.labels import LANGUAGES
from policykit.sources.frontmatter import key_line, read_front_matter
from policykit.text import language_of

SNIPPETS_DIR = "_snippets"


@dataclass(frozen=True)
class SourcePage:
    """One Markdown page of ``docs/`` in one language."""

    src_uri: str               # relative to docs/, e.g. policy/ai.en.md
    language: str
    meta: dict[str, Any]
    source: str

    @property
    def path(self) -> str:
        """Project-relative path for messages."""
        return f"docs/{self.src_uri}"

    @property
    def base(self) -> str:
        """``policy/ai.md``: the page independent of its language."""
        return base_name(self.src_uri)

    @property
    def hidden(self) -> bool:
        """True in a folder whose name starts with ``_`` (snippets): not a page of the site."""
        return any(part.startswith("_") for part in self.src_uri.split("/")[:-1])

    def key_line(self, key: str) -> int:
        """Line of ``key:`` in the front matter (line 1 when the key is missing)."""
        return key_line(self.source, key)


@dataclass
class PageSet:
    """Every Markdown file of a docs folder, and the front matter that could not be read."""

    pages: list[SourcePage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def base_name(src_uri: str) -> str:
    """``topics/ai.en.md`` → ``topics/ai.md``: the page independent of its language."""
    parts = src_uri.split(".")
    if len(parts) >= 3 and parts[-2] in LANGUAGES:
        return ".".join(parts[:-2] + [parts[-1]])
    return src_uri


def read_pages(docs_dir: Path, default_language: str = "nl") -> PageSet:
    """Every ``*.md`` under ``docs_dir``, read once. A page without a language suffix belongs
    to the default language (as in static-i18n); front matter that is not YAML is a finding
    and leaves the page with empty metadata."""
    found = PageSet()
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        source = path.read_text(encoding="utf-8")
        try:
            meta = read_front_matter(source)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            found.findings.append(Finding(f"docs/{rel}", (mark.line + 2) if mark else 1,
                                          "front matter is not valid YAML",
                                          "check the lines between the two '---' lines",
                                          check="pages"))
            meta = {}
        found.pages.append(SourcePage(rel, language_of(rel, default_language), meta, source))
    return found


def switched_off(pages: Iterable[SourcePage],
                 flags: Mapping[str, bool]) -> tuple[dict[str, str], list[Finding]]:
    """Pages whose ``only_if`` flag is false (base name → flag), and findings for unknown flags."""
    off: dict[str, str] = {}
    findings: list[Finding] = []
    for page in pages:
        flag = page.meta.get("only_if")
        if flag is None:
            continue
        if flag not in flags:
            findings.append(Finding(page.path, page.key_line("only_if"),
                                    f"only_if: unknown flag '{flag}'",
                                    f"use one of: {', '.join(sorted(flags))}", check="pages"))
        elif not flags[flag]:
            off[page.base] = flag
    return off, findings


def switched_off_pages(docs_dir: Path,
                       flags: Mapping[str, bool]) -> tuple[dict[str, str], list[Finding]]:
    """:func:`switched_off` for the pages of ``docs_dir``, with unreadable front matter too."""
    found = read_pages(docs_dir)
    off, findings = switched_off(found.pages, flags)
    return off, found.findings + findings


def published_pages(pages: Iterable[SourcePage], published: Iterable[str],
                    off: Collection[str] = ()) -> list[SourcePage]:
    """The pages of the site: not in ``_``-folders, in a published language, not switched off.

    >>> pages = [SourcePage(uri, uri.split(".")[-2], {}, "") for uri in
    ...          ("a.nl.md", "a.en.md", "_snippets/s.nl.md", "off.nl.md", "a.de.md")]
    >>> [p.src_uri for p in published_pages(pages, ["nl", "en"], {"off.md": "flag"})]
    ['a.nl.md', 'a.en.md']
    """
    languages = set(published)
    return [page for page in pages
            if not page.hidden and page.language in languages and page.base not in off]


def prune_nav(nav: Any, off: Collection[str]) -> Any:
    """A copy of an MkDocs nav without the pages in ``off``; sections left empty disappear."""
    if isinstance(nav, list):
        pruned = [prune_nav(item, off) for item in nav]
        return [item for item in pruned if item not in (None, [], {})]
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            kept = prune_nav(value, off)
            if kept not in (None, [], {}):
                out[title] = kept
        return out or None
    if isinstance(nav, str):
        return None if base_name(nav) in off else nav
    return nav
