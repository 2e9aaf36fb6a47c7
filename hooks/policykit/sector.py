"""The kind of organisation, and the words the policy uses for it in each language.

``organisation.kind`` in the variables file (company, municipality, public_body, foundation,
association, school, healthcare; default company) picks a set of words from ``sectors.yml``:
who the organisation serves (*klanten*, *inwoners*, *cliënten* …), how it names itself and its
governing body. ``organisation.words`` replaces any of them with the organisation's own choice.
Pages write ``{{ sector.served }}``, ``{{ sector.served_one }}``, ``{{ sector.the_organisation }}``
and ``{{ who('governing_body') }}``; ``{% if sector.kind == "company" %}`` keeps a sentence
for one kind of organisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SECTORS_FILE = Path(__file__).with_name("sectors.yml")
DEFAULT_KIND = "company"
WORDS = ("served", "served_one", "the_organisation", "governing_body")


@lru_cache(maxsize=1)
def sectors() -> dict[str, dict[str, dict[str, str]]]:
    """Every kind of organisation with its words per language (``sectors.yml``)."""
    return yaml.safe_load(SECTORS_FILE.read_text(encoding="utf-8"))


def kinds() -> tuple[str, ...]:
    return tuple(sectors())


def kind_of(data: Mapping[str, Any]) -> str:
    return data["organisation"].get("kind") or DEFAULT_KIND


def sector_words(data: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The words for this organisation: its kind's words, with its own choices on top.

    >>> sector_words({"organisation": {"kind": "municipality"}})["served"]["nl"]
    'inwoners'
    >>> sector_words({"organisation": {"words": {"served": {"nl": "bezoekers"}}}})["served"]
    {'nl': 'bezoekers', 'en': 'clients'}
    """
    base = sectors()[kind_of(data)]
    own = data["organisation"].get("words") or {}
    return {word: {**base[word], **{lang: text for lang, text in (own.get(word) or {}).items()
                                    if text}}
            for word in WORDS}


def is_public(data: Mapping[str, Any]) -> bool:
    """A municipality or other public body (rules for public bodies apply)."""
    return kind_of(data) in ("municipality", "public_body")
