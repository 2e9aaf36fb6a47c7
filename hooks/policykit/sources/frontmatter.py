"""The one reader of a page's front matter (the YAML between the two ``---`` lines at the top).

Dates stay text as written (``last_reviewed: 2026-13-01`` is reported by the review check, not
a crash), like every other YAML file the kit reads (:func:`policykit.sources.yamlfile.load_yaml`).
"""

from __future__ import annotations

from typing import Any

from policykit.sources.yamlfile import load_yaml


def front_matter_lines(source: str) -> int:
    """How many lines the front matter (``---`` … ``---``) takes at the top of ``source``.

    >>> front_matter_lines("---\\ntopics: []\\n---\\n# T"), front_matter_lines("# T")
    (3, 0)
    """
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return index + 1
    return 0


def front_matter_offset(source: str) -> int:
    """Character offset just after the front matter."""
    lines = source.splitlines(keepends=True)
    return sum(len(line) for line in lines[:front_matter_lines(source)])


def read_front_matter(source: str) -> dict[str, Any]:
    r"""The front matter as a dict (empty when there is none); raises ``yaml.YAMLError``.

    >>> read_front_matter("---\nlast_reviewed: 2026-13-01\n---\n# T")
    {'last_reviewed': '2026-13-01'}
    """
    count = front_matter_lines(source)
    if not count:
        return {}
    data = load_yaml("\n".join(source.splitlines()[1:count - 1]))
    return data if isinstance(data, dict) else {}


def key_line(source: str, key: str) -> int:
    """Line of ``key:`` in the front matter (line 1 when the key is missing).

    >>> key_line("---\\ntopics: []\\nowner: hr\\n---\\n", "owner")
    3
    """
    for number, line in enumerate(source.splitlines()[:front_matter_lines(source)], start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
