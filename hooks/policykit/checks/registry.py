"""Every check of the kit, in one table: name, phase and the function that finds problems.

A phase says when a check runs and what it looks at:

- ``variables``: the validated variables (they are validated when the build context is made);
- ``sources``: the pages' Markdown and front matter, before anything is rendered;
- ``page``: one page's Markdown as the template engine is about to render it;
- ``rendered``: one page's Markdown just after its values were inserted;
- ``site``: the built site (every language, the print versions) — also ``policykit check``.

A check's ``run(ctx)`` (``run(ctx, page)`` in the page phase) returns findings; it never logs.
:func:`run_phase` runs a phase's checks, switched on or off by ``POLICYKIT_CHECKS`` (the
``switchable`` ones), and hands the findings to the emitter, which logs them, records them
in the report and so fails a strict build. Checks that ``stop`` run first: their findings end
the build at once. See ``hooks/policykit/README.md``, "How to add a check".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from policykit.checks import (
    citations,
    language,
    names,
    search,
    sitechecks,
    template_safety,
    templates,
    translations,
)
from policykit.findings import Finding
from policykit.output import coveragepage
from policykit.output.changelog import check_history
from policykit.output.insertions import Insertion
from policykit.sources.legalsources import load_legal_sources
from policykit.sources.pages import SNIPPETS_DIR

if TYPE_CHECKING:
    from policykit.context import BuildContext

Phase = Literal["variables", "sources", "page", "rendered", "site"]
PHASES: tuple[Phase, ...] = ("variables", "sources", "page", "rendered", "site")


@dataclass(frozen=True)
class Check:
    """One check: ``run`` returns its findings; ``counts`` what it looked at (for the report)."""

    name: str
    phase: Phase
    run: Callable[..., list[Finding]]
    about: str
    switchable: bool = True       # POLICYKIT_CHECKS can switch it off
    stops: bool = False           # its findings stop the build at once
    counts: Callable[..., Mapping[str, int]] = field(default=lambda ctx, *inputs: {})


@dataclass(frozen=True)
class PageTemplate:
    """What the page phase looks at: a page's Markdown and the names a template may use."""

    path: str                     # docs/…, for messages
    markdown: str
    known: Mapping[str, Any]
    line_offset: int = 0
    environment: Any = None       # the template engine's jinja2.Environment


@dataclass(frozen=True)
class RenderedPage:
    """What the rendered phase looks at: a page's Markdown with its values inserted."""

    path: str                                # docs/…, for messages
    source: str                              # the Markdown as written (front matter excluded)
    first_line: int                          # the line of the file that ``source`` starts on
    lines: Sequence[tuple[int, str]]         # (source line, rendered text)
    insertions: Sequence[Insertion]          # every inserted value, with its source line


# --- the checks ------------------------------------------------------------------------
def _history(ctx: BuildContext) -> list[Finding]:
    return check_history(ctx.data["policy"], ctx.variables.path, ctx.variables.document.line_of)


def _editing(ctx: BuildContext) -> list[Finding]:
    return ctx.editing[1]


def _pages(ctx: BuildContext) -> list[Finding]:
    return ctx.page_set.findings + ctx.switch_findings + coveragepage.clashes(ctx.page_set.pages)


def _local(ctx: BuildContext) -> list[Finding]:
    return ctx.local_findings


def _translations(ctx: BuildContext) -> list[Finding]:
    return translations.missing_translations(ctx.pages, ctx.languages, ctx.default_language)


def _sources(ctx: BuildContext) -> list[Finding]:
    # every page and snippet, switched-off pages too: a typo must not wait for a flag
    return citations.check_citations(ctx.page_set.pages, load_legal_sources(), ctx.settings.today)


def _coverage(ctx: BuildContext) -> list[Finding]:
    return ctx.coverage.findings


def _search(ctx: BuildContext) -> list[Finding]:
    return search.check_search_settings(ctx.pages)


def _reviews(ctx: BuildContext) -> list[Finding]:
    return ctx.reviews[1]


def _unused_variables(ctx: BuildContext) -> list[Finding]:
    if ctx.unused_variables:  # information for the editor, never a failure
        ctx.emitter.note("placeholders", "variables no page uses (not an error): "
                         + ", ".join(ctx.unused_variables))
    return []


def _templates(ctx: BuildContext, page: PageTemplate) -> list[Finding]:
    tree = templates.parse_page(page.markdown, page.path, page.line_offset, page.environment)
    if isinstance(tree, Finding):
        return [tree]
    refused = template_safety.refused_constructs(tree, page.path, page.line_offset,
                                                 ctx.docs_dir / SNIPPETS_DIR, ctx.project.root)
    return refused or templates.check_tree(tree, page.known, page.path, page.line_offset)


def _names(ctx: BuildContext, page: RenderedPage) -> list[Finding]:
    return names.check_page(page.source, page.first_line, page.lines, page.insertions, page.path)


def _links(ctx: BuildContext) -> list[Finding]:
    return (sitechecks.link_findings(ctx.site, ctx.site_shape, ctx.tracer)
            + sitechecks.external_findings(ctx.site, ctx.tracer, ctx.settings,
                                           ctx.report.details))


def _link_counts(ctx: BuildContext) -> dict[str, int]:
    pages = [*ctx.site.scans.values(), *ctx.site.books.values()]
    return {"pages": len(pages), "references": sum(len(s.references) for s in pages)}


def _privacy(ctx: BuildContext) -> list[Finding]:
    return sitechecks.privacy_findings(ctx.site, ctx.settings.allowed_hosts, ctx.tracer)


def _active(ctx: BuildContext) -> list[Finding]:
    return sitechecks.active_findings(ctx.site, ctx.tracer)


def _leftovers(ctx: BuildContext) -> list[Finding]:
    return sitechecks.placeholder_findings(ctx.site, ctx.tracer)


def _language(check: str) -> Callable[[BuildContext], list[Finding]]:
    """A language check: its findings from the run started beside the build (``sources``)."""
    return lambda ctx: language.result(ctx).of(check)


def _language_counts(ctx: BuildContext) -> dict[str, int]:
    return {"pages": len(ctx.pages)}


# The switchable checks' order is the order POLICYKIT_CHECKS lists them in its message.
CHECKS: tuple[Check, ...] = (
    Check("links", "site", _links, "internal links, images, anchors, mailto:/tel: (and, opted "
          "in, external links) of every built page", counts=_link_counts),
    Check("coverage", "sources", _coverage, "every required topic has a page in every "
          "published language", counts=lambda ctx: {"topics": len(ctx.coverage.rows),
                                                     "pages": len(ctx.pages)}),
    Check("reviews", "sources", _reviews, "every page has an owner and a recent review; the "
          "policy is not past its review date", counts=lambda ctx: {"pages": len(ctx.pages)}),
    Check("placeholders", "sources", _unused_variables, "variables no page uses (information)"),
    Check("sources", "sources", _sources, "pages cite legal sources by a known id and write no "
          "article number themselves; sources are verified within 12 months, watch dates not "
          "passed", counts=lambda ctx: {"pages": len(ctx.page_set.pages)}),
    Check("placeholders", "site", _leftovers, "no template code, TODO or example values in "
          "the built pages", counts=lambda ctx: {"pages": len(ctx.site.scans)}),
    Check("privacy", "site", _privacy, "the site loads nothing from another host",
          counts=lambda ctx: {"pages": len(ctx.site.scans) + len(ctx.site.books),
                              "stylesheets": len(ctx.site.sheets)}),
    # The language checks start with the sources phase (check_sources) and run beside the
    # build; their findings are reported with the site phase, when the build waits for them.
    Check("spelling", "site", _language("spelling"), "every page's prose in its language's "
          "Hunspell dictionary, word lists and their suggestions", counts=_language_counts),
    Check("plain-language", "site", _language("plain-language"), "sentence length, long "
          "words and readability (B1) within the limits", counts=_language_counts),
    Check("terms", "site", _language("terms"), "the policy's terms, not the words it avoids",
          counts=_language_counts),
    Check("translations-in-step", "site", _language("translations-in-step"), "no page's "
          "text older than its other language's (git)", counts=_language_counts),
    Check("active", "site", _active, "no page runs a script other than the kit's own, sends "
          "the reader elsewhere by itself or embeds a program", switchable=False,
          counts=lambda ctx: {"pages": len(ctx.site.scans)}),
    Check("history", "variables", _history, "policy.history agrees with itself and with "
          "policy.version", switchable=False),
    Check("editing", "variables", _editing, "editing.repository fits its Git host; the web "
          "editor has what it needs to sign in and is installed", switchable=False),
    Check("pages", "sources", _pages, "front matter is YAML; only_if names a flag",
          switchable=False, stops=True),
    Check("local", "sources", _local, "the organisation's slots, replaced pages and switched-off "
          "pages fit the kit's pages", switchable=False),
    Check("translations", "sources", _translations, "every page exists in every published "
          "language", switchable=False, stops=True),
    Check("search", "sources", _search, "search: words, boost and exclude in front matter are "
          "of the right kind", switchable=False, counts=lambda ctx: {"pages": len(ctx.pages)}),
    Check("macros", "page", _templates, "pages use only the sandbox's constructs, and the "
          "variables and macros they use exist and are called correctly", switchable=False),
    Check("names", "rendered", _names, "names inserted with who() or name_of(), no article or "
          "possessive written before them, no doubled articles, no sentence that starts in lower "
          "case because of an inserted value"),
)


def switchable() -> tuple[str, ...]:
    """Names ``POLICYKIT_CHECKS`` accepts, in table order.

    >>> switchable()[:2]
    ('links', 'coverage')
    """
    return tuple(dict.fromkeys(c.name for c in CHECKS if c.switchable))


def checks_of(phase: Phase) -> list[Check]:
    """The checks of ``phase``, those that stop the build first.

    >>> [c.name for c in checks_of("sources")][:2]
    ['pages', 'translations']
    """
    return sorted((c for c in CHECKS if c.phase == phase), key=lambda c: not c.stops)


def run_phase(ctx: BuildContext, phase: Phase, *inputs: Any) -> list[Finding]:
    """Run every enabled check of ``phase`` and emit its findings; returns them all.

    Raises :class:`policykit.emitter.StopBuild` when a stopping check finds something.
    """
    found: list[Finding] = []
    for check in checks_of(phase):
        if check.switchable and not ctx.settings.on(check.name):
            continue
        started = time.perf_counter()
        findings = check.run(ctx, *inputs)
        if check.stops:
            ctx.emitter.stop(findings)
        found += ctx.emitter.emit(check.name, findings, time.perf_counter() - started,
                                  **check.counts(ctx, *inputs))
    return found
