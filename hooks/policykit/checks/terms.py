"""Consistent terms: a word or phrase the policy avoids, reported with the term to write.

The kit's terms are in ``hooks/policykit/terms.yml``; an organisation's ``variables/terms.yml``
(same form) adds to them, changes them, or cancels one with an empty ``prefer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from policykit.findings import Finding
from policykit.sources.prose import ProseLine


@dataclass(frozen=True)
class Term:
    """``avoid`` (a word or phrase) → ``prefer``; ``allowed`` phrases contain it rightly."""

    avoid: str
    prefer: str
    allowed: tuple[str, ...] = ()

    @property
    def pattern(self) -> str:
        return r"\s+".join(re.escape(w) for w in self.avoid.split())


def read_terms(*sources: Mapping[str, Any] | None) -> dict[str, list[Term]]:
    """Terms per language from the kit's file and then the organisation's (later wins).

    >>> terms = read_terms({"nl": {"email": "e-mail"}}, {"nl": {"email": "", "mail": "e-mail"}})
    >>> [(t.avoid, t.prefer) for t in terms["nl"]]
    [('mail', 'e-mail')]
    """
    merged: dict[str, dict[str, Term]] = {}
    for source in sources:
        for language, entries in (source or {}).items():
            chosen = merged.setdefault(str(language), {})
            for avoid, value in (entries or {}).items():
                if isinstance(value, Mapping):
                    prefer, allowed = value.get("prefer") or "", tuple(value.get("except") or ())
                else:
                    prefer, allowed = value or "", ()
                if prefer:
                    chosen[str(avoid).lower()] = Term(str(avoid), str(prefer),
                                                      tuple(map(str, allowed)))
                else:
                    chosen.pop(str(avoid).lower(), None)
    return {language: list(terms.values()) for language, terms in merged.items()}


def check_terms(path: str, language: str, lines: Iterable[ProseLine],
                terms: Mapping[str, list[Term]], terms_file: str) -> list[Finding]:
    """A finding per avoided term and line of one page.

    >>> from policykit.sources.prose import ProseLine
    >>> terms = read_terms({"nl": {"social media": {"prefer": "sociale media",
    ...                                            "except": ["Reclamecode Social Media"]}}})
    >>> [str(f) for f in check_terms("docs/a.nl.md", "nl", [ProseLine(4, "Op Social  media."),
    ...  ProseLine(5, "De Reclamecode Social Media geldt.")], terms, "variables/terms.yml")]
    ["docs/a.nl.md:4: 'Social  media' is not the policy's term — write 'sociale media' \
(or change the term in variables/terms.yml)"]
    """
    findings: list[Finding] = []
    chosen = terms.get(language, [])
    if not chosen:
        return findings
    # One expression for all terms of the language; group i is term i.
    pattern = _combined(tuple(t.pattern for t in chosen))
    for prose in lines:
        for match in pattern.finditer(prose.text):
            term = chosen[match.lastindex - 1]
            if any(_covers(prose.text, allowed, match) for allowed in term.allowed):
                continue
            findings.append(Finding(
                path, prose.line, f"'{match.group(0)}' is not the policy's term",
                f"write '{term.prefer}' (or change the term in {terms_file})", check="terms"))
    return findings


@lru_cache(maxsize=16)
def _combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(?<![\\w-])(?:" + "|".join(f"({p})" for p in patterns) + ")(?![\\w-])", re.I)


def _covers(text: str, allowed: str, match: re.Match[str]) -> bool:
    for found in re.finditer(re.escape(allowed), text, re.I):
        if found.start() <= match.start() and match.end() <= found.end():
            return True
    return False
