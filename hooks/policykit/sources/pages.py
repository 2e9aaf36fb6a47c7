"""Policy pages as files: their front matter, which apply to this organisation, and the nav.

A page that starts with front matter ``only_if: us_staff`` exists only when that flag is
true in the variables; otherwise it is left out of the site, the navigation and search.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import yaml

from policykit.checks.templates import front_matter_lines
from policykit.findings import Finding
from policykit.text import LANGUAGES


def read_front_matter(source: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown page as a dict (empty when there is none)."""
    count = front_matter_lines(source)
    if not count:
        return {}
    block = "\n".join(source.splitlines()[1:count - 1])
    data = yaml.safe_load(block) or {}
    return data if isinstance(data, dict) else {}


def base_name(src_uri: str) -> str:
    """``topics/ai.en.md`` → ``topics/ai.md``: the page independent of its language."""
    parts = src_uri.split(".")
    if len(parts) >= 3 and parts[-2] in LANGUAGES:
        return ".".join(parts[:-2] + [parts[-1]])
    return src_uri


def switched_off_pages(docs_dir: Path,
                       flags: Mapping[str, bool]) -> tuple[dict[str, str], list[Finding]]:
    """Pages whose ``only_if`` flag is false (base name → flag), and findings for unknown flags."""
    off: dict[str, str] = {}
    findings: list[Finding] = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        try:
            meta, source = _cached_front_matter(path)
        except (yaml.YAMLError, ValueError) as error:  # ValueError: a date like 2026-13-01
            source = path.read_text(encoding="utf-8")
            mark = getattr(error, "problem_mark", None)
            findings.append(Finding(f"docs/{rel}", (mark.line + 2) if mark else 1,
                                    "front matter is not valid YAML",
                                    "check the lines between the two '---' lines", check="pages"))
            continue
        flag = meta.get("only_if")
        if flag is None:
            continue
        if flag not in flags:
            findings.append(Finding(f"docs/{rel}", _line_of(source, "only_if"),
                                    f"only_if: unknown flag '{flag}'",
                                    f"use one of: {', '.join(sorted(flags))}", check="pages"))
            continue
        if not flags[flag]:
            off[base_name(rel)] = flag
    return off, findings


# Front matter by file, kept while its modification time and size stay the same: every build
# reads it several times (the variables check, each language's build, the source checks), and a
# 1,000-page library would parse the same YAML thousands of times.
_front_matter_cache: dict[str, tuple[tuple[int, int], dict[str, Any], str]] = {}


def _cached_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """Front matter and text of ``path``; raises like :func:`read_front_matter`."""
    status = path.stat()
    stamp = (status.st_mtime_ns, status.st_size)
    cached = _front_matter_cache.get(str(path))
    if cached is None or cached[0] != stamp:
        source = path.read_text(encoding="utf-8")
        cached = (stamp, read_front_matter(source), source)
        _front_matter_cache[str(path)] = cached
    return cached[1], cached[2]


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


def _line_of(source: str, key: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
