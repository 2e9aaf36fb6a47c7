"""Every page in every published language.

A page written in one language only would break the other language's menu and every link to
it, with dozens of messages that do not say what to do. This check says it once, at the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from policykit.findings import Finding
from policykit.labels import LANGUAGE_NAMES
from policykit.sources.pages import SourcePage


def missing_translations(pages: Iterable[SourcePage], published: Sequence[str],
                         default: str) -> list[Finding]:
    """A finding per page and published language it has no version in.

    >>> from policykit.sources.pages import SourcePage
    >>> pages = [SourcePage("local/a.nl.md", "nl", {}, ""), SourcePage("b.md", "nl", {}, ""),
    ...          SourcePage("b.en.md", "en", {}, "")]
    >>> [(f.path, f.message) for f in missing_translations(pages, ["nl", "en"], "nl")]
    [('docs/local/a.nl.md', 'page has no English version')]
    """
    versions: dict[str, dict[str, SourcePage]] = {}
    for page in pages:
        versions.setdefault(page.base, {})[page.language] = page
    findings = []
    for base, by_language in sorted(versions.items()):
        present = by_language.get(default) or next(iter(by_language.values()))
        for language in published:
            if language in by_language:
                continue
            name = LANGUAGE_NAMES.get(language, f"'{language}'")
            stem, _, extension = base.rpartition(".")
            findings.append(Finding(
                present.path, 1, f"page has no {name} version",
                f"add docs/{stem}.{language}.{extension} with the {name} text, or remove the "
                "page in every language", check="translations"))
    return findings
