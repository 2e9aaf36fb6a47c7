"""Write redlines between two versions, and between every pair of tagged versions in a row.

Redlines are written to ``redlines/redline-<from>-<to>.<lang>.html`` in the project (a
generated folder, not committed). The site build copies that folder into the site
(``hooks/versions.py``) and the "What changed" table links each version to the redline against
the version before it when that file is there. So ``make site`` stays fast: only
``make redline`` / ``make redlines`` build old versions.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policykit.dates import to_date
from policykit.findings import Finding
from policykit.output import redline
from policykit.sources.versions import VersionText, load_versions, tags, version_tag
from policykit.text import pick

REDLINE_DIR = "redlines"
CACHE_DIR = ".cache/policykit-versions"


def redline_name(old: str, new: str, lang: str, suffix: str = "html",
                 kind: str = "redline") -> str:
    """The file of the redline (or ``kind``) from ``old`` to ``new``.

    >>> redline_name("2.0", "2.1", "nl"), redline_name("2.0", "2.1+ab", "en", "pdf", "dossier")
    ('redline-2.0-2.1.nl.html', 'dossier-2.0-2.1_ab.en.pdf')
    """
    return f"{kind}-{_safe(old)}-{_safe(new)}.{lang}.{suffix}"


def _safe(version: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "._" else "_" for ch in version)


@dataclass
class Comparison:
    """Two built versions and, per language, how each page changed."""

    old: VersionText
    new: VersionText
    changes: dict[str, list[redline.PageChange]]

    def heading(self, lang: str) -> dict[str, str]:
        policy = self.new.variables["policy"]
        return {"organisation": self.new.variables["organisation"]["legal_name"],
                "title": str(pick(policy["title"], lang)),
                "from": self.old.label, "to": self.new.label}


def compare_versions(root: Path, old_name: str, new_name: str,
                     workdir: Path | None = None) -> Comparison:
    """Build both versions (cached per commit) and compare them per language."""
    old, new = load_versions(root, [old_name, new_name], workdir or root / CACHE_DIR)
    changes = {lang: redline.compare(old.pages.get(lang, []), pages)
               for lang, pages in new.pages.items()}
    return Comparison(old, new, changes)


def write_redlines(comparison: Comparison, out: Path) -> list[Path]:
    """One HTML redline per language in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / redline.STYLESHEET).write_text(redline.STYLE, encoding="utf-8")
    written = []
    for lang, changes in comparison.changes.items():
        target = out / redline_name(comparison.old.label, comparison.new.label, lang)
        target.write_text(redline.render_html(changes, lang, comparison.heading(lang)),
                          encoding="utf-8")
        written.append(target)
    return written


def tagged_pairs(root: Path, history: Sequence[dict]) -> list[tuple[str, str]]:
    """(previous, version) for each version in ``history`` that, like the one before it, has a
    ``policy-<version>`` tag; oldest first."""
    present = tags(root)
    versions = versions_in_order(history)
    return [(a, b) for a, b in zip(versions, versions[1:], strict=False)
            if version_tag(a) in present and version_tag(b) in present]


def versions_in_order(history: Sequence[dict]) -> list[str]:
    """The version numbers of ``policy.history``, oldest first."""
    ordered = sorted(history, key=lambda entry: to_date(entry["effective_date"]))
    return [str(entry["version"]) for entry in ordered]


def site_redlines(project: Path) -> tuple[list[Path], list[Finding]]:
    """The redlines that go into the site, and a finding for each file in ``redlines/`` that
    holds markup ``make redline`` never writes (such a file stays out of the site)."""
    keep, findings = [], []
    for path in redline_files(project):
        foreign = redline.foreign_markup(path.read_text(encoding="utf-8", errors="replace"))
        if foreign:
            findings.append(Finding(
                f"{REDLINE_DIR}/{path.name}", 1,
                f"not a redline made by make redline ({', '.join(sorted(set(foreign))[:3])})",
                "delete the file and run make redlines; redlines are generated, never edited",
                check="redlines"))
        else:
            keep.append(path)
    return keep, findings


def redline_files(project: Path) -> list[Path]:
    """The redline files in the project's ``redlines/`` folder that may go into the site:
    regular files named ``redline-*.html`` inside the project (no links pointing elsewhere)."""
    folder = project / REDLINE_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [path for path in sorted(folder.glob("redline-*.html"))
            if path.is_file() and not path.is_symlink()]


def redline_href(project: Path, page_url: str, old: str, new: str, lang: str) -> str | None:
    """The link from the page at ``page_url`` to the redline ``old`` → ``new``, or None when
    that redline has not been made (``make redlines``)."""
    name = redline_name(old, new, lang)
    if not any(path.name == name for path in redline_files(project)):
        return None
    return posixpath.relpath(f"{REDLINE_DIR}/{name}", posixpath.dirname(page_url) or ".")
