"""The policy pages as sources: language, front matter and the line of every front-matter key."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policykit.checks.templates import front_matter_lines
from policykit.sources.pages import base_name
from policykit.sources.yamlfile import _Loader
from policykit.text import language_of


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

    def key_line(self, key: str) -> int:
        """Line of ``key:`` in the front matter (line 1 when the key is missing)."""
        for number, line in enumerate(self.source.splitlines()[:front_matter_lines(self.source)],
                                      start=1):
            if line.startswith(f"{key}:"):
                return number
        return 1


def load_pages(docs_dir: Path, default_language: str, published: Iterable[str],
               switched_off: Iterable[str] = ()) -> list[SourcePage]:
    """Every published page under ``docs_dir``: not in ``_``-folders, not switched off.

    A page without a language suffix belongs to the default language (as in static-i18n).
    Pages with front matter that is not valid YAML get empty metadata (reported elsewhere).
    """
    published = set(published)
    off = set(switched_off)
    pages = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if any(part.startswith("_") for part in rel.split("/")[:-1]) or base_name(rel) in off:
            continue
        language = language_of(rel, default_language)
        if language not in published:
            continue
        source = path.read_text(encoding="utf-8")
        pages.append(SourcePage(rel, language, front_matter(source), source))
    return pages


def front_matter(source: str) -> dict[str, Any]:
    r"""Front matter with dates kept as written (``2026-13-01`` is reported, not a crash).

    >>> front_matter("---\nlast_reviewed: 2026-13-01\n---\n# T")
    {'last_reviewed': '2026-13-01'}
    """
    count = front_matter_lines(source)
    if not count:
        return {}
    try:
        data = yaml.load("\n".join(source.splitlines()[1:count - 1]), Loader=_Loader)
    except yaml.YAMLError:
        return {}  # reported by policy_setup with its line
    return data if isinstance(data, dict) else {}
