"""Driving Material for MkDocs the way a person does: its search box and its language menu."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

SEARCH_INPUT = "input.md-search__input"
RESULT_ITEM = "li.md-search-result__item:not([hidden])"

# Reads the result list: per result (one page), the page link and the text shown for it.
_READ_RESULTS = """() => [...document.querySelectorAll(
    'li.md-search-result__item:not([hidden])')].map(li => ({
    href: li.querySelector('a.md-search-result__link').href,
    text: li.innerText,
}))"""


@dataclass(frozen=True)
class SearchResult:
    """One page in Material's result list, in the order shown."""

    url: str      # relative to the site root, without query or fragment: "policy/principles.html"
    text: str     # what the list shows for it: titles and highlighted excerpts


def search(page: Page, query: str, site_root: str, timeout_ms: float = 15_000) -> list[SearchResult]:
    """Type ``query`` into the search box, wait until the list stops changing, read it."""
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_selector(RESULT_ITEM, timeout=timeout_ms)
    previous, stable, waited = None, 0, 0
    while stable < 3 and waited < timeout_ms:
        current = page.evaluate(_READ_RESULTS)
        stable = stable + 1 if current == previous else 0
        previous = current
        page.wait_for_timeout(150)
        waited += 150
    return [SearchResult(_relative(item["href"], site_root), item["text"]) for item in previous]


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
