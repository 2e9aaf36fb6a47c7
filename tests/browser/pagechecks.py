"""What the browser tests read from a loaded page: axe-core findings, headings, link names, lang.

Each reader returns plain data; the tests decide what is wrong with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

BLOCKING_IMPACTS = ("serious", "critical")

# Every heading in document order that is rendered, or folded away inside a <details>
# (the outline counts there too); not those hidden by the theme.
_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.checkVisibility({visibilityProperty: true}) || h.closest('details'))
    .map(h => ({level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 80)}))"""

# Links without an accessible name: no text, no aria-label(ledby), no title, no img alt.
_NAMELESS_LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => {
    const labelled = (a.getAttribute('aria-labelledby') || '').split(/\\s+/)
        .map(id => document.getElementById(id)).filter(Boolean)
        .map(el => el.textContent.trim()).join('');
    const alts = [...a.querySelectorAll('img[alt], svg title')]
        .map(el => (el.getAttribute('alt') || el.textContent || '').trim()).join('');
    return !(a.textContent.trim() || (a.getAttribute('aria-label') || '').trim()
             || labelled || (a.getAttribute('title') || '').trim() || alts);
}).map(a => a.outerHTML.slice(0, 160))"""

# Only the rules axe runs by default whose impact is serious or critical: the tests judge
# those alone (see ``blocking``), and leaving out the others (region, landmarks, heading order:
# moderate or minor) saves about a third of axe's time. axe 4 gives every rule one impact.
_AXE_RUN = """async () => {
    const rules = (axe._audit && axe._audit.rules || [])
        .filter(r => r.enabled !== false && ['serious', 'critical'].includes(r.impact))
        .map(r => r.id);
    const options = {resultTypes: ['violations']};
    if (rules.length) options.runOnly = {type: 'rule', values: rules};
    const result = await axe.run(document, options);
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    }));
}"""


# Start axe in a page without waiting for it, so several tabs check at once; read_page collects.
# (axe.run does much of its work before its first await: setTimeout lets evaluate return first.)
_AXE_START = ("() => { window.__policykitAxe = new Promise(done => setTimeout(() => done(("
              + _AXE_RUN + ")()), 0)); }")

_LANGUAGE_LINKS = """() => Object.fromEntries([...document.querySelectorAll(
    'a.md-select__link[hreflang]')].map(a => [a.hreflang, a.href]))"""

# Everything a page visit reads, in one round trip (axe's result: started by start_axe).
_READ_PAGE = f"""async () => ({{
    lang: document.documentElement.lang,
    headings: ({_HEADINGS})(),
    nameless_links: ({_NAMELESS_LINKS})(),
    language_links: ({_LANGUAGE_LINKS})(),
    violations: await window.__policykitAxe,
}})"""


def start_axe(page: Page) -> None:
    """Start axe-core on the page (already injected) and return at once; see :func:`read_page`."""
    page.evaluate(_AXE_START)


def read_page(page: Page) -> dict[str, Any]:
    """``lang``, ``headings``, ``nameless_links``, ``language_links`` and the ``violations`` of
    the axe run :func:`start_axe` began, in one call."""
    return page.evaluate(_READ_PAGE)


def axe_violations(page: Page, axe_script: Path | None = None) -> list[dict[str, Any]]:
    """The axe-core violations of the serious and critical rules on the page. ``axe_script``
    is injected from disk first; leave it out when the context already adds it to every page
    (``context.add_init_script``)."""
    if axe_script is not None:
        page.add_script_tag(path=str(axe_script))
    return page.evaluate(_AXE_RUN)


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the violations that block a user: impact serious or critical."""
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def headings(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(_HEADINGS)


def skipped_heading_levels(found: list[dict[str, Any]]) -> list[str]:
    """``h1 → h3`` style jumps: a heading more than one level deeper than the one before it,
    or a page that does not start at h1."""
    problems: list[str] = []
    previous = 0
    for heading in found:
        if heading["level"] > previous + 1:
            problems.append(f"h{previous or '-'} → h{heading['level']} {heading['text']!r}")
        previous = heading["level"]
    return problems


def nameless_links(page: Page) -> list[str]:
    return page.evaluate(_NAMELESS_LINKS)


def language_links(page: Page) -> dict[str, str]:
    """Where the header's language menu leads: ``{"en": "http://…/en/a.html", …}``."""
    return page.evaluate(_LANGUAGE_LINKS)


def document_lang(page: Page) -> str:
    return page.evaluate("() => document.documentElement.lang")
