"""Hunspell's answers per word, kept between builds: most builds then start no Hunspell at all.

A build asks the dictionary about every distinct word of the site; starting Hunspell and
loading the Dutch dictionary alone costs about 80 ms, and suggestions tens of milliseconds a
word. The words hardly change from one build to the next, so the answers are kept per
dictionary in ``spelling/`` of the kit's cache folder (:mod:`policykit.cachedir`, never the
repository): whether Hunspell knows a word, and the suggestions it gave for an unknown one.
The file's name is a hash of the program and the dictionary files (path, size, modification
time), so an updated dictionary starts afresh. Only what Hunspell answered is kept; the word
lists are applied afterwards, on every build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERSION = 1
MAX_WORDS = 100_000  # per dictionary; a fuller file starts afresh (seeded typos pile up)


def dictionary_key(program: str, dictionary: Path) -> str:
    """A name for the answers of one program and dictionary; another file, another name."""
    digest = hashlib.sha256(f"{VERSION}\0{program}\0{dictionary}".encode())
    for suffix in (".dic", ".aff"):
        try:
            info = dictionary.with_suffix(suffix).stat()
            digest.update(f"\0{info.st_size}\0{info.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()[:32]


@dataclass
class Answers:
    """What Hunspell said: known words, unknown words, and suggestions for some unknown ones.

    >>> answers = Answers()
    >>> answers.unknown(["goed", "fuot"], lambda words: {"fuot"}), sorted(answers.known)
    ({'fuot'}, ['goed'])
    >>> answers.unknown(["goed", "fuot"], lambda words: 1 / 0)  # answered already: not asked
    {'fuot'}
    """

    known: set[str] = field(default_factory=set)
    wrong: set[str] = field(default_factory=set)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    changed: bool = False

    def unknown(self, words: Collection[str], ask: Callable[[Collection[str]], set[str]]
                ) -> set[str]:
        """The unknown words of ``words``; ``ask`` gets only the words not answered before."""
        new = [w for w in dict.fromkeys(words) if w not in self.known and w not in self.wrong]
        if new:
            answer = ask(new)
            self.wrong.update(w for w in new if w in answer)
            self.known.update(w for w in new if w not in answer)
            self.changed = True
        return {w for w in words if w in self.wrong}

    def suggest(self, words: Collection[str],
                ask: Callable[[Collection[str]], Mapping[str, list[str]]]) -> dict[str, list[str]]:
        """Suggestions for the unknown words of ``words``; ``ask`` gets only new ones."""
        new = [w for w in dict.fromkeys(words) if w not in self.suggestions]
        if new:
            answer = ask(new)
            for word in new:
                self.suggestions[word] = list(answer.get(word, []))
                if word in answer:
                    self.wrong.add(word)
                    self.known.discard(word)
            self.changed = True
        return {w: self.suggestions[w] for w in words if w in self.wrong and w in self.suggestions}

    def to_json(self) -> dict[str, Any]:
        return {"known": sorted(self.known), "wrong": sorted(self.wrong),
                "suggestions": self.suggestions}

    @classmethod
    def from_json(cls, data: Any) -> Answers:
        """Answers from a saved file; anything malformed gives empty answers."""
        try:
            known, wrong = set(data["known"]), set(data["wrong"])
            suggestions = {str(w): [str(s) for s in found]
                           for w, found in data["suggestions"].items()}
        except (TypeError, KeyError, AttributeError):
            return cls()
        if not all(isinstance(w, str) for w in known | wrong):
            return cls()
        return cls(known, wrong, suggestions)


def load(folder: Path | None, key: str) -> Answers:
    """The saved answers of dictionary ``key``; empty when none, unreadable or off."""
    if folder is None:
        return Answers()
    try:
        return Answers.from_json(json.loads((folder / f"{key}.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Answers()


def save(folder: Path | None, key: str, answers: Answers) -> None:
    """Write the answers (with those another build saved meanwhile) if there is anything new;
    a cache that cannot be written only costs time."""
    if folder is None or not answers.changed:
        return
    saved = load(folder, key)
    merged = Answers(saved.known | answers.known, saved.wrong | answers.wrong,
                     {**saved.suggestions, **answers.suggestions})
    merged.known -= merged.wrong
    if len(merged.known) + len(merged.wrong) > MAX_WORDS:
        merged = answers
    target = folder / f"{key}.json"
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        partial.write_text(json.dumps(merged.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)  # readers never see half a file
    except OSError:
        partial.unlink(missing_ok=True)
