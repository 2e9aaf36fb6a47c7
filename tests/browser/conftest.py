"""Fixtures of the browser tests: one built site, one server, one Chromium per session
(tools and their paths: ``tools.py``; the request guard: ``guard.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser.guard import guarded_context
from browser.pagechecks import read_page, start_axe
from browser.server import serve_folder
from browser.sitemodel import SiteModel, SitePage, load_site_model
from browser.tools import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS, HERE, missing, require_tool

ARTIFACTS = HERE.parents[1] / "artifacts"
TABS_AT_ONCE = 8
# Only for the visits' own Chromium: compositing on the page's main thread, not a thread of its
# own (99 pages: ≈51 → ≈41 CPU-s, the same findings).
VISIT_ARGS = ["--disable-threaded-compositing"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests here that need Chromium or the npm tools carry the ``browser`` marker
    (``-m 'not browser'`` leaves them out)."""
    needs = {"playwright_driver", "browser", "visits", "vnu_messages", "axe_script"}
    for item in items:
        if HERE in Path(str(item.fspath)).parents and needs & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """Playwright's driver, started once for the whole session."""
    require_tool(CHROMIUM, "Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package playwright", "pip install -e '.[test]' (make test does)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver) -> Iterator[Any]:
    """Debian's headless Chromium, launched once for the whole session."""
    chromium = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    return require_tool(AXE_SCRIPT, "axe-core from npm")


@pytest.fixture(scope="session")
def site_model(example_site) -> SiteModel:
    """Every page of the example site (built once per session) with its language and source."""
    return load_site_model(example_site.site.parent, example_site.site)


@pytest.fixture(scope="session")
def site_url(example_site) -> Iterator[str]:
    """The example site served on 127.0.0.1 (a free port), for the whole session."""
    with serve_folder(example_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def visits_url(example_site) -> Iterator[str]:
    """The example site served once more, for ``visits``: the search worker and index go out
    whole to the first page only (``serve_folder(search_once=True)``)."""
    with serve_folder(example_site.site, search_once=True) as url:
        yield url


@pytest.fixture
def page(browser) -> Iterator[Any]:
    """A page in a fresh, guarded context; fails the test if anything left 127.0.0.1."""
    context, log = guarded_context(browser, locale="nl-NL")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    assert not log.outside(), f"requests left 127.0.0.1: {log.outside()}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``artifacts/`` at the repository root (git-ignored): screenshots for reviewers."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@dataclass
class PageVisit:
    """What one page showed the browser on first load."""

    page: SitePage
    requests: list[str]
    errors: list[str]
    lang: str
    headings: list[dict[str, Any]]
    nameless_links: list[str]
    language_links: dict[str, str]
    violations: list[dict[str, Any]]


@pytest.fixture(scope="session")
def visits(playwright_driver, site_model: SiteModel, visits_url: str,
           axe_script: Path) -> list[PageVisit]:
    """Every page of the site loaded once (until the network is idle) and read: requests,
    script errors, ``lang``, headings, link names and axe-core's findings.

    Cheap enough for every page on two cores:
    - a few tabs load pages side by side, so one page's idle wait and axe run overlap another's;
    - axe is handed to the context once (``add_init_script``), not sent along for every page;
    - axe's colour rules (``pagechecks.STYLE_RULES``, two thirds of its time) read only the text
      and links in styles that no page of an earlier batch showed (``start_axe(tab, seen)``):
      the same styles on the same template give the same contrast. Every other rule reads
      every element of every page;
    - a Chromium of its own draws each page on the page's own thread
      (``VISIT_ARGS``): about a fifth less CPU for the visits. Only here: tests that type,
      click or wait for the search worker time out in it;
    - Chromium itself cannot reach other hosts (``--host-resolver-rules`` in ``tools.py``), so
      requests are only logged, not routed one by one through Python; the tests judge the log;
    - the theme's search worker runs on the first page only, with the whole index (one for all
      languages); the other pages still fetch the index, but get an empty worker and the index
      without its documents (each worker built the same index again: about a third of the
      browser's work per page). Errors in a worker are not the page's script errors anyway,
      and search itself is tested in ``test_search.py``. The server does that
      (``visits_url``), not a Playwright route, which would pass every request through the
      driver and turn off the browser's cache.
    """
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM),
                                                args=CHROMIUM_ARGS + VISIT_ARGS)
    context = browser.new_context()
    context.add_init_script(path=str(axe_script))
    tabs = [context.new_page() for _ in range(TABS_AT_ONCE)]
    requests: dict[Any, list[str]] = {}
    errors: dict[Any, list[str]] = {}
    for tab in tabs:
        tab.on("request", lambda request, tab=tab: requests[tab].append(request.url))
        tab.on("pageerror", lambda error, tab=tab: errors[tab].append(str(error)))
    found: list[PageVisit] = []
    seen: set[str] = set()  # the style keys checked so far
    pages = list(site_model.pages)
    for start in range(0, len(pages), TABS_AT_ONCE):
        batch = list(zip(tabs, pages[start:start + TABS_AT_ONCE], strict=False))  # last: fewer
        for tab, site_page in batch:
            requests[tab], errors[tab] = [], []
            tab.goto(visits_url + site_page.url, wait_until="commit")
        added: list[str] = []
        for tab, _ in batch:
            tab.wait_for_load_state("networkidle")
            added += start_axe(tab, seen)  # the tabs of a batch run axe side by side
        seen.update(added)
        for tab, site_page in batch:
            read = read_page(tab)
            found.append(PageVisit(
                page=site_page, requests=list(requests[tab]), errors=list(errors[tab]),
                lang=read["lang"], headings=read["headings"],
                nameless_links=read["nameless_links"], language_links=read["language_links"],
                violations=read["violations"]))
    context.close()
    browser.close()
    return found
