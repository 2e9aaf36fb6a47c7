"""The test server: files as an intranet server sends them, the search index once if asked."""

from __future__ import annotations

import gzip
import json
import urllib.request
from pathlib import Path

import pytest

from browser.server import serve_folder

INDEX = {"config": {"lang": ["nl"], "separator": "[\\s]+"},
         "docs": [{"location": "index.html", "title": "Thuis", "text": "Welkom"}]}


def fetch(url: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (127.0.0.1 only)
        body = answer.read()
        headers = dict(answer.headers.items())
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return headers, body


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>Welkom</p>", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("once", [False, True])
def test_search_index_goes_out_whole_once_or_always(folder: Path, once: bool) -> None:
    with serve_folder(folder, search_index_once=once) as url:
        first = json.loads(fetch(url + "search/search_index.json")[1])
        second = json.loads(fetch(url + "search/search_index.json")[1])
        headers, page = fetch(url + "index.html")
    assert first == INDEX
    assert second == ({"config": INDEX["config"], "docs": []} if once else INDEX)
    assert page == b"<p>Welkom</p>" and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "no-cache"
