"""The file:// variant (``make offline``: POLICYKIT_OFFLINE=true turns on Material's offline
plugin) opened straight from disk with the network switched off: it loads, and search works as
on the served site (reader's language only, word forms, synonyms, the rules above the glossary)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, offline_build  # tests/conftest.py

from browser.material import search

OFFLINE_SWITCH = "POLICYKIT_OFFLINE"
# (query, the page listed first, a page listed below it) per language
QUERIES = {
    "nl": [("vertrouwelijk", "principles/confidentiality.html", None),
           ("klokkenluider", "policy/rights.html", "glossary.html"),
           ("2FA", "policy/security.html", None)],
    "en": [("password", "policy/security.html", None),
           ("whistleblowing", "policy/rights.html", "glossary.html"),
           ("MFA", "policy/security.html", None)],
}


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The example organisation's offline variant, built once per session."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not (re.search(r"^\s*-\s*offline\s*:", config, re.M) and OFFLINE_SWITCH in config):
        pytest.fail(f"no file:// variant: mkdocs.yml has no `offline` plugin "
                    f"switched on by {OFFLINE_SWITCH}=true (`make offline`, issue 5)")
    result = offline_build(tmp_path_factory)
    assert result.returncode == 0, result.explain()
    return result.site


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_offline_site_searches_without_network(browser, offline_site, lang):
    home = offline_site / ("index.html" if lang == "nl" else f"{lang}/index.html")
    assert home.exists(), f"the offline site has no {lang} home page ({home})"
    context = browser.new_context(offline=True)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(home.as_uri(), wait_until="load")

    root = offline_site.as_uri() + "/"
    prefix = "" if lang == "nl" else f"{lang}/"
    listed = {query: [r.url for r in search(page, query, root)] for query, _, _ in QUERIES[lang]}
    context.close()

    left = [url for url in seen if urlsplit(url).scheme not in ("file", "data", "blob", "about")]
    assert not left, f"the offline site asked for: {left}"
    assert any(url.endswith(".js") for url in seen), f"no script loaded from disk: {seen}"
    assert not errors, f"script errors: {errors}"
    for query, first, below in QUERIES[lang]:
        urls = listed[query]
        assert urls, f"search for {query!r} found nothing offline"
        assert urls[0] == prefix + first, f"{query!r} offline lists {urls[:3]} first"
        if below:
            assert prefix + below in urls[1:], f"{query!r} offline: {below} not below: {urls}"
        in_other = [u for u in urls if (lang == "nl") == u.startswith("en/")]
        assert not in_other, f"{query!r} offline lists pages of another language: {in_other}"
