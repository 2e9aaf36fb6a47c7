"""The source files themselves: inside the repository, readable text, not too large, no
conflict markers. Checked first on every build, before anything is read for its content.

- A symbolic link under ``docs/``, ``overrides/`` or ``variables/`` that resolves outside the
  repository (or loops) fails, naming the link: nothing outside the repository reaches the site.
- A page, snippet or override that is not UTF-8 text (or a binary file named ``.md``) fails.
- Size limits: 2 MB a page or other text source, 5 MB for ``variables/company.yml``.
- Conflict markers (``<<<<<<<``, ``=======``, ``>>>>>>>``) left by a merge or ``make update-kit``
  fail with their line, in pages, snippets, variables, overrides, ``mkdocs.yml``, CSS and JS.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from policykit.findings import Finding
from policykit.text import short

FOLDERS = ("docs", "overrides", "variables")
SINGLE_FILES = ("mkdocs.yml",)
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".json", ".html", ".css", ".js", ".txt",
                           ".svg", ".jinja", ".cfg", ".toml", ".conf"})
MAX_PAGE_BYTES = 2 * 1024 * 1024
MAX_VARIABLES_BYTES = 5 * 1024 * 1024
VARIABLES_FILE = "variables/company.yml"
# A marker line as git writes it: 7 signs at the start, '=======' alone on its line.
_MARKER = re.compile(rb"^(?:<{7}(?: .*)?|={7}|>{7}(?: .*)?|\|{7}(?: .*)?)\r?$", re.MULTILINE)
_MARKER_FIX = ("resolve the merge: keep the right lines, delete the marker lines "
               "(<<<<<<<, =======, >>>>>>>), then build again")


def source_file_findings(root: Path) -> list[Finding]:
    """Every problem of the source files under ``root`` (see the module docstring)."""
    root = Path(root).resolve()
    findings: list[Finding] = []
    for path in _sources(root):
        rel = path.relative_to(root).as_posix()
        findings += file_findings(rel, path, root)
    return findings


def file_findings(rel: str, path: Path, root: Path) -> list[Finding]:
    """Problems of one file: where its link leads, its size, encoding and conflict markers."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return [Finding(rel, None, "symbolic link that loops or points nowhere",
                            "replace the link with the file itself", check="files")]
        if not target.is_relative_to(root) or target.is_relative_to(root / ".git"):
            where = "outside the repository" if not target.is_relative_to(root) \
                else "into the repository's .git folder"
            return [Finding(rel, None, f"symbolic link to '{short(os.readlink(path))}', "
                            f"{where}", "copy the file into the repository "
                            "instead of linking to it (nothing outside may reach the site)",
                            check="files")]
        if target.is_dir():
            return []
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return []
    limit = MAX_VARIABLES_BYTES if rel == VARIABLES_FILE else MAX_PAGE_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            return [Finding(rel, None, f"the file is {size / 1024 / 1024:.1f} MB, more than "
                            f"the {limit // 1024 // 1024} MB allowed", "split it into smaller "
                            "files, or remove what does not belong in it", check="files")]
        data = path.read_bytes()
    except OSError as error:
        return [Finding(rel, None, f"cannot be read ({error.strerror})",
                        "check the file's permissions", check="files")]
    return text_findings(rel, data)


def text_findings(rel: str, data: bytes) -> list[Finding]:
    """A text source's content problems: not UTF-8, binary, conflict markers.

    >>> [str(f) for f in text_findings("a.md", b"x\\n>>>>>>> kit\\n")][0][:40]
    "a.md:2: merge conflict marker '>>>>>>>' "
    >>> text_findings("a.md", b"Title\\n=======\\n")
    []
    """
    if b"\0" in data[:8192]:
        return [Finding(rel, None, "a binary file, not text", "save the page as text (UTF-8), "
                        "or give a binary file its own extension and put it under docs/assets/",
                        check="files")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return [Finding(rel, line, f"not UTF-8 text (byte 0x{data[error.start]:02x})",
                        "save the file as UTF-8 in your editor", check="files")]
    markers = list(_MARKER.finditer(data))
    if not any(m.group(0)[:1] in b"<>" for m in markers):
        return []  # a lone '=======' is a Markdown heading underline, not a conflict
    return [Finding(rel, data.count(b"\n", 0, m.start()) + 1,
                    f"merge conflict marker '{m.group(0).decode()[:7]}'", _MARKER_FIX,
                    check="conflicts") for m in markers]


def has_conflict_markers(data: bytes) -> bool:
    """True when ``data`` holds conflict marker lines."""
    return any(f.check == "conflicts" for f in text_findings("", data))


def _sources(root: Path) -> Iterator[Path]:
    for name in SINGLE_FILES:
        if (root / name).exists() or (root / name).is_symlink():
            yield root / name
    for folder in FOLDERS:
        base = root / folder
        if base.is_symlink():
            yield base
            continue
        for current, dirs, files in os.walk(base, followlinks=False):
            here = Path(current)
            for name in sorted(dirs):
                link = here / name
                if link.is_symlink():
                    yield link  # judged as a link; not walked into
            for name in sorted(files):
                yield here / name

