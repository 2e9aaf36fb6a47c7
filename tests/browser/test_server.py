"""The test server: files as an intranet server sends them; search only once if asked."""

from __future__ import annotations

import gzip
import json
import urllib.request
from pathlib import Path

import pytest

from browser.server import EMPTY_WORKER, serve_folder

INDEX = {"config": {"lang": ["nl"], "separator": "[\\s]+"},
         "docs": [{"location": "index.html", "title": "Thuis", "text": "Welkom"}]}
WORKER = "assets/javascripts/workers/search.a7633da7.min.js"


def fetch(url: str, referer: str = "") -> tuple[dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip", **({"Referer": referer} if referer else {})}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (127.0.0.1 only)
        body = answer.read()
        found = dict(answer.headers.items())
    if found.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return found, body


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for lang in ("", "en/"):
        (tmp_path / lang / "search").mkdir(parents=True)
        (tmp_path / lang / "search" / "search_index.json").write_text(json.dumps(INDEX),
                                                                       encoding="utf-8")
    (tmp_path / WORKER).parent.mkdir(parents=True)
    (tmp_path / WORKER).write_text("self.onmessage = () => {}\n", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>Welkom</p>", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("once", [False, True])
def test_search_index_goes_out_whole_once_or_always(folder: Path, once: bool) -> None:
    with serve_folder(folder, search_once=once) as url:
        first = json.loads(fetch(url + "search/search_index.json")[1])
        second = json.loads(fetch(url + "search/search_index.json")[1])
        english = json.loads(fetch(url + "en/search/search_index.json")[1])
        headers, page = fetch(url + "index.html")
    assert first == english == INDEX
    assert second == ({"config": INDEX["config"], "docs": []} if once else INDEX)
    assert page == b"<p>Welkom</p>" and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "no-cache"


def test_search_worker_runs_on_the_first_page_only(folder: Path) -> None:
    real = (folder / WORKER).read_bytes()
    with serve_folder(folder, search_once=True) as url:
        asked = [fetch(url + WORKER, referer=url + page)
                 for page in ("index.html", "policy/ai.html", "en/index.html")]
    assert [body for _, body in asked] == [real, EMPTY_WORKER, EMPTY_WORKER]
    assert {headers["Cache-Control"] for headers, _ in asked} == {"no-store"}


def test_search_worker_is_cached_as_usual_without_search_once(folder: Path) -> None:
    with serve_folder(folder) as url:
        asked = [fetch(url + WORKER, referer=url + "index.html") for _ in range(2)]
    assert [body for _, body in asked] == [(folder / WORKER).read_bytes()] * 2
    assert asked[0][0]["Cache-Control"] == "public, max-age=31536000, immutable"
