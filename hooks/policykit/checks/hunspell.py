"""Hunspell, the spell checker of LibreOffice and Firefox, run as one process per language.

The kit calls the ``hunspell`` program with the Debian dictionaries (``hunspell-nl`` is
OpenTaal's, ``hunspell-en-gb`` / ``hunspell-en-us``) instead of a Python binding: the
bindings on PyPI need a C compiler and Hunspell's headers (cyhunspell, hunspell) or are a
pure-Python port that takes seconds to load the Dutch dictionary (spylls). One pipe per
language, fed every distinct word of the whole site once, keeps a 1,000-page library linear.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

# Where Debian, Fedora, Homebrew and LibreOffice put Hunspell dictionaries.
STANDARD_FOLDERS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts",
                    "/usr/local/share/hunspell", "/opt/homebrew/share/hunspell",
                    "/Library/Spelling", "~/Library/Spelling", "~/.local/share/hunspell")
# How to install what is missing, for the message that says spelling was not checked.
INSTALL = {"nl": "hunspell-nl", "en_GB": "hunspell-en-gb", "en_US": "hunspell-en-us"}
MAX_SUGGESTIONS = 3


class SpellerMissing(Exception):
    """The program or a dictionary is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Speller:
    """A Hunspell dictionary (``…/nl`` for ``nl.aff`` + ``nl.dic``) and the program that reads it."""

    dictionary: Path
    program: str = "hunspell"

    def unknown(self, words: Collection[str]) -> set[str]:
        """The words of ``words`` the dictionary does not know (fast: no suggestions)."""
        words = [w for w in dict.fromkeys(words) if w and "\n" not in w]
        if not words:
            return set()
        # "-L": the input lines that hold an unknown word; one word per line, so the words.
        output = self._run(["-L"], "".join(f"{w}\n" for w in words))
        return set(output.splitlines()) & set(words)

    def suggest(self, words: Collection[str]) -> dict[str, list[str]]:
        """Up to three suggestions per word (slow: tens of milliseconds a word)."""
        words = [w for w in dict.fromkeys(words) if w and "\n" not in w]
        if not words:
            return {}
        # "-a": one answer block per input line; "^" makes every line plain text, never a command.
        return parse_answers(words, self._run(["-a"], "".join(f"^{w}\n" for w in words)))

    def _run(self, mode: list[str], text: str) -> str:
        try:
            done = subprocess.run([self.program, *mode, "-i", "UTF-8", "-d", str(self.dictionary)],
                                  input=text, capture_output=True, text=True, encoding="utf-8",
                                  errors="replace", timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            raise SpellerMissing(f"hunspell could not run ({error})") from None
        if done.returncode != 0:
            raise SpellerMissing(done.stderr.strip() or "hunspell failed")
        return done.stdout


def parse_answers(words: list[str], output: str) -> dict[str, list[str]]:
    """Unknown words and suggestions from ``hunspell -a`` output for ``words`` (one per line).

    >>> parse_answers(["goed", "fuot"], "@(#) Hunspell\\n*\\n\\n& fuot 2 0: fout, fust\\n\\n")
    {'fuot': ['fout', 'fust']}
    """
    lines = output.split("\n")
    if lines and lines[0].startswith("@(#)"):
        lines = lines[1:]
    unknown: dict[str, list[str]] = {}
    index, wrong = 0, []
    for line in lines:
        if line:
            wrong += [line] if line[0] in "&#" else []
            continue
        if index < len(words) and wrong:  # an empty line ends the answers for one input line
            found = wrong[0].partition(": ")[2] if wrong[0][0] == "&" else ""
            unknown[words[index]] = [s.strip() for s in found.split(", ") if s.strip()][
                :MAX_SUGGESTIONS]
        index, wrong = index + 1, []
    return unknown


def dictionary_folders(env: Mapping[str, str]) -> list[Path]:
    """``POLICYKIT_DICTIONARIES`` (folders, ``:``-separated) alone when set, else Hunspell's
    ``DICPATH`` and the standard folders."""
    if env.get("POLICYKIT_DICTIONARIES") is not None:
        return [Path(p).expanduser() for p in env["POLICYKIT_DICTIONARIES"].split(os.pathsep) if p]
    folders = [p for p in env.get("DICPATH", "").split(os.pathsep) if p]
    return [Path(p).expanduser() for p in [*folders, *STANDARD_FOLDERS]]


def find_speller(name: str, env: Mapping[str, str]) -> Speller:
    """The speller for dictionary ``name`` (``nl``, ``en_GB``, ``en_US``); raises
    :class:`SpellerMissing` with the install command when it is not there."""
    program = env.get("POLICYKIT_HUNSPELL") or shutil.which("hunspell")
    if not program or not Path(program).exists():
        raise SpellerMissing(f"the hunspell program is not installed — {install_hint([name])}")
    candidates = [name, name.replace("_", "-")] + (["nl_NL"] if name == "nl" else [])
    for folder in dictionary_folders(env):
        for candidate in candidates:
            if (folder / f"{candidate}.dic").is_file() and (folder / f"{candidate}.aff").is_file():
                return Speller(folder / candidate, program)
    raise SpellerMissing(f"the Hunspell dictionary '{name}' is not installed — "
                         f"{install_hint([name])}")


def install_hint(names: Collection[str]) -> str:
    packages = " ".join(["hunspell"] + [INSTALL.get(n, f"hunspell-{n.lower()}") for n in names])
    files = ", ".join(f"{n}.aff/.dic" for n in sorted(names))
    return (f"install with 'sudo apt-get install {packages}' (Debian/Ubuntu), or put {files} "
            "in a folder and name it in POLICYKIT_DICTIONARIES")
