"""Trace something found in a built page back to the line an editor has to change.

The built HTML has no line numbers. A finding is traced by searching for the text (or a
variant of it, such as ``x.md`` for ``x.html``) in, in this order: the page's Markdown source,
the snippets it may include, the theme overrides and the variables file. The first hit wins.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from policykit.project import VARIABLES_FILE
from policykit.sources.frontmatter import front_matter_lines


@dataclass(frozen=True)
class Origin:
    """Where a value was traced to: a project-relative path and line (None if not found)."""

    path: str
    line: int | None
    shared: bool = False  # True when the place feeds every page (theme, variables)


def find_line(source: str, candidates: Iterable[str], skip_lines: int = 0) -> int | None:
    """The 1-based number of the first line after ``skip_lines`` holding any candidate.

    Candidates are tried in order, so the most specific one should come first.

    >>> find_line("---\\na: 1\\n---\\n\\nSee [x](x.md#top).", ["x.html", "x.md"], 3)
    5
    """
    lines = source.splitlines()
    for candidate in candidates:
        if not candidate:
            continue
        for number, line in enumerate(lines[skip_lines:], start=skip_lines + 1):
            if candidate in line:
                return number
    return None


def link_candidates(url: str) -> list[str]:
    """Ways an editor may have written the link that ended up as ``url`` in the HTML.

    >>> link_candidates("../contacts.html#hr")
    ['../contacts.html#hr', '../contacts.md#hr', '../contacts.html', '../contacts.md', \
'contacts.md', 'contacts.html']
    """
    out = [url]
    path, _, fragment = url.partition("#")
    if path.endswith(".html"):
        out.append(path[:-5] + ".md" + (f"#{fragment}" if fragment else ""))
    if fragment and path:
        out.append(path)
        if path.endswith(".html"):
            out.append(path[:-5] + ".md")
    if unquote(url) != url:
        out.append(unquote(url))
    base = posixpath.basename(path)
    if base and base != path:
        if base.endswith(".html"):
            out.append(base[:-5] + ".md")
        out.append(base)
    if fragment and not path:
        out.append(f"({url})")
    if url.startswith(("mailto:", "tel:")):
        out.append(url.split(":", 1)[1].split("?")[0])
    return list(dict.fromkeys(out))


@dataclass
class Tracer:
    """Searches the project's sources; files are read once and kept."""

    root: Path
    shared_sources: tuple[str, ...] = ()   # project-relative: overrides, variables, snippets
    _texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_project(cls, root: Path) -> Tracer:
        """A tracer that looks in ``docs/_snippets``, ``overrides/`` and the variables file."""
        root = Path(root)
        shared: list[str] = []
        for folder in ("docs/_snippets", "overrides"):
            base = root / folder
            if base.is_dir():
                shared.extend(p.relative_to(root).as_posix() for p in sorted(base.rglob("*"))
                              if p.is_file() and p.suffix in (".md", ".html", ".css", ".js"))
        if (root / VARIABLES_FILE).is_file():
            shared.append(VARIABLES_FILE)
        return cls(root, tuple(shared))

    def text(self, rel: str) -> str:
        if rel not in self._texts:
            try:
                self._texts[rel] = (self.root / rel).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[rel] = ""
        return self._texts[rel]

    def trace(self, page_source: str | None, candidates: list[str]) -> Origin:
        """The first place that holds a candidate; the page itself (no line) when none does."""
        if page_source:
            text = self.text(page_source)
            line = find_line(text, candidates, front_matter_lines(text))
            if line is not None:
                return Origin(page_source, line)
        for rel in self.shared_sources:
            line = find_line(self.text(rel), candidates)
            if line is not None:
                return Origin(rel, line, shared=not rel.startswith("docs/"))
        return Origin(page_source or "(theme)", None, shared=page_source is None)
