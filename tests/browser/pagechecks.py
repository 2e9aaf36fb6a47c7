"""What the browser tests read from a loaded page: axe-core findings, headings, link names, lang.

Each reader returns plain data; the tests decide what is wrong with it.
"""

from __future__ import annotations

import json
from collections.abc import Collection
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

# The two rules that read colours and backgrounds (about two thirds of axe's time on a page),
# with the selectors axe gives them; ``_FRESH_STYLES`` marks elements with ``FRESH_MARK``.
STYLE_RULES = {"color-contrast": "*", "link-in-text-block": "a[href], [role=link]"}
FRESH_MARK = "data-policykit-fresh"
_NARROWED = json.dumps([
    {"id": rule, "selector": ", ".join(f"{part.strip().rstrip('*')}[{FRESH_MARK}]"
                                       for part in selector.split(","))}
    for rule, selector in STYLE_RULES.items()])

# Only the rules axe runs by default whose impact is serious or critical: the tests judge
# those alone (see ``blocking``), and leaving out the others (region, landmarks, heading order:
# moderate or minor) saves about a third of axe's time. axe 4 gives every rule one impact.
# After ``_FRESH_STYLES`` the style rules read only the elements it marked (their selector
# is narrowed to the mark; ``include`` would take in each element's whole subtree).
_AXE_RUN = """async () => {
    const fresh = window.__policykitFresh;
    if (fresh !== undefined) {
        fresh.forEach(element => element.setAttribute('@MARK@', ''));
        axe.configure({rules: @NARROWED@});
    }
    const rules = (axe._audit && axe._audit.rules || [])
        .filter(r => r.enabled !== false && ['serious', 'critical'].includes(r.impact))
        .map(r => r.id);
    const options = {resultTypes: ['violations']};
    if (rules.length) options.runOnly = {type: 'rule', values: rules};
    const result = await axe.run(document, options);
    const unmarked = text => text.replaceAll('[@MARK@=""]', '').replaceAll(' @MARK@=""', '');
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map(n => {
            const target = n.target.join(' ');
            return target === unmarked(target) ? target
                : `${unmarked(target)} ${unmarked(n.html).slice(0, 100)}`;
        }),
    }));
}""".replace("@MARK@", FRESH_MARK).replace("@NARROWED@", _NARROWED)

# Marks (``window.__policykitFresh``) the text elements and links whose styles no earlier page
# showed, and returns the keys of those styles. A key covers the element and every ancestor:
# tag, class and the computed colours, backgrounds, font, opacity, filters, position, z-index,
# text decoration and visibility, which is what the style rules read. Equal keys, equal
# verdicts: the same text in the same styles gets the same contrast.
_FRESH_STYLES = """(seen) => {
    const hash = text => {  // cyrb53: 53 bits, so thousands of styles never collide in practice
        let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            h1 = Math.imul(h1 ^ c, 2654435761);
            h2 = Math.imul(h2 ^ c, 1597334677);
        }
        h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
        h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
        return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
    };
    const keys = new Map();
    const key = element => {
        if (!element) return '';
        if (!keys.has(element)) {
            const s = getComputedStyle(element);
            keys.set(element, hash(key(element.parentElement) + '>' + [
                element.tagName, element.getAttribute('class') || '', s.color,
                s.backgroundColor, s.backgroundImage, s.opacity, s.fontSize, s.fontWeight,
                s.textShadow, s.filter, s.mixBlendMode, s.position, s.zIndex,
                s.textDecorationLine, s.borderBottomStyle, s.borderBottomColor, s.visibility,
                s.display].join('|')));
        }
        return keys.get(element);
    };
    const known = new Set(seen), fresh = [], added = [];
    for (const element of document.body.querySelectorAll('*')) {
        const text = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!text && !element.matches('@LINKS@')) continue;
        const k = key(element);
        if (known.has(k)) continue;
        known.add(k);
        added.push(k);
        fresh.push(element);
    }
    window.__policykitFresh = fresh;
    return added;
}""".replace("@LINKS@", STYLE_RULES["link-in-text-block"])


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


def start_axe(page: Page, seen: Collection[str] = ()) -> list[str]:
    """Start axe-core on the page (already injected) and return at once; see :func:`read_page`.
    The style rules (``STYLE_RULES``) look only at elements whose style keys are not in
    ``seen``; the keys of the styles this page adds are returned."""
    added = page.evaluate(_FRESH_STYLES, sorted(seen))
    page.evaluate(_AXE_START)
    return added


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
