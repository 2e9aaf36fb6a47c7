"""The organisation's own text in kit pages, without editing a kit page.

Three ways, each kept in files the kit never ships (so ``make update-kit`` never clashes):

- **Slots**: every kit page has two named places, ``<page>.intro`` (after its title) and
  ``<page>.end`` (at its end), e.g. ``policy/escalation.end``. Their text comes from
  ``docs/local/_slots/<slot>.<lang>.md`` (plain Markdown) or from ``local.slots`` in the
  variables (plain text per language).
- **Replaced pages**: ``docs/local/_replace/<page>.<lang>.md`` is built instead of the kit's
  ``docs/<page>.<lang>.md``, at the same address. Its front matter says which version of the
  kit page it replaces (``replaces: <fingerprint>``); when the kit page changes, the build
  warns, so the organisation reviews its version.
- **Switched-off pages**: ``local.pages_off`` in the variables lists kit pages with a written
  reason; they leave the site like a page whose ``only_if`` flag is off, and the topics only
  they covered count as waived with that reason.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from policykit.findings import Finding, did_you_mean
from policykit.sources.frontmatter import key_line
from policykit.sources.pages import PageSet, SourcePage, base_name
from policykit.text import language_of

SLOTS_DIR = "local/_slots"
REPLACE_DIR = "local/_replace"
SWITCHED_OFF = "local.pages_off"        # what ``switched_off`` records for these pages
PLACES = ("intro", "end")
_TITLE = re.compile(r"^# .*$", re.M)
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)\s#]+\.md)(#[^)\s]*)?\)")


def is_local_text(src_uri: str) -> bool:
    """True for a slot or replacement file: text for kit pages, not a page of its own."""
    return src_uri.startswith((SLOTS_DIR + "/", REPLACE_DIR + "/"))


def fingerprint(text: str) -> str:
    r"""A short fingerprint of a kit page's text (line endings and trailing spaces ignored).

    >>> fingerprint("# Titel\n") == fingerprint("# Titel  \r\n")
    True
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "kit-" + hashlib.sha256("\n".join(lines).strip().encode("utf-8")).hexdigest()[:12]


def slot_names(base: str) -> tuple[str, ...]:
    """The slots of a page: ``policy/escalation.md`` → ``policy/escalation.intro``, ``….end``."""
    stem = base[:-3] if base.endswith(".md") else base
    return tuple(f"{stem}.{place}" for place in PLACES)


@dataclass(frozen=True)
class LocalText:
    """The organisation's slots, replaced pages and switched-off pages, read once."""

    slot_files: Mapping[tuple[str, str], str]    # (slot, language) → Markdown
    slot_values: Mapping[str, Mapping[str, str]]  # slot → {language: text} from the variables
    replaced: Mapping[str, SourcePage]            # kit src_uri → the replacement page
    off: Mapping[str, str]                        # kit base name → reason

    def slot(self, name: str, lang: str) -> tuple[str, bool] | None:
        """The text of slot ``name`` in ``lang`` and whether it is Markdown (a file)."""
        if (name, lang) in self.slot_files:
            return self.slot_files[(name, lang)], True
        text = (self.slot_values.get(name) or {}).get(lang)
        return (text, False) if text else None


def read_local_text(page_set: PageSet, data: Mapping[str, Any], default: str) -> LocalText:
    """The organisation's own text from its pages under ``docs/local/_…`` and its variables."""
    files: dict[tuple[str, str], str] = {}
    replaced: dict[str, SourcePage] = {}
    for page in page_set.pages:
        if page.src_uri.startswith(SLOTS_DIR + "/"):
            rel = page.src_uri[len(SLOTS_DIR) + 1:]
            files[(base_name(rel)[:-3], language_of(rel, default))] = page.source
        elif page.src_uri.startswith(REPLACE_DIR + "/"):
            replaced[page.src_uri[len(REPLACE_DIR) + 1:]] = page
    local = data.get("local") or {}
    off = {item["page"]: item["reason"] for item in local.get("pages_off") or []}
    return LocalText(files, dict(local.get("slots") or {}), replaced, off)


def with_replacements(page_set: PageSet, local: LocalText) -> PageSet:
    """The pages with each replaced kit page's text and front matter taken from its replacement."""
    pages = []
    for page in page_set.pages:
        replacement = local.replaced.get(page.src_uri)
        if replacement is not None:
            page = SourcePage(page.src_uri, page.language, replacement.meta, replacement.source)
        pages.append(page)
    return PageSet(pages, page_set.findings)


def check_local_text(page_set: PageSet, local: LocalText, line_of) -> list[Finding]:
    """Slots no page has, replacements of pages the kit does not have or has changed since,
    switched-off pages that do not exist. ``line_of(path)`` gives a line in the variables."""
    kit = {p.src_uri: p for p in page_set.pages if not p.src_uri.startswith("local/")
           and not p.hidden}
    bases = {p.base for p in kit.values()}
    known_slots = sorted({slot for base in bases for slot in slot_names(base)})
    findings: list[Finding] = []
    for (slot, lang), _text in sorted(local.slot_files.items()):
        if slot not in known_slots:
            findings.append(_unknown_slot(f"docs/{SLOTS_DIR}/{slot}.{lang}.md", 1, slot,
                                          known_slots))
    for slot in local.slot_values:
        if slot not in known_slots:
            findings.append(_unknown_slot("variables/company.yml", line_of(("local", "slots", slot)),
                                          slot, known_slots))
    for target, replacement in sorted(local.replaced.items()):
        findings += _replacement_findings(target, replacement, kit.get(target))
    for index, base in enumerate(local.off):
        if base not in bases:
            findings.append(Finding(
                "variables/company.yml", line_of(("local", "pages_off", index, "page")),
                f"local.pages_off: the kit has no page '{base}'",
                "write the page as in mkdocs.yml's nav, e.g. policy/ai.md", check="pages"))
    return findings


def _unknown_slot(path: str, line: int | None, slot: str, known: list[str]) -> Finding:
    return Finding(path, line, f"no kit page has a slot '{slot}'",
                   did_you_mean(slot, known, "name it <page>.intro or <page>.end, e.g. "
                                "policy/escalation.end"), check="pages")


def _replacement_findings(target: str, replacement: SourcePage,
                          original: SourcePage | None) -> list[Finding]:
    if original is None:
        return [Finding(replacement.path, 1, f"the kit has no page docs/{target} to replace",
                        "give the file the path of a kit page under docs/, e.g. "
                        f"{REPLACE_DIR}/policy/ai.nl.md", check="pages")]
    now = fingerprint(original.source)
    seen = replacement.meta.get("replaces")
    if not seen:
        return [Finding(replacement.path, 1, f"the replacement of docs/{target} does not say "
                        "which kit version it replaces",
                        f"add 'replaces: {now}' to its front matter (the kit page as it is now)",
                        check="pages")]
    if str(seen) != now:
        return [Finding(replacement.path, key_line(replacement.source, "replaces"),
                        f"the kit changed docs/{target} since you replaced it",
                        f"compare your version with the kit's (git log -p docs/{target}), take "
                        f"in what applies to you, then set 'replaces: {now}'",
                        severity="warning", check="pages")]
    return []


def switched_off_by_organisation(local: LocalText) -> dict[str, str]:
    """Base name → :data:`SWITCHED_OFF` for every page the organisation switched off."""
    return {base: SWITCHED_OFF for base in local.off}


def waivers_for_switched_off(pages: Iterable[SourcePage], local: LocalText,
                             published: Iterable[SourcePage]) -> dict[str, str]:
    """Topics that only switched-off pages covered → the reason the organisation gave."""
    covered = {t for page in published for t in (page.meta.get("topics") or [])
               if isinstance(t, str)}
    waivers: dict[str, str] = {}
    for page in pages:
        reason = local.off.get(page.base)
        if reason is None:
            continue
        for topic in page.meta.get("topics") or []:
            if isinstance(topic, str) and topic not in covered:
                waivers.setdefault(topic, f"{page.base} switched off: {reason}")
    return waivers


def insert_slots(markdown: str, intro: str | None, end: str | None) -> str:
    """``markdown`` with ``intro`` after its first ``# title`` line and ``end`` at its end."""
    if intro:
        title = _TITLE.search(markdown)
        at = title.end() if title else 0
        markdown = f"{markdown[:at]}\n\n{intro}\n\n{markdown[at:].lstrip(chr(10))}"
    if end:
        markdown = f"{markdown.rstrip()}\n\n{end}\n"
    return markdown


def unlink_pages(markdown: str, src_uri: str, off: Iterable[str]) -> str:
    """``markdown`` with links to the pages the organisation switched off reduced to their text
    (kit pages link to them; the organisation does not edit kit pages)."""
    gone = set(off)
    if not gone:
        return markdown
    folder = posixpath.dirname(src_uri)

    def replace(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, match.group(2)))
        return match.group(1) if base_name(target) in gone else match.group(0)

    return _LINK.sub(replace, markdown)
