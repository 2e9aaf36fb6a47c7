"""Plain language (B1) per page: sentence length, long words and a readability score.

Readability is Flesch-Douma for Dutch (206.84 − 0.77 × syllables per 100 words − 0.93 ×
words per sentence) and Flesch Reading Ease for English (206.835 − 1.015 × words per sentence
− 84.6 × syllables per word); higher is easier, 60–80 is plain language for both. The kit
counts syllables itself (vowel groups; a diaeresis starts a new one; a silent English final
"e" does not count) instead of using textstat: textstat switches language with one global
setting, brings pyphen's hyphenation dictionaries into every build, and cannot say on which
line a sentence starts, which a finding needs. The formulas are the published ones.

A value the page inserts (:data:`~policykit.sources.prose.VALUE`) counts as a word of two
syllables; headings are not sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from policykit.findings import Finding
from policykit.sources.prose import VALUE, ProseLine

_WORD = re.compile(r"[\w\ue000]+(?:['’-][\w\ue000]+)*")
# A full stop after one of these does not end a sentence.
_ABBREVIATIONS = {"bijv", "bv", "o.a", "d.w.z", "m.b.t", "e.d", "enz", "nr", "art", "ca", "incl",
                  "vs", "e.g", "i.e", "etc", "no", "mr", "mrs", "dr", "st", "jr", "z.o.z", "t.a.v",
                  "i.p.v", "m.u.v", "resp", "p"}
_END = re.compile(r"[.!?]+[\"')\]’”]*(?=\s|$)")
_VOWELS = {"nl": "aeiouyàáâäèéêëìíîïòóôöùúûü", "en": "aeiouyàáâäèéêëìíîïòóôöùúûü"}
_DIAERESIS = "äëïöü"

# Kit defaults; ``checks.plain_language`` in the variables file overrides any of them.
# "advice" is listed for the editor, "limit" fails the build. Readability: lower is harder.
DEFAULT_LIMITS: dict[str, dict[str, float]] = {
    "sentence_words": {"advice": 25, "limit": 40},
    "average_sentence_words": {"advice": 15, "limit": 22},
    "long_words_percent": {"advice": 20, "limit": 35},
    "readability": {"advice": 50, "limit": 30},
}
LONG_WORD_SYLLABLES = 4  # a word of four or more syllables is a long word
_HIGHER_IS_WORSE = {"sentence_words", "average_sentence_words", "long_words_percent"}


@dataclass(frozen=True)
class Sentence:
    line: int
    words: int


@dataclass
class PageFigures:
    """The plain-language figures of one page."""

    path: str
    language: str
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    long_words: int = 0
    long_sentences: list[Sentence] = field(default_factory=list)

    @property
    def average_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_words_percent(self) -> float:
        return 100 * self.long_words / self.words if self.words else 0.0

    @property
    def readability(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        per_sentence, per_word = self.words / self.sentences, self.syllables / self.words
        if self.language == "nl":
            return 206.84 - 0.77 * 100 * per_word - 0.93 * per_sentence
        return 206.835 - 1.015 * per_sentence - 84.6 * per_word

    def as_dict(self) -> dict[str, Any]:
        return {"page": self.path, "language": self.language, "sentences": self.sentences,
                "words": self.words, "average_sentence_words": round(self.average_sentence_words, 1),
                "long_words_percent": round(self.long_words_percent, 1),
                "readability": round(self.readability, 1),
                "long_sentences": [{"line": s.line, "words": s.words}
                                   for s in self.long_sentences]}


def limits_from(options: Mapping[str, Any] | None) -> dict[str, dict[str, float]]:
    """Kit defaults, overridden by the organisation's ``checks.plain_language``."""
    limits = {name: dict(values) for name, values in DEFAULT_LIMITS.items()}
    for name, values in (options or {}).items():
        if name in limits and isinstance(values, Mapping):
            limits[name].update({k: float(v) for k, v in values.items() if k in ("advice", "limit")})
    return limits


def sentences(lines: Iterable[ProseLine]) -> list[tuple[int, list[str]]]:
    """Sentences as ``(line it starts on, words)``; headings are left out.

    >>> from policykit.sources.prose import ProseLine
    >>> sentences([ProseLine(1, "Kort.", True), ProseLine(2, "Dit loopt", True),
    ...            ProseLine(3, "door, bijv. hier. Klaar!")])
    [(1, ['Kort']), (2, ['Dit', 'loopt', 'door', 'bijv', 'hier']), (3, ['Klaar'])]
    """
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0

    def add(text: str, line: int) -> None:
        nonlocal start
        words = _WORD.findall(text)
        if words and not current:
            start = line
        current.extend(words)

    def close() -> None:
        if current:
            found.append((start, current.copy()))
            current.clear()

    for prose in lines:
        if prose.heading or prose.starts_block:
            close()
        if prose.heading:
            continue
        position = 0
        for end in _END.finditer(prose.text):
            add(prose.text[position:end.start()], prose.line)
            position = end.end()
            before = prose.text[:end.start()].rsplit(None, 1)
            last = before[-1].lower().rstrip(".") if before else ""
            if not (end.group(0).startswith(".") and last in _ABBREVIATIONS):
                close()
        add(prose.text[position:], prose.line)
    close()
    return found


@lru_cache(maxsize=65536)
def syllables(word: str, language: str) -> int:
    """Syllables of ``word`` by vowel groups.

    >>> [syllables(w, "nl") for w in ("medewerker", "ideeën", "bijzonder", "AI")]
    [4, 3, 3, 1]
    >>> [syllables(w, "en") for w in ("policy", "share", "table", "people")]
    [3, 1, 2, 2]
    """
    if VALUE in word:
        return 2
    vowels = _VOWELS.get(language, _VOWELS["en"])
    word = word.lower()
    count, previous = 0, False
    for char in word:
        vowel = char in vowels
        if vowel and (not previous or char in _DIAERESIS):
            count += 1
        previous = vowel
    if language == "en" and len(word) > 2 and word.endswith("e") and not word.endswith("le") \
            and word[-2] not in vowels and count > 1:
        count -= 1
    return max(count, 1)


def page_figures(path: str, language: str, lines: Iterable[ProseLine],
                 sentence_limit: float) -> PageFigures:
    """Counts of one page; sentences longer than ``sentence_limit`` words are kept."""
    figures = PageFigures(path, language)
    for line, words in sentences(lines):
        figures.sentences += 1
        figures.words += len(words)
        for word in words:
            count = syllables(word, language)
            figures.syllables += count
            figures.long_words += count >= LONG_WORD_SYLLABLES
        if len(words) > sentence_limit:
            figures.long_sentences.append(Sentence(line, len(words)))
    return figures


def judge(figures: PageFigures, limits: Mapping[str, Mapping[str, float]]
          ) -> tuple[list[Finding], list[Finding]]:
    """Blocking findings (over a limit) and advice (over an advice level) for one page."""
    blocking: list[Finding] = []
    advice: list[Finding] = []
    sentence = limits["sentence_words"]
    for long in figures.long_sentences:
        over_limit = long.words > sentence["limit"]
        bound = sentence["limit"] if over_limit else sentence["advice"]
        (blocking if over_limit else advice).append(Finding(
            figures.path, long.line, f"sentence of {long.words} words (more than {bound:g})",
            "split it into shorter sentences: one message per sentence",
            severity="error" if over_limit else "warning", check="plain-language"))
    if figures.sentences < 3:  # a page of a few lines has no meaningful averages
        return blocking, advice
    page_checks = {  # value, message, fix, decimals shown
        "average_sentence_words": (figures.average_sentence_words,
                                   "average sentence length {value} words",
                                   "write shorter sentences", 1),
        "long_words_percent": (figures.long_words_percent,
                               "{value}% long words (four syllables or more)",
                               "use shorter, everyday words where you can", 0),
        "readability": (figures.readability, "readability score {value}",
                        "shorter sentences and shorter words make it easier", 0),
    }
    for name, (value, what, fix, decimals) in page_checks.items():
        levels = limits[name]
        higher_is_worse = name in _HIGHER_IS_WORSE
        for level, bucket in (("limit", blocking), ("advice", advice)):
            bound = levels[level]
            if value > bound if higher_is_worse else value < bound:
                word = "more than" if higher_is_worse else "less than"
                shown = shown_beyond(value, bound, decimals, higher_is_worse)
                bucket.append(Finding(
                    figures.path, 1, f"{what.format(value=shown)} ({word} {bound:g})",
                    fix, severity="error" if level == "limit" else "warning",
                    check="plain-language"))
                break
    return blocking, advice


def shown_beyond(value: float, bound: float, decimals: int, higher_is_worse: bool) -> str:
    """``value`` with ``decimals`` decimals, or more where rounding would put it on or over
    ``bound``: a finding never reads "score 50 (less than 50)".

    >>> shown_beyond(42.3, 50, 0, False), shown_beyond(49.6, 50, 0, False)
    ('42', '49.6')
    >>> shown_beyond(8.04, 8, 1, True), shown_beyond(25.0001, 25, 0, True)
    ('8.04', '25.0001')
    """
    for places in range(decimals, 7):
        text = f"{value:.{places}f}"
        if (float(text) > bound) if higher_is_worse else (float(text) < bound):
            return text
    return repr(value)
