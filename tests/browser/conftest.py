"""Fixtures of the browser tests: one built site, one server, one Chromium per session.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``.ci/run``); Playwright never
downloads a browser here. Without Chromium the tests skip on a developer's machine and fail in
CI (``CI=true``), so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser.server import serve_folder
from browser.sitemodel import SiteModel, SitePage, load_site_model

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = Path(os.environ.get("POLICYKIT_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = HERE / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = ("127.0.0.1",)
TABS_AT_ONCE = 3
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder carries the ``browser`` marker (``-m 'not browser'`` skips)."""
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def missing(what: str, how: str) -> None:
    """Skip on a developer's machine, fail in CI: CI must have every tool the tests use."""
    message = f"{what} is missing — {how}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_tool(path: Path, what: str) -> Path:
    if not path.exists():
        missing(f"{what} ({path})", "run `bash .ci/run` once, or install it as .ci/run does")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, launched once for the whole session."""
    require_tool(CHROMIUM, "Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package playwright", "pip install -e '.[test]' (make test does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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


@dataclass
class RequestLog:
    """Every request a browser context made, and those stopped because they left 127.0.0.1."""

    urls: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.urls if not is_local(url)]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def guarded_context(browser: Any, **options: Any) -> tuple[Any, RequestLog]:
    """A fresh browser context that logs every request and aborts any that would leave the
    machine (so a regression is reported, never sent)."""
    context = browser.new_context(**options)
    log = RequestLog()
    context.on("request", lambda request: log.urls.append(request.url))

    def stop_outside(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", stop_outside)
    return context, log


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
def visits(browser, site_model: SiteModel, site_url: str, axe_script: Path) -> list[PageVisit]:
    """Every page of the site loaded once (until the network is idle) and read: requests,
    script errors, ``lang``, headings, link names and axe-core's findings.

    Pages load a few at a time in separate tabs, so one page's idle wait overlaps the others'."""
    from browser import pagechecks

    context, _ = guarded_context(browser)
    found: list[PageVisit] = []
    pages = list(site_model.pages)
    for start in range(0, len(pages), TABS_AT_ONCE):
        opened = []
        for site_page in pages[start:start + TABS_AT_ONCE]:
            tab = context.new_page()
            requests: list[str] = []
            errors: list[str] = []
            tab.on("request", lambda request, log=requests: log.append(request.url))
            tab.on("pageerror", lambda error, log=errors: log.append(str(error)))
            tab.goto(site_url + site_page.url, wait_until="commit")
            opened.append((site_page, tab, requests, errors))
        for site_page, tab, requests, errors in opened:
            tab.wait_for_load_state("networkidle")
            found.append(PageVisit(
                page=site_page, requests=list(requests), errors=errors,
                lang=pagechecks.document_lang(tab), headings=pagechecks.headings(tab),
                nameless_links=pagechecks.nameless_links(tab),
                language_links=pagechecks.language_links(tab),
                violations=pagechecks.axe_violations(tab, axe_script)))
            tab.close()
    context.close()
    return found


def java_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        missing("java (for the Nu Html Checker)", "apt-get install default-jre-headless")
    return [java]
