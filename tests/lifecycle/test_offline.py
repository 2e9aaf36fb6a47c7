"""The offline build (``make offline``): opened from a file share, search included, nothing
loaded from outside."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import subprocess
from pathlib import Path

import pytest
from conftest import (
    REPO,
    BuildResult,
    build,
    offline_build,
    require_chromium,
    small_kit,
    small_repository,
)
from gitrepo import make
from policykit.checks.active import site_findings
from policykit.checks.htmlscan import loaded_references, scan_html
from policykit.lifecycle.pdf import headless

VENDORED = REPO / "overrides" / "assets" / "javascripts" / "iframe-worker.js"
UPSTREAM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"
POLYFILL_TAG = re.compile(r'<script src="([^"]*iframe-worker[^"]*)"')


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = offline_build(tmp_path_factory)
    assert result.returncode == 0, result.explain()
    return result


@pytest.mark.build
def test_nothing_loads_from_outside(offline_site: BuildResult) -> None:
    pages = offline_site.html_pages()
    assert len(pages) >= 8
    assert site_findings(offline_site.site, None) == []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn." not in text, page


@pytest.mark.build
def test_every_page_loads_the_vendored_polyfill(offline_site: BuildResult) -> None:
    for page in offline_site.html_pages():
        if page.name == "print.html":
            continue
        rel = page.relative_to(offline_site.site).as_posix()
        found = POLYFILL_TAG.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, f"{rel}: polyfill script tag missing or doubled: {found}"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), found[0]))
        if rel == "404.html":  # the 404 page uses links from the site root
            target = found[0].lstrip("/")
        local = offline_site.site / target
        assert local.is_file(), f"{rel}: {found[0]} does not resolve to a file in the site"
        assert local.read_bytes() == VENDORED.read_bytes()


@pytest.mark.build
def test_search_index_is_inlined_for_file_urls(offline_site: BuildResult) -> None:
    script = (offline_site.site / "search" / "search_index.js").read_text(encoding="utf-8")
    prefix = "var __index = "
    assert script.startswith(prefix)
    index = json.loads(script[len(prefix):])
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"index.html", "policy/principles.html", "en/index.html",
            "en/policy/principles.html"} <= locations, "both languages must be searchable"
    assert set(index["config"]["lang"]) >= {"nl", "en"}


@pytest.mark.build
def test_links_are_plain_files(offline_site: BuildResult) -> None:
    """From a file share a link to a folder shows a listing, not the page: links name files."""
    text = offline_site.page("policy/principles.html")
    links = re.findall(r'<a [^>]*href="([^"#:]+)(?:#[^"]*)?"', text)
    assert links
    for link in links:
        assert link.endswith(".html"), f"link {link!r} does not name an .html file"


@pytest.mark.build
def test_normal_build_has_no_polyfill(example_site: BuildResult) -> None:
    assert not (example_site.site / "assets" / "javascripts" / "iframe-worker.js").exists()
    assert "iframe-worker" not in example_site.page("index.html")
    assert not (example_site.site / "search" / "search_index.js").exists()


def test_vendored_polyfill_is_the_upstream_file() -> None:
    text = VENDORED.read_text(encoding="utf-8")
    header, _, body = text.partition(" */\n")
    assert "MIT" in header and "Permission is hereby granted" in header
    assert UPSTREAM_SHA256 in header
    assert hashlib.sha256(body.encode("utf-8")).hexdigest() == UPSTREAM_SHA256
    assert loaded_references(f"<script>{body}</script>") == []
    assert "http" not in body, "the polyfill itself must not fetch anything from outside"


def test_scanner_finds_outside_assets() -> None:
    html = """<html><head>
<link rel="stylesheet" href="https://cdn.example/x.css">
<link rel="canonical" href="https://intranet.example/page.html">
<script src="//unpkg.com/iframe-worker/shim"></script>
</head><body>
<a href="https://www.example.com/">a link is fine</a>
<img src="assets/logo.png" srcset="logo.png 1x, https://img.example/logo@2x.png 2x">
<div style="background: url('https://img.example/bg.png')"></div>
</body></html>"""
    found = [(ref.tag, ref.url) for ref in scan_html(html).references
             if ref.kind != "link" and "//" in ref.url]
    assert found == [("link", "https://cdn.example/x.css"),
                     ("script", "//unpkg.com/iframe-worker/shim"),
                     ("img", "https://img.example/logo@2x.png"),
                     ("div", "https://img.example/bg.png")]


def test_scanner_reports_page_and_line(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(
        "<html>\n<body>\n<script src='https://cdn.example/a.js'></script>\n</body></html>")
    (tmp_path / "theme.css").write_text("@import url(https://fonts.example/f.css);")
    problems = [str(f) for f in site_findings(tmp_path, None)]
    assert problems[0].startswith("sub/page.html: the page loads a script from another host: "
                                  "'https://cdn.example/a.js'")
    assert problems[1].startswith("theme.css: the page loads a font or image from a style "
                                  "sheet from another host: 'https://fonts.example/f.css'")
    assert len(problems) == 2


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize(("page", "query", "expected"), [
    ("policy/principles.html", "vertrouwelijke", "Principes"),
    ("en/index.html", "confidential", "Protect confidential information"),
])
def test_search_works_from_a_file_url(offline_site: BuildResult, tmp_path: Path, page: str,
                                      query: str, expected: str) -> None:
    """Headless Chromium opens the page as file:// with ?q=: Material runs the search."""
    chromium = require_chromium()
    url = (offline_site.site / page).as_uri() + f"?q={query}"
    done = subprocess.run(
        [*headless(chromium, tmp_path / "profile"), "--virtual-time-budget=8000", "--dump-dom",
         url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    results = [re.sub(r"<[^>]+>", "", title) for title in  # without the <mark> of the match
               re.findall(r'<li class="md-search-result__item">.*?<h1>(.*?)</h1>', done.stdout)]
    assert expected in results, f"no search result {expected!r} for {query!r}: {results}"


@pytest.mark.build
def test_properdocs_builds_the_same_offline_site(tmp_path: Path) -> None:
    project = small_kit(tmp_path / "kit")
    result = build(project, engine="properdocs", env={"POLICYKIT_OFFLINE": "true"})
    assert result.returncode == 0, result.explain()
    assert (result.site / "search" / "search_index.js").read_text().startswith("var __index = ")
    polyfills = POLYFILL_TAG.findall(result.page("index.html"))
    assert polyfills == ["assets/javascripts/iframe-worker.js"]
    assert site_findings(result.site, None) == []
    assert (result.site / "print.html").is_file() and (result.site / "en" / "print.html").is_file()


@pytest.mark.build
def test_make_offline_builds_into_the_given_folder(tmp_path: Path) -> None:
    target = tmp_path / "share" / "policy"
    done = make(small_repository(tmp_path / "kit"), "offline", f"OFFLINE_SITE={target}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (target / "search" / "search_index.js").is_file()
    assert (target / "assets" / "javascripts" / "iframe-worker.js").is_file()
