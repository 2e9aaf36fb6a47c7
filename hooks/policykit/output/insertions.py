"""Follow inserted values through template rendering: sentence starts and source lines.

Before a page is rendered, :func:`number_lines` marks the start of every source line; while it is
rendered, every inserted value is wrapped by :func:`mark_name` or :func:`mark_value`. After
rendering, :func:`finish` removes every mark, capitalises a name that starts a sentence, and
returns each insertion with the source line it came from and whether it starts a sentence. The
marks are private-use characters, which no page or value can contain (:func:`scrub`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from policykit.names import capitalise

NAME, VALUE, END, LINE, LINE_END = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_MARKS = re.compile(f"[{NAME}{VALUE}{END}{LINE}{LINE_END}]")
_LINE_MARK = re.compile(f"{LINE}(\\d+){LINE_END}")
_INSERTION = re.compile(f"([{NAME}{VALUE}])([^{END}]*){END}")
_BLOCK_TAG = re.compile(r"<(p|li|td|th|dd|dt|summary|h[1-6]|div|blockquote|figcaption|br)\b[^>]*>\s*$",
                        re.I)
_INLINE_TAG = re.compile(r"<(/?)(strong|em|b|i|a|span|mark|code)\b[^>]*>\s*$", re.I)
_LINE_START = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*|:\s+"
                         r"|!!!\s+\w+(?:\s+\"[^\"]*\")?\s*|\?\?\?\+?\s+\w+\s*)*")
_OPENERS = "*_\"“‘'[ \t"


@dataclass(frozen=True)
class Insertion:
    """One inserted value in the rendered page."""

    line: int            # line in the page's Markdown (front matter excluded), from 1
    text: str            # the value as inserted (after capitalising)
    is_name: bool        # inserted with who(): capitalised at a sentence start
    starts_sentence: bool


def scrub(text: str) -> str:
    """``text`` without the marks (and without the private-use characters used for them)."""
    return _MARKS.sub("", _LINE_MARK.sub("", text))


def mark_name(text: Markup) -> Markup:
    return Markup(NAME) + text + Markup(END)


def mark_value(text: Markup) -> Markup:
    return Markup(VALUE) + text + Markup(END)


def number_lines(markdown: str) -> str:
    """``markdown`` with a line mark at the start of each line that is outside a template tag."""
    out: list[str] = []
    open_tag = ""
    for number, line in enumerate(markdown.split("\n"), start=1):
        out.append(("" if open_tag else f"{LINE}{number}{LINE_END}") + line)
        open_tag = _still_open(line, open_tag)
    return "\n".join(out)


def _still_open(line: str, open_tag: str) -> str:
    """The template delimiter left open at the end of ``line`` ('' when none)."""
    closers = {"{{": "}}", "{%": "%}", "{#": "#}"}
    position = 0
    while True:
        if open_tag:
            end = line.find(closers[open_tag], position)
            if end < 0:
                return open_tag
            position, open_tag = end + 2, ""
        starts = [(line.find(opener, position), opener) for opener in closers]
        starts = [(index, opener) for index, opener in starts if index >= 0]
        if not starts:
            return ""
        index, open_tag = min(starts)
        position = index + 2


@dataclass(frozen=True)
class Rendered:
    """A rendered page without marks, with its insertions and its lines' source numbers."""

    text: str
    insertions: list[Insertion]
    lines: list[tuple[int, str]]


def finish(rendered: str, offset: int = 0) -> Rendered:
    """Remove the marks, capitalise names at sentence starts; line numbers are ``offset`` + n."""
    inserted: list[Insertion] = []
    pieces: list[str] = []
    position = 0
    clean_so_far = ""
    line = 1
    for match in _INSERTION.finditer(rendered):
        before = rendered[position:match.start()]
        for mark in _LINE_MARK.finditer(before):
            line = int(mark.group(1))
        clean_so_far += scrub(before)
        pieces.append(before)
        text = scrub(match.group(2))
        is_name = match.group(1) == NAME
        start = starts_sentence(clean_so_far)
        if is_name and start:
            text = capitalise(text)
        inserted.append(Insertion(line + offset, text, is_name, start))
        pieces.append(text)
        clean_so_far += text
        position = match.end()
    pieces.append(rendered[position:])
    lines = []
    line = 1
    for raw in rendered.split("\n"):
        if mark := _LINE_MARK.search(raw):
            line = int(mark.group(1))
        lines.append((line + offset, scrub(raw)))
    return Rendered(scrub("".join(pieces)), inserted, lines)


def starts_sentence(before: str) -> bool:
    r"""True when text inserted after ``before`` (Markdown/HTML) begins a sentence.

    >>> [starts_sentence(t) for t in ("", "Bel dan ", "Klaar. ", "| x | ", "- ", "Zie\n")]
    [True, False, True, True, True, False]
    """
    line_start = before.rfind("\n") + 1
    current = before[line_start:]
    while True:
        stripped = current.rstrip(_OPENERS)
        if _BLOCK_TAG.search(stripped):
            return True
        inline = _INLINE_TAG.search(stripped)
        if not inline:
            break
        current = stripped[:inline.start()]
    if stripped.endswith(("|", ".", "!", "?", "…")):
        return True
    structure = _LINE_START.match(current).group(0)
    if current[len(structure):].strip(_OPENERS):
        return False  # words of the same sentence come before
    if structure.strip():
        return True  # a list item, heading, quote or admonition starts here
    if not line_start:
        return True  # the first line of the page
    last = before[:line_start - 1].rsplit("\n", 1)[-1].rstrip(_OPENERS)
    return not last.strip() or last.endswith((".", "!", "?", "|", ">"))
