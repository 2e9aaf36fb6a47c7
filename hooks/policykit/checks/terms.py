"""Consistent terms: a word or phrase the policy avoids, reported with the term to write.

Three sources, later ones win: the kit's ``hooks/policykit/terms.yml``; the glossary, where an
entry's headword is the preferred term and the page's front matter lists the forms to avoid
(``terms: {Klokkenluider: [klokkenluidster]}``); and an organisation's ``variables/terms.yml``
(same form as the kit's), which adds, changes, or cancels a term with an empty ``prefer``.
A glossary term without an entry of its own is a finding: the glossary explains what it
prescribes.
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


GLOSSARY = "glossary.md"  # the glossary page, by its name without the language
_HEADWORD = re.compile(r"^(\S[^\n]*)\n(?:\n?):   ", re.M)  # a definition list's term line


def glossary_headwords(source: str) -> dict[str, int]:
    r"""The terms a glossary page explains (definition-list headwords) and their lines.

    >>> glossary_headwords("# Woordenlijst\n\nAVG\n:   De wet.\n\nKlokkenluider\n:   Iemand.\n")
    {'AVG': 3, 'Klokkenluider': 6}
    """
    return {match.group(1).strip(): source.count("\n", 0, match.start()) + 1
            for match in _HEADWORD.finditer(source)}


def in_a_sentence(headword: str) -> str:
    """A glossary headword as it reads mid-sentence: the capital of an ordinary word goes.

    >>> in_a_sentence("Klokkenluider"), in_a_sentence("Two-step verification"), in_a_sentence("AVG")
    ('klokkenluider', 'two-step verification', 'AVG')
    """
    first = headword.split()[0] if headword.split() else headword
    ordinary = first[:1].isupper() and first[1:] == first[1:].lower()
    return headword[:1].lower() + headword[1:] if ordinary else headword


def glossary_terms(pages: Iterable[Any]) -> tuple[dict[str, dict[str, str]], list[Finding]]:
    r"""Terms from the glossary pages' ``terms:`` front matter, per language, in the form of
    ``terms.yml`` (``{"nl": {"klokkenluidster": "klokkenluider"}}``), and a finding for each
    term the glossary does not explain or that is not written as a list of words.

    >>> from types import SimpleNamespace as Page
    >>> page = Page(base="glossary.md", language="nl", path="docs/glossary.nl.md",
    ...             meta={"terms": {"Klokkenluider": ["klokkenluidster"], "Ambt": ["ambtje"]}},
    ...             source="---\nterms: x\n---\n\nKlokkenluider\n:   Iemand.\n")
    >>> found, problems = glossary_terms([page])
    >>> found
    {'nl': {'klokkenluidster': 'klokkenluider'}}
    >>> [(p.line, p.message) for p in problems]
    [(2, "the term 'Ambt' is not explained in the glossary")]
    """
    found: dict[str, dict[str, str]] = {}
    problems: list[Finding] = []
    for page in pages:
        listed = page.meta.get("terms") if page.base == GLOSSARY else None
        if not listed:
            continue
        line = next((n for n, text in enumerate(page.source.splitlines(), start=1)
                     if text.startswith("terms:")), 1)
        if not isinstance(listed, Mapping):
            problems.append(Finding(page.path, line, "terms: must map each glossary term to the "
                                    "words to avoid", "write 'terms: {Term: [word, word]}'",
                                    check="terms"))
            continue
        explained = {word.lower() for word in glossary_headwords(page.source)}
        for prefer, avoid in listed.items():
            words = [avoid] if isinstance(avoid, str) else avoid
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                problems.append(Finding(page.path, line, f"terms: '{prefer}' needs a list of "
                                        "words to avoid", f"write '{prefer}: [word, word]'",
                                        check="terms"))
            elif str(prefer).lower() not in explained:
                problems.append(Finding(page.path, line, f"the term '{prefer}' is not explained "
                                        "in the glossary", f"add an entry '{prefer}' to the page, "
                                        "or remove it from terms:", check="terms"))
            else:
                found.setdefault(page.language, {}).update(
                    {w: in_a_sentence(str(prefer)) for w in words})
    return found, problems


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
