"""The prose of a Markdown page, line by line: what a reader reads, with its source line.

The language checks read the page *source*, not the built HTML: a finding then names the exact
line an editor changes, ``make check-language`` gives the same findings without a build, and
what is not the editor's prose is simply not there. Left out: front matter, fenced code,
HTML comments and tags, template code (``{% … %}``, ``{# … #}``), link targets, URLs,
e-mail addresses. A value inserted with ``{{ … }}`` (a name from ``company.yml``, a date, a
table), inline code, file paths, hashtags and @handles become :data:`VALUE`, one neutral
word: it counts in a sentence's length but is never spell-checked.

Blocks (paragraphs, list items, table cells, headings, admonition titles) are kept apart, so
a sentence never runs from one block into the next.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from policykit.sources.frontmatter import front_matter_lines

VALUE = "\ue000"  # stands for a value the page inserts; not a word of the editor's

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_TEMPLATE_TAG = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}", re.S)
_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)\S+", re.I)
_TAG_OR_HANDLE = re.compile(r"(?<![\w&#])[#@][^\W\d]\w*")  # #WerkenBijOns, @brugwerk
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PATH = re.compile(r"(?<![\w/])(?:[\w.~-]+/)+[\w.~-]*")
_FILE = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:md|ya?ml|json|html?|pdf|txt|css|js|py)\b")
_SPACES = re.compile(r"[ \t]+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}|\{:[^}]*\}")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:\"(.*)\")?\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_DEFINITION = re.compile(r"^\s*:\s{1,4}")
_ABBREVIATION = re.compile(r"^\s*\*\[([^\]]+)\]:\s*")


@dataclass(frozen=True)
class ProseLine:
    """The prose on one source line; ``starts_block`` when it cannot continue the line above."""

    line: int
    text: str
    starts_block: bool = False
    heading: bool = False


def prose_lines(source: str) -> list[ProseLine]:
    """Every source line that holds prose, with its number (1-based) and its reader's text.

    >>> [(p.line, p.text) for p in prose_lines("---\\na: 1\\n---\\n# Title\\n\\nSee `x` at "
    ...  "[the page](a.md), {{ contacts.hr.name }} or mail a@b.example.")]
    [(4, 'Title'), (6, 'See \\ue000 at the page, \\ue000 or mail .')]
    """
    source = _blank(source, _COMMENT)
    source = _blank(source, _TEMPLATE_TAG)
    source = _VALUE.sub(lambda m: _keep_lines(m.group(0), VALUE), source)
    lines = source.splitlines()
    out: list[ProseLine] = []
    fence = ""
    previous_blank = True
    skip = front_matter_lines(source)
    for number, raw in enumerate(lines, start=1):
        if number <= skip:
            continue
        match = _FENCE.match(raw)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            previous_blank = True
            continue
        if match:
            fence = match.group(1)
            previous_blank = True
            continue
        if not raw.strip() or _TABLE_RULE.match(raw) or _LINK_DEFINITION.match(raw):
            previous_blank = True
            continue
        parts, starts, heading = _line_prose(raw)
        for index, text in enumerate(parts):
            if text.strip():
                out.append(ProseLine(number, text.strip(),
                                     starts or previous_blank or index > 0, heading))
        previous_blank = heading
    return out


def _line_prose(raw: str) -> tuple[list[str], bool, bool]:
    """The reader's text of one line (a table row: per cell), whether it starts a block, and
    whether it is a heading."""
    admonition = _ADMONITION.match(raw)
    if admonition:
        return [_inline(admonition.group(1) or "")], True, True
    heading = _HEADING.match(raw)
    if heading:
        return [_inline(raw[heading.end():].rstrip("# "))], True, True
    abbreviation = _ABBREVIATION.match(raw)
    if abbreviation:
        return [_inline(raw[abbreviation.end():])], True, False
    starts = False
    for marker in (_QUOTE, _ITEM, _DEFINITION):
        found = marker.match(raw)
        if found:
            raw, starts = raw[found.end():], True
    if raw.lstrip().startswith("|"):  # a table row: each cell its own block
        return [_inline(c) for c in raw.strip().strip("|").split("|")], True, False
    return [_inline(raw)], starts, False


def _inline(text: str) -> str:
    # Each expression runs only when its tell-tale character is there: most lines are plain.
    if "`" in text:
        text = _CODE.sub(VALUE, text)
    if "[" in text:
        text = _FOOTNOTE_REF.sub("", _REFERENCE_LINK.sub(r"\1", _IMAGE_OR_LINK.sub(r"\1", text)))
    if "<" in text:
        text = _TAG.sub(" ", _AUTOLINK.sub(" ", text))
    if "{" in text:
        text = _ATTR_LIST.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _TAG_OR_HANDLE.sub(VALUE, text)
    if "/" in text:
        text = _PATH.sub(VALUE, text)
    text = _FILE.sub(VALUE, text)
    return _SPACES.sub(" ", text)


def _blank(source: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: _keep_lines(m.group(0), " "), source)


def _keep_lines(found: str, replacement: str) -> str:
    """``replacement`` followed by as many line breaks as ``found`` had: lines stay in place."""
    return replacement + "\n" * found.count("\n")
