"""Names in running text: no article written before an inserted name, none doubled, no sentence
that starts in lower case because of an inserted value.

Two pure checks: :func:`check_page_source` reads a page as written (``de {{ who('hr') }}``,
``{{ contacts.hr.name }}`` in a sentence); :func:`check_rendered` reads the page after its values
are inserted (``de de directie``, ``een mediamonitoringdienst ...`` at a sentence start).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable

from policykit.findings import Finding
from policykit.names import ARTICLES, DETERMINERS, SPECIAL_NAMES
from policykit.output.insertions import Insertion

_BEFORE = "|".join(sorted({*ARTICLES["nl"], *ARTICLES["en"], *DETERMINERS["nl"], *DETERMINERS["en"]},
                          key=len, reverse=True))
_NAME_CALL = r"\{\{-?\s*(?:who|name_of)\(\s*['\"](\w+)['\"]\s*\)\s*-?\}\}"
_WORD_BEFORE_NAME = re.compile(rf"(?<![\w-])({_BEFORE})(?:\s|\*\*|\*|_)+{_NAME_CALL}", re.I)
_RAW_NAMES = "|".join([r"contacts\.(\w+)\.name"] + [
    re.escape(f"{part}.{field}") for part, field in SPECIAL_NAMES.values()] + [r"(accounts)\b[^}]*\.team"])
_RAW_NAME = re.compile(rf"\{{\{{-?\s*({_RAW_NAMES})\s*-?\}}\}}")
_DEFINITE = "de|het|the"
_DOUBLED = re.compile(rf"(?<![\w-])({_DEFINITE})\s+(?:<[^>]+>|\*\*|\*|_|\s)*({_DEFINITE})(?![\w-])", re.I)
_PRONOUN_PAIRS = {("het", "de")}  # "vraag het de directie": 'het' is a pronoun here
_TAG = re.compile(r"<[^>]+>")


def check_page_source(text: str, path: str, first_line: int = 1) -> list[Finding]:
    """Articles or possessives written before an inserted name; names inserted as raw variables.

    >>> [f.message for f in check_page_source("Bel de {{ who('hr') }}.", "docs/x.nl.md")]
    ["'de' is written before the name {{ who('hr') }}"]
    """
    findings = []
    for match in _WORD_BEFORE_NAME.finditer(text):
        word, key = match.group(1), match.group(2)
        findings.append(Finding(
            path, _line_of(text, match.start(2), first_line),
            f"'{word}' is written before the name {{{{ who('{key}') }}}}",
            f"remove '{word}': who() brings the name's own article (the variables file says "
            "whether it has one)", check="names"))
    for match in _RAW_NAME.finditer(text):
        variable = match.group(1)
        key = match.group(2) or next((key for key, (part, field) in SPECIAL_NAMES.items()
                                      if variable == f"{part}.{field}"), None)
        fix = (f"write {{{{ who('{key}') }}}} in a sentence or {{{{ name_of('{key}') }}}} in a "
               "table or heading; they place the article and capital letter"
               if key else "write the team in the accounts register table, "
               "{{ accounts_table() }}, not in a sentence")
        findings.append(Finding(path, _line_of(text, match.start(), first_line),
                                f"the name {{{{ {variable} }}}} is inserted as it is written in "
                                "the variables file", fix, check="names"))
    return sorted(findings)


def _line_of(text: str, position: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, position)


def check_rendered(lines: Iterable[tuple[int, str]], insertions: Iterable[Insertion],
                   path: str) -> list[Finding]:
    """Doubled articles in the rendered ``(line, text)`` pairs; values that start a sentence in
    lower case."""
    findings = []
    lines = list(lines)
    text = "\n".join(_TAG.sub(lambda tag: " " * len(tag.group(0)), line) for _, line in lines)
    starts = [0]
    for _, line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for match in _DOUBLED.finditer(text):
        first, second = match.group(1).lower(), match.group(2).lower()
        if (first, second) in _PRONOUN_PAIRS:
            continue
        index = bisect.bisect_right(starts, match.start(2)) - 1
        shown = " ".join(match.group(0).split()[:1] + match.group(0).split()[-1:])
        findings.append(Finding(
            path, lines[index][0], f"'{shown}': two articles in a row",
            "remove the article written on the page, or the one in the name in "
            "variables/company.yml (write names as they read in a sentence)", check="names"))
    for insertion in insertions:
        value = html.unescape(insertion.text)  # as the editor wrote it, not as HTML escapes it
        first = value.lstrip()[:1]
        if insertion.starts_sentence and first.isalpha() and first.islower():
            findings.append(Finding(
                path, insertion.line, f"the sentence starts in lower case with the inserted "
                f"value '{value[:40]}'",
                "start the sentence with words of the page, or use who() for a name "
                "(it capitalises)", check="names"))
    return findings


def check_page(source: str, first_line: int, lines: Iterable[tuple[int, str]],
               insertions: Iterable[Insertion], path: str) -> list[Finding]:
    """Both checks of one page; a doubled article the written page explains is reported once."""
    written = check_page_source(source, path, first_line)
    explained = {f.line for f in written if f.message.startswith("'")}
    rendered = [f for f in check_rendered(lines, insertions, path)
                if not (f.line in explained and "two articles" in f.message)]
    return written + rendered
