"""Generate a copy of the kit with a large policy library, for the benchmarks.

``make_library(dest, pages)`` writes ``pages`` Markdown pages (half Dutch, half English) under
``docs/library/``: headings, paragraphs, lists, a table, a contact card, links to other pages
with anchors, an image. Together they cover every required topic, so every check has work to
do and a clean library passes. ``seed_broken_links`` adds known broken internal links.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from policykit.checks.coverage import load_kit_topics  # noqa: E402
from policykit.project import copy_sources  # noqa: E402

# A 1×1 transparent PNG.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                         "DwAChwGA60e6kgAAAABJRU5ErkJggg==")
_TEXT = {
    "nl": ("Onderdeel", "Wat je doet", "Wat je laat", "Voorbeelden", "Vragen",
           "Dit onderdeel beschrijft hoe medewerkers van {{ organisation.trade_name }} omgaan "
           "met sociale media. Lees het samen met de andere onderdelen van het beleid; bij "
           "twijfel vraag je het eerst na voordat je iets plaatst."),
    "en": ("Part", "What you do", "What you avoid", "Examples", "Questions",
           "This part describes how staff of {{ organisation.trade_name }} use social media. "
           "Read it together with the other parts of the policy; when in doubt, ask first "
           "before you post anything."),
}


def copy_kit(dest: Path) -> Path:
    """A fresh copy of the kit's sources (no venv, no site)."""
    return copy_sources(REPO, dest)


NavEntry = str | tuple[str, list["NavEntry"]]  # a page, or (section title, entries)


def append_nav(config_path: Path, entries: list[NavEntry], section: str | None = None) -> None:
    """Add pages at the end of ``nav:`` (the last key of mkdocs.yml), keeping the file as it is.

    An entry is a page path or ``(title, entries)`` for a section. Text, not a YAML round
    trip: mkdocs.yml holds tags such as ``!ENV`` and comments.
    """
    text = config_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    if start is None or any(line and not line[0].isspace() and not line.startswith("#")
                            for line in lines[start + 1:]):
        raise ValueError(f"{config_path}: 'nav:' must be the last key to add pages to it")
    added = _nav_lines([(section, entries)] if section else entries, "  ")
    config_path.write_text(text.rstrip("\n") + "\n" + "\n".join(added) + "\n", encoding="utf-8")


def _nav_lines(entries: list[NavEntry], indent: str) -> list[str]:
    lines = []
    for entry in entries:
        if isinstance(entry, str):
            lines.append(f"{indent}- {entry}")
        else:
            title, children = entry
            lines += [f"{indent}- {title}:"] + _nav_lines(children, indent + "    ")
    return lines


def _page(index: int, count: int, lang: str, topics: list[str]) -> str:
    part, do, avoid, examples, questions, intro = _TEXT[lang]
    nxt = f"p{(index + 1) % count:04d}.md"
    prev = f"p{(index - 1) % count:04d}.md"
    lines = ["---", f"topics: [{', '.join(topics)}]", "owner: hr", "last_reviewed: 2026-08-20",
             "---", "", f"# {part} {index}", "", intro, ""]
    for number, heading in enumerate((do, avoid, examples), start=1):
        lines += [f"## {heading}", "", intro, ""]
        lines += [f"- {heading} {number}.{item}: [{part} {index + 1}]({nxt}#{_slug(do)})"
                  for item in range(1, 4)]
        see, also, joined, top = (("Zie", "ook", "en", "boven") if lang == "nl"
                                  else ("See", "also", "and", "above"))
        lines += ["", f"{see} {also} [{part} {index - 1}]({prev}) {joined} "
                  f"[{top}](#{_slug(avoid)}).", ""]
    lines += [f"## {questions}", "", "| A | B |", "|---|---|", "| 1 | 2 |", "",
              "![diagram](diagram.png)", "", "{{ contact_card('hr') }}", ""]
    return "\n".join(lines)


def _slug(heading: str) -> str:
    return heading.lower().replace(" ", "-")


def make_library(dest: Path, pages: int, chapter_size: int = 25) -> Path:
    """A kit copy with ``pages`` generated pages (``pages // 2`` per language), grouped in
    chapters of ``chapter_size`` pages under a "Library" section."""
    project = copy_kit(dest)
    per_language = max(1, pages // 2)
    folder = project / "docs" / "library"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("nl", "en"):  # static-i18n copies an asset only for its own language
        (folder / f"diagram.{lang}.png").write_bytes(PIXEL)
    required = [t.id for t in load_kit_topics() if not t.only_if]
    for index in range(per_language):
        topics = [t for j, t in enumerate(required) if j % per_language == index]
        for lang in ("nl", "en"):
            (folder / f"p{index:04d}.{lang}.md").write_text(
                _page(index, per_language, lang, topics), encoding="utf-8")
    # Chapters, as a real library has: Material's navigation.prune then renders only the
    # open chapter on each page, so a page's navigation does not grow with the library.
    paths = [f"library/p{i:04d}.md" for i in range(per_language)]
    chapters: list[NavEntry] = [(f"Chapter {start // chapter_size + 1}",
                                 list(paths[start:start + chapter_size]))
                                for start in range(0, len(paths), chapter_size)]
    append_nav(project / "mkdocs.yml", chapters, "Library")
    return project


SEEDED = [  # page (nl), Markdown to add, the broken href as it appears in the HTML
    (1, "[kapot](bestaat-niet.md)", "bestaat-niet.md"),
    (2, "[anker](p0003.md#geen-anker)", "p0003.html#geen-anker"),
    (3, "![weg](plaatje-weg.png)", "plaatje-weg.png"),
    (4, '<a href="../policy/verdwenen.html">oud</a>', "../policy/verdwenen.html"),
    (5, "[eigen anker](#nergens)", "#nergens"),
]


def seed_broken_links(project: Path) -> set[tuple[str, str]]:
    """Add the ``SEEDED`` defects; return ``{(docs source, href)}`` a checker should find."""
    expected = set()
    for index, markdown, href in SEEDED:
        path = project / "docs" / "library" / f"p{index:04d}.nl.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{markdown}\n", encoding="utf-8")
        expected.add((f"library/p{index:04d}.nl.md", href))
    return expected
