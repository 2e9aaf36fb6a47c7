"""Helpers for the build-check tests: a kit copy whose pages cover every required topic."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import REPO, copy_kit, small_kit
from policykit.checks.coverage import load_kit_topics
from policykit.sources.frontmatter import read_front_matter

sys.path.insert(0, str(REPO / "benchmarks"))
from library import append_nav  # noqa: E402  (shared with the benchmarks' page generator)

FIXTURE_PAGE = "policy/checks-fixture"
_FINDING = re.compile(r"^(?:WARNING|INFO)\s+-\s+(.*)$", re.MULTILINE)


def uncovered_topics(project: Path) -> list[str]:
    """Required topics (flags off) that no page of ``project`` lists in both languages."""
    covered: dict[str, set[str]] = {"nl": set(), "en": set()}
    for path in (project / "docs").rglob("*.md"):
        meta = read_front_matter(path.read_text(encoding="utf-8"))
        if meta.get("only_if"):
            continue
        lang = "en" if path.name.endswith(".en.md") else "nl"
        covered[lang].update(meta.get("topics") or [])
    return [t.id for t in load_kit_topics() if not t.only_if
            and not (t.id in covered["nl"] and t.id in covered["en"])]


def covered_kit(dest: Path, small: bool = False) -> Path:
    """A copy of the kit that passes the coverage check; ``small``: a ``small_kit``.

    While the policy pages are still being written, some required topics have no page yet;
    this adds one small page per language that lists them, so the other checks can be tested
    on a complete site. Once every topic has its real page, nothing is added.
    """
    project = small_kit(dest) if small else copy_kit(dest)
    missing = uncovered_topics(project)
    if not missing:
        return project
    for lang, title in (("nl", "Overige onderwerpen"), ("en", "Other topics")):
        (project / "docs" / f"{FIXTURE_PAGE}.{lang}.md").write_text(
            f"---\ntopics: [{', '.join(missing)}]\nowner: legal\nlast_reviewed: 2026-08-20\n---\n\n"
            f"# {title}\n\nText.\n", encoding="utf-8")
    append_nav(project / "mkdocs.yml", [f"{FIXTURE_PAGE}.md"])
    return project


def messages(output: str, contains: str = "") -> list[str]:
    """The WARNING/INFO lines a build printed (without the level), optionally filtered."""
    return [m for m in _FINDING.findall(output) if contains in m]


def add_page(project: Path, rel: str, body: str, topics: str = "[]", owner: str = "legal",
             reviewed: str = "2026-08-20", nav: bool = True) -> Path:
    """Write ``docs/<rel>`` with front matter and ``body``; list it in the nav."""
    path = project / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntopics: {topics}\nowner: {owner}\nlast_reviewed: {reviewed}\n---\n\n"
                    + body, encoding="utf-8")
    base = re.sub(r"\.(nl|en)\.md$", ".md", rel)
    if nav:
        append_nav(project / "mkdocs.yml", [base])
    return path


def front_matter(path: Path) -> dict:
    return read_front_matter(path.read_text(encoding="utf-8"))
