"""The file:// variant (``make offline``: POLICYKIT_OFFLINE=true turns on Material's offline
plugin) opened straight from disk with the network switched off: it loads and search works."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, offline_build  # tests/conftest.py

from browser.material import search

OFFLINE_SWITCH = "POLICYKIT_OFFLINE"
QUERIES = {"nl": "vertrouwelijk", "en": "confidential"}


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

    results = search(page, QUERIES[lang], home.parent.as_uri() + "/")
    context.close()

    left = [url for url in seen if urlsplit(url).scheme not in ("file", "data", "blob", "about")]
    assert not left, f"the offline site asked for: {left}"
    assert any(url.endswith(".js") for url in seen), f"no script loaded from disk: {seen}"
    assert results, f"search for {QUERIES[lang]!r} found nothing offline"
    assert not errors, f"script errors: {errors}"
