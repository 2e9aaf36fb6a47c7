"""Opt-in external link check: concurrency, retries, cache, allow-list, unreachable network."""

from __future__ import annotations

import http.server
import json
import os
import threading

import pytest
from checkhelpers import add_page, covered_kit, messages
from conftest import build, replace_in
from policykit.cachedir import cache_dir
from policykit.checks.external import UrlResult, check_urls, http_fetch, skipped
from policykit.sources.legalsources import load_legal_sources


class FakeWeb:
    """A fetch function with fixed answers that counts the calls per URL."""

    def __init__(self, answers: dict[str, list[UrlResult]]):
        self.answers = answers
        self.calls: dict[str, int] = {}

    def __call__(self, url: str, timeout: float) -> UrlResult:
        self.calls[url] = self.calls.get(url, 0) + 1
        queue = self.answers[url]
        return queue.pop(0) if len(queue) > 1 else queue[0]


def test_broken_retried_cached_and_allowed(tmp_path, monkeypatch):
    monkeypatch.setattr("policykit.checks.external.time.sleep", lambda s: None)
    web = FakeWeb({
        "https://ok.example.org/": [UrlResult("https://ok.example.org/", 200)],
        "https://gone.example.org/": [UrlResult("https://gone.example.org/", 404)],
        "https://flaky.example.org/": [UrlResult("https://flaky.example.org/", 503),
                                       UrlResult("https://flaky.example.org/", 200)],
        "https://down.example.org/": [UrlResult("https://down.example.org/", None, "timed out")],
    })
    urls = list(web.answers) + ["https://skip.example.org/x", "https://www.brugwerk.example/"]
    cache = tmp_path / "cache.json"
    clock = [1000.0]
    report = check_urls(urls * 2, allow=["https://skip.example.org/"], cache_file=cache,
                        fetch=web, retries=2, now=lambda: clock[0])
    assert sorted(report.broken) == ["https://down.example.org/", "https://gone.example.org/"]
    assert report.network_error == ""
    assert (report.checked, report.cached, report.skipped) == (4, 0, 2)
    assert web.calls == {"https://ok.example.org/": 1, "https://gone.example.org/": 1,
                         "https://flaky.example.org/": 2, "https://down.example.org/": 3}
    assert sorted(json.loads(cache.read_text())) == ["https://flaky.example.org/",
                                                     "https://ok.example.org/"]
    # A second run within a day fetches only what was not fine.
    web.calls.clear()
    clock[0] += 3600
    again = check_urls(urls, allow=["https://skip.example.org/"], cache_file=cache, fetch=web,
                       retries=0, now=lambda: clock[0])
    assert (again.checked, again.cached) == (2, 2)
    assert sorted(web.calls) == ["https://down.example.org/", "https://gone.example.org/"]


def test_unreachable_network_is_one_message():
    web = FakeWeb({u: [UrlResult(u, None, "Name or service not known")]
                   for u in ("https://a.example.org/", "https://b.example.org/")})
    report = check_urls(web.answers, fetch=web, retries=0)
    assert report.broken == {}
    assert report.network_error == ("none of the 2 external addresses could be reached "
                                     "(first error: Name or service not known)")


def test_reserved_domains_are_never_fetched():
    assert skipped("https://intranet.brugwerk.example/x", [])
    assert skipped("http://localhost:8000/", [])
    assert not skipped("https://www.example.org/", [])
    assert skipped("https://www.example.org/a", ["www.example.org"])


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_web():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_http_fetch_falls_back_to_get(local_web):
    assert http_fetch(f"{local_web}/ok", 5).status == 200
    assert http_fetch(f"{local_web}/no-head", 5).status == 200
    assert http_fetch(f"{local_web}/gone", 5).status == 404
    assert http_fetch("http://127.0.0.1:9/", 2).status is None


@pytest.mark.build
def test_external_links_checked_only_when_switched_on(tmp_path, local_web):
    project = covered_kit(tmp_path / "kit", small=True)
    _allow_the_legal_sources(project)  # the Sources page links the official texts online
    add_page(project, "policy/web.nl.md",
             f"# Web\n\n[Goed]({local_web}/ok)\n\n[Weg]({local_web}/gone)\n")
    add_page(project, "policy/web.en.md", "# Web\n\nNothing.\n", nav=False)
    offline = build(project)
    assert offline.returncode == 0, offline.explain()
    online = build(project, env={"POLICYKIT_EXTERNAL_LINKS": "1"})
    assert online.returncode != 0, online.explain()
    assert messages(online.output, "external link") == [
        f"docs/policy/web.nl.md:11: external link '{local_web}/gone' does not work (HTTP 404) "
        "— correct the address, or add it to checks.external_allow"]
    assert (cache_dir(os.environ, "external-links") / "links.json").is_file()  # per machine
    assert not (project / ".cache").exists()

    (project / "docs/policy/web.nl.md").write_text(
        "---\ntopics: []\nowner: legal\nlast_reviewed: 2026-08-20\n---\n\n# Web\n\n"
        "[Eén](http://127.0.0.1:9/a)\n\n[Twee](http://127.0.0.1:9/b)\n", encoding="utf-8")
    no_network = build(project, env={"POLICYKIT_EXTERNAL_LINKS": "1"})
    assert no_network.returncode != 0
    found = messages(no_network.output, "external addresses")
    assert len(found) == 1, no_network.output
    assert found[0].startswith("(external links): none of the 2 external addresses could be "
                               "reached (first error:")


def _allow_the_legal_sources(project) -> None:
    """List the hosts of the kit's legal sources in checks.external_allow of the copy."""
    hosts = sorted({"/".join(s.url.split("/")[:3]) + "/" for s in load_legal_sources().sources.values()})
    replace_in(project / "variables/company.yml", "  external_allow: []",
               "  external_allow: [" + ", ".join(f'"{h}"' for h in hosts) + "]")


def test_a_cache_entry_from_the_future_is_checked_again(tmp_path):
    """A planted entry ("this address worked in the year 2100") never keeps a link unchecked."""
    cache = tmp_path / "links.json"
    cache.write_text(json.dumps({"https://policy-gone.nl/": 4102444800.0}), encoding="utf-8")
    asked = []

    def fetch(url, timeout):
        asked.append(url)
        return UrlResult(url, 404)

    report = check_urls(["https://policy-gone.nl/"], cache_file=cache, fetch=fetch, now=lambda: 1.8e9)
    assert asked == ["https://policy-gone.nl/"] and list(report.broken) == ["https://policy-gone.nl/"]
