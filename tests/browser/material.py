"""Driving Material for MkDocs the way a person does: its search box and its language menu."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

SEARCH_INPUT = "input.md-search__input"
SEARCH_META = ".md-search-result__meta"

# Waits until the search is ready: the worker has its index and the list shows the placeholder.
_READY = """(placeholder) => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta !== null && meta.textContent.trim() === placeholder;
}"""

# Puts all but the last character of the query into the box (no events: the worker must see the
# whole query only) and arms a watcher that resolves once Material rewrote the result summary,
# which it does synchronously with the list for every result message.
_ARM = """(partial) => {
    const box = document.querySelector('input.md-search__input');
    const meta = document.querySelector('.md-search-result__meta');
    box.value = partial;
    window.__pkSearchDone = new Promise(resolve => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(true); });
        observer.observe(meta, { childList: true, characterData: true, subtree: true });
    });
}"""

# Waits for the watcher, then reads the list: per result (one page), its link and text.
_READ_RESULTS = """async (timeout) => {
    const done = await Promise.race([window.__pkSearchDone,
                                     new Promise(r => setTimeout(() => r(false), timeout))]);
    if (!done) return null;
    return [...document.querySelectorAll('li.md-search-result__item:not([hidden])')].map(li => ({
        href: li.querySelector('a.md-search-result__link').href,
        text: li.innerText,
    }));
}"""


@dataclass(frozen=True)
class SearchResult:
    """One page in Material's result list, in the order shown."""

    url: str      # relative to the site root, without query or fragment: "policy/principles.html"
    text: str     # what the list shows for it: titles and highlighted excerpts


def open_search(page: Page, timeout_ms: float = 15_000) -> None:
    """Click into the search box and wait until the search is ready (index loaded)."""
    page.locator(SEARCH_INPUT).click()
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder']")
    page.wait_for_function(_READY, arg=placeholder, timeout=timeout_ms)


def clear_search(page: Page, timeout_ms: float = 15_000) -> None:
    """Empty the search box and wait until the list shows the placeholder again, so the next
    :func:`search` on this page may repeat an earlier query."""
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder']")
    page.fill(SEARCH_INPUT, "")
    page.wait_for_function(_READY, arg=placeholder, timeout=timeout_ms)


def search(page: Page, query: str, site_root: str, timeout_ms: float = 15_000) -> list[SearchResult]:
    """Type ``query`` into the search box as a person does (the last key is a real key press) and
    read the list Material shows for it; ``[]`` when it shows no result. A query must differ
    from the one before it on the same page (Material ignores a repeated one)."""
    if not page.evaluate("!!window.__pkSearchOpened"):
        open_search(page, timeout_ms)
        page.evaluate("window.__pkSearchOpened = true")
    page.evaluate(_ARM, query[:-1])
    page.locator(SEARCH_INPUT).press(query[-1])
    found = page.evaluate(_READ_RESULTS, timeout_ms)
    if found is None:
        raise TimeoutError(f"search for {query!r}: no result list after {timeout_ms} ms")
    return [SearchResult(_relative(item["href"], site_root), item["text"]) for item in found]


def switch_language(page: Page, lang: str) -> None:
    """Open the language menu in the header and choose ``lang``, as a mouse user would."""
    page.locator(".md-select > button").hover()
    link = page.locator(f"a.md-select__link[hreflang='{lang}']")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def _relative(href: str, site_root: str) -> str:
    """``http://127.0.0.1:N/en/a.html?h=x#y`` → ``en/a.html`` (also for file:// roots)."""
    parts = urlsplit(href)
    bare = parts._replace(query="", fragment="").geturl()
    root = urljoin(site_root, ".")
    return bare[len(root):] if bare.startswith(root) else bare
