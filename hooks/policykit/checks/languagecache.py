"""The language checks' results, reused while none of their inputs changed.

Repeated builds (``make serve``, an editor's next ``make site``, a fresh clone on a machine
that built the same text before) then skip Hunspell and the text analysis. Results live in
``language/`` of the kit's cache folder (:mod:`policykit.cachedir`), never in the repository,
where a pull request could commit a result without findings. The key is a hash of every
page's path, language and text, the enabled checks, the settings, and the content of every
other input (word lists, terms, dictionaries, the checks' own code). Any change recomputes
everything: a stale result is never shown. The translations' git comparison is kept while
HEAD, the refs and the shallow list are the same (read from the repository's files, without
running git).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from policykit.checks.plainlanguage import PageFigures, Sentence
from policykit.findings import Finding
from policykit.sources.contentdates import ContentChange, ContentHistory

VERSION = 2
KEEP = 64  # saved results; the oldest go first


class Store:
    """Saved results in a folder, one JSON file per key; ``folder`` None keeps nothing.

    >>> import tempfile
    >>> store = Store(Path(tempfile.mkdtemp()))
    >>> store.put("k1", {"n": 1}); store.get("k1"), store.get("k2")
    ({'n': 1}, None)
    """

    def __init__(self, folder: Path | None, keep: int = KEEP):
        self.folder = folder
        self.keep = keep

    def get(self, key: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data.get("result") if isinstance(data, dict) and data.get("key") == key else None

    def put(self, key: str, result: dict[str, Any]) -> None:
        if self.folder is None:
            return
        target = self.folder / f"{key}.json"
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            partial.write_text(json.dumps({"key": key, "result": result}), encoding="utf-8")
            os.replace(partial, target)  # readers never see half a file
            saved = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
            for old in saved[:-self.keep]:
                old.unlink(missing_ok=True)
        except OSError:
            partial.unlink(missing_ok=True)  # a cache that cannot be written only costs time


def key(pages: Iterable[Any], checks: Iterable[str], options: Mapping[str, Any],
        inputs: Iterable[Path | str]) -> str:
    digest = hashlib.sha256(f"{VERSION}|{','.join(checks)}|".encode())
    digest.update(json.dumps({k: options.get(k) for k in ("spelling", "plain_language")},
                             sort_keys=True, default=str).encode())
    for page in sorted(pages, key=lambda p: p.path):
        digest.update(f"\0{page.path}\0{page.language}\0".encode())
        digest.update(page.source.encode("utf-8"))
    for item in inputs:
        digest.update(f"\0{item}\0".encode())
        if isinstance(item, Path):
            try:
                digest.update(item.read_bytes() if item.suffix != ".dic"
                              else str(item.stat().st_mtime_ns).encode())
            except OSError:
                digest.update(b"missing")
    return digest.hexdigest()


def history_key(stamp: str, wanted: Iterable[str]) -> str:
    """The key of the git comparison: the repository's state and the pages asked for.

    >>> history_key("HEAD a", ["x.md", "y.md"]) == history_key("HEAD a", ["y.md", "x.md"])
    True
    >>> history_key("HEAD a", ["x.md"]) == history_key("HEAD b", ["x.md"])
    False
    """
    digest = hashlib.sha256(f"{VERSION}|{stamp}|".encode())
    digest.update("\0".join(sorted(wanted)).encode())
    return digest.hexdigest()


def dump_history(history: ContentHistory) -> dict[str, Any]:
    return {"note": history.note,
            "changes": {path: [c.commit, c.day.isoformat(), c.order, c.exact]
                        for path, c in history.changes.items()}}


def restore_history(saved: Mapping[str, Any]) -> ContentHistory:
    changes = {path: ContentChange(commit, dt.date.fromisoformat(day), order, exact)
               for path, (commit, day, order, exact) in saved.get("changes", {}).items()}
    return ContentHistory(changes, saved.get("note", ""))


def dump(report: Any) -> dict[str, Any]:
    return {"findings": [asdict(f) for f in report.findings], "advice": [asdict(f) for f in report.advice],
            "figures": [asdict(f) for f in report.figures], "not_checked": report.not_checked,
            "unknown_words": report.unknown_words, "spelling_ran": report.spelling_ran}


def restore(saved: Mapping[str, Any], report: Any) -> None:
    names = {f.name for f in fields(Finding)}
    report.findings += [Finding(**{k: v for k, v in f.items() if k in names})
                        for f in saved.get("findings", [])]
    report.advice += [Finding(**{k: v for k, v in f.items() if k in names})
                      for f in saved.get("advice", [])]
    for figure in saved.get("figures", []):
        sentences = [Sentence(**s) for s in figure.pop("long_sentences", [])]
        report.figures.append(PageFigures(**figure, long_sentences=sentences))
    report.not_checked += saved.get("not_checked", [])
    report.unknown_words.update(saved.get("unknown_words", {}))
    report.spelling_ran = bool(saved.get("spelling_ran"))
