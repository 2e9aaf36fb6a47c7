"""Names that read right in a sentence and on a card, in Dutch and English.

The convention (explained to editors in ``variables/company.yml`` and the schema): a name is
written per language *as it reads in the middle of a sentence*, with its article if it takes
one: ``"het HR-servicepunt"``, ``"Juridische Zaken"``, ``"the data protection officer"``.
From that one written form come

- the **sentence form** (``who('hr')`` on a page): article + name, capitalised by the page
  renderer when it starts a sentence;
- the **display form** (cards, tables, ``name_of('hr')``): no article, first letter capital.

An editor who leaves the article out still gets a sentence that reads right for common cases:
a small list of head nouns (``-punt`` → *het*, ``-raad`` → *de*, English *team*, *office*…)
supplies it. A remark in brackets at the end (``"Crisislijn (buiten kantoortijd)"``) is not
part of the name: cards show it under the name, sentences leave it out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from policykit.sector import sector_words
from policykit.text import pick

ARTICLES: dict[str, tuple[str, ...]] = {"nl": ("de", "het"), "en": ("the",)}
ALL_ARTICLES = frozenset(a for words in ARTICLES.values() for a in words)
# Words that take the place of an article: "onze vertrouwenspersoon", "our press office".
DETERMINERS: dict[str, frozenset[str]] = {
    "nl": frozenset({"onze", "ons", "jouw", "jullie", "uw", "hun", "mijn", "een", "deze", "dit"}),
    "en": frozenset({"our", "your", "their", "its", "my", "a", "an", "this"}),
}

# Head nouns (or the end of a Dutch compound) that take an article when the editor wrote none.
_NL_HEADS: dict[str, str] = {
    "punt": "het", "team": "het", "bureau": "het", "loket": "het", "secretariaat": "het",
    "centrum": "het", "kantoor": "het", "bestuur": "het", "college": "het", "orgaan": "het",
    "management": "het", "platform": "het", "hoofd": "het", "leider": "de",
    "servicedesk": "de", "helpdesk": "de",
    "afdeling": "de", "dienst": "de", "directie": "de", "raad": "de", "functionaris": "de",
    "persoon": "de", "lijn": "de", "commissie": "de", "desk": "de", "officer": "de",
    "manager": "de", "woordvoerder": "de", "medewerker": "de", "adviseur": "de",
    "coördinator": "de", "voorlichting": "de", "jurist": "de", "directeur": "de",
    "bestuurder": "de", "cliëntenraad": "de", "leiding": "de", "groep": "de",
}
_EN_HEADS = frozenset({
    "board", "council", "committee", "office", "team", "desk", "department", "service",
    "head", "director", "manager", "officer", "line", "unit", "secretariat", "executive",
    "counsellor", "counselor", "hotline", "group", "panel",
})
_REMARK = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class Name:
    """One name in one language, split into its parts."""

    article: str   # "de", "het", "the" or ""
    core: str      # the name itself, without article or remark
    remark: str = ""

    def in_sentence(self) -> str:
        """``het HR-servicepunt``: how the name reads in the middle of a sentence."""
        return f"{self.article} {self.core}" if self.article else self.core

    def display(self) -> str:
        """``HR-servicepunt``: how the name reads on a card or in a table cell."""
        return capitalise(self.core)


def capitalise(text: str) -> str:
    """``text`` with its first letter in capitals (``het team`` → ``Het team``)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
    return text


def parse_name(written: str, lang: str) -> Name:
    """Split a written name into article, name and remark, supplying a missing article.

    >>> parse_name("The Board of Directors", "en").in_sentence()
    'the Board of Directors'
    >>> parse_name("Vertrouwenspersoon", "nl").in_sentence()
    'de vertrouwenspersoon'
    >>> parse_name("Crisislijn Communicatie (buiten kantoortijd)", "nl")
    Name(article='de', core='Crisislijn Communicatie', remark='buiten kantoortijd')
    >>> parse_name("our external confidential adviser", "en").in_sentence()
    'our external confidential adviser'
    """
    text = " ".join(str(written or "").split())
    remark = ""
    if match := _REMARK.search(text):
        remark, text = match.group(1).strip(), text[:match.start()].strip()
    first, _, rest = text.partition(" ")
    if first.lower() in DETERMINERS.get(lang, ()) and rest:
        return Name("", f"{first.lower()} {rest}", remark)
    if first.lower() in ALL_ARTICLES and rest:
        if first.lower() in ARTICLES.get(lang, ()):
            return Name(first.lower(), rest, remark)
        text = rest  # another language's article (a fallback text): guess this language's one
    article = _guess_article(text, lang)
    if article and _sentence_case(text):
        text = text[0].lower() + text[1:]
    return Name(article, text, remark)


def _guess_article(text: str, lang: str) -> str:
    words = _WORD.findall(text)
    if not words:
        return ""
    if lang == "nl":
        head = words[0].lower().rsplit("-", 1)[-1]
        for tail, article in _NL_HEADS.items():
            if head.endswith(tail):
                return article
        return ""
    if lang == "en":
        if words[-1].islower() or words[0].lower() in _EN_HEADS or words[-1].lower() in _EN_HEADS:
            return "the"
    return ""


def _sentence_case(text: str) -> bool:
    """True when only the first word is capitalised (and is no acronym): ``Data protection officer``."""
    words = _WORD.findall(text)
    if not words or not words[0][:1].isupper() or words[0].isupper():
        return False
    if len(words[0]) > 1 and any(ch.isupper() for ch in words[0][1:]):
        return False
    return all(not w[:1].isupper() or w.isupper() for w in words[1:])


# Names in the variables file, by the key a page uses: who('hr'), who('owner_role').
SPECIAL_NAMES = {
    "approved_by": ("policy", "approved_by"),  # left out: the governing body
    "owner_role": ("policy", "owner_role"),
    "works_council": ("works_council", "name"),
}


def name_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every name a page may insert, by key: the contacts' keys, ``SPECIAL_NAMES`` and the
    ``governing_body`` of the organisation's kind (:mod:`policykit.sector`)."""
    governing_body = sector_words(data)["governing_body"]
    names: dict[str, Any] = {key: contact["name"] for key, contact in data["contacts"].items()}
    for key, (part, field) in SPECIAL_NAMES.items():
        names[key] = data[part].get(field) or governing_body
    names["governing_body"] = governing_body
    return names


def name_in(value: Any, lang: str, fallback: str) -> Name:
    """The ``lang`` version of a per-language name value, parsed."""
    return parse_name(pick(value, lang, fallback), lang)
