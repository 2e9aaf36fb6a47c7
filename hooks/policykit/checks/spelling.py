"""Spelling of the pages' prose, in each page's own language.

Every distinct word of a language is asked once (a 1,000-page library costs one Hunspell run
per language). A word is accepted when the dictionary knows it, when a word list has it, or —
for a word with hyphens such as ``AI-tools`` or ``HR-servicepunt`` — when every part is
accepted. Dutch compounds are otherwise left to OpenTaal's compound rules; terms the
dictionary does not know go in a word list, one by one, never a whole class of words.

Word lists are plain text, one word per line, ``#`` starts a comment. An entry written in
lower case also accepts the word with a capital or in capitals (``intranet`` accepts
``Intranet``); an entry with capitals accepts exactly that spelling (``LinkedIn``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policykit.findings import Finding
from policykit.labels import LANGUAGE_NAMES
from policykit.sources.prose import ProseLine

Unknown = Callable[[Collection[str]], set[str]]  # words → those the dictionary does not know
Suggest = Callable[[Collection[str]], Mapping[str, list[str]]]  # words → their suggestions
MAX_SUGGESTED = 40  # distinct words per language that get suggestions (each costs ~50 ms)

_TOKEN = re.compile(r"[\w\ue000]+(?:['’][\w]+|-[\w\ue000]+)*(?:-(?=\s|$|[,.;:!?)]))?")
_NOT_A_WORD = re.compile(r"[\d_\ue000]")



@dataclass
class WordList:
    """Accepted words: exact spellings, and lower-case entries that accept any capitalisation."""

    exact: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)

    def add(self, word: str) -> None:
        (self.folded if word == word.lower() else self.exact).add(word)

    def accepts(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.folded \
            and (word == word.lower() or word[:1].isupper())

    def __len__(self) -> int:
        return len(self.exact) + len(self.folded)


def read_word_list(text: str) -> WordList:
    """A word list from its text (see the module docstring).

    >>> words = read_word_list("# products\\nLinkedIn\\nintranet  # our own\\n")
    >>> [words.accepts(w) for w in ("LinkedIn", "linkedin", "Intranet", "INTRANET")]
    [True, False, True, True]
    """
    words = WordList()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.add(entry)
    return words


def load_word_lists(paths: Iterable[Path]) -> WordList:
    """One word list from every existing file of ``paths``."""
    words = WordList()
    for path in paths:
        if Path(path).is_file():
            listed = read_word_list(Path(path).read_text(encoding="utf-8"))
            words.exact |= listed.exact
            words.folded |= listed.folded
    return words


def words_of(lines: Iterable[ProseLine]) -> Iterator[tuple[int, str]]:
    """``(line, word)`` for every word to check: no numbers, no inserted values.

    >>> from policykit.sources.prose import ProseLine
    >>> list(words_of([ProseLine(3, "De AI-tools van 2026 en video’s, 2e keer.")]))
    [(3, 'De'), (3, 'AI-tools'), (3, 'van'), (3, 'en'), (3, "video's"), (3, 'keer')]
    """
    for prose in lines:
        for word in _TOKEN.findall(prose.text):
            if _NOT_A_WORD.search(word) is None:
                word = word.replace("’", "'").strip("-")
                if word:
                    yield prose.line, word


@dataclass(frozen=True)
class PageProse:
    """The prose of one page, in its language."""

    path: str
    language: str
    lines: list[ProseLine]


@dataclass(frozen=True)
class Dictionary:
    """What the check asks a language's dictionary."""

    unknown: Unknown
    suggest: Suggest


def check_spelling(pages: Iterable[PageProse], dictionaries: Mapping[str, Dictionary],
                   accepted: Mapping[str, WordList], word_list_file: Mapping[str, str]
                   ) -> list[Finding]:
    """A finding per unknown word and line; ``dictionaries`` and ``accepted`` are per language.

    Pages in a language without a dictionary are skipped (the caller says so once).
    """
    pages = [p for p in pages if p.language in dictionaries]
    occurrences: dict[str, list[tuple[PageProse, int, str]]] = {}
    verdict: dict[tuple[str, str], bool] = {}  # (language, word) → not on a word list
    for page in pages:
        words = accepted.get(page.language, WordList())
        found = occurrences.setdefault(page.language, [])
        for line, word in words_of(page.lines):
            key = (page.language, word)
            listed = verdict.get(key)
            if listed is None:
                listed = verdict[key] = not words.accepts(word)
            if listed:
                found.append((page, line, word))
    occurrences = {language: found for language, found in occurrences.items() if found}
    # One Hunspell process per language, the languages side by side.
    with ThreadPoolExecutor(max_workers=max(len(occurrences), 1)) as pool:
        done = pool.map(lambda item: _language_findings(
            item[1], dictionaries[item[0]], accepted.get(item[0], WordList()), item[0],
            word_list_file.get(item[0], "")), occurrences.items())
        return [finding for found in done for finding in found]


def _language_findings(found: list[tuple[PageProse, int, str]], dictionary: Dictionary,
                       words: WordList, language: str, word_list: str) -> list[Finding]:
    wrong = _unknown(dictionary.unknown, {w for _, _, w in found}, words)
    in_order = [w for w in dict.fromkeys(w for _, _, w in found) if w in wrong]
    verdicts: dict[str, list[str]] = {w: [] for w in in_order}
    verdicts.update(dictionary.suggest(in_order[:MAX_SUGGESTED]))
    findings: list[Finding] = []
    seen: set[tuple[str, int, str]] = set()
    for page, line, word in found:
        if word not in verdicts or (page.path, line, word) in seen:
            continue
        seen.add((page.path, line, word))
        findings.append(_finding(page.path, line, word, verdicts[word], language, word_list))
    return findings


def _unknown(unknown: Unknown, candidates: set[str], words: WordList) -> set[str]:
    """The words of ``candidates`` neither the dictionary, a word list nor their parts accept.

    One call: with the words go their hyphen parts, the word before an ``'s`` and, for short
    words, the word with a full stop (abbreviations: ``nr.``, ``bijv.``).
    """
    parts = {part for word in candidates if "-" in word for part in word.split("-") if part}
    parts |= {word[:-2] for word in candidates if word.endswith("'s")}
    dotted = {f"{word}." for word in candidates if len(word) <= 5}
    answer = unknown(sorted(candidates | parts | dotted))
    verdicts: set[str] = set()
    for word in candidates:
        if word not in answer or (f"{word}." in dotted and f"{word}." not in answer):
            continue
        if "-" in word and all(words.accepts(p) or p not in answer
                               for p in word.split("-") if p):
            continue
        if word.endswith("'s") and (word[:-2] not in answer or words.accepts(word[:-2])):
            continue
        verdicts.add(word)
    return verdicts


def _finding(path: str, line: int, word: str, suggestions: list[str], language: str,
             word_list: str) -> Finding:
    name = LANGUAGE_NAMES.get(language, language)
    listed = f"add it to {word_list}" if word_list else "add it to the word list"
    if suggestions:
        options = ", ".join(f"'{s}'" for s in suggestions)
        fix = f"did you mean {options}? If '{word}' is right, {listed}"
    else:
        fix = f"correct it; if '{word}' is right, {listed}"
    return Finding(path, line, f"unknown word '{word}' ({name} spelling)", fix, check="spelling")
