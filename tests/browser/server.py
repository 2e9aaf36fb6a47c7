"""A built site served on 127.0.0.1 by Python's own http.server, in a background thread.

Text files (HTML, CSS, JavaScript, JSON, SVG, XML) go out gzip-compressed when the browser
accepts it, as an intranet web server set up for the site would send them; the page-weight test
measures those transferred bytes.

``serve_folder(folder, search_once=True)`` is for visiting every page: the theme's search
worker and the search index (one for all languages) go out whole to the first page only; the
other pages get an empty worker and the index without its documents (each worker loaded lunr
and built the same index again: about a third of the browser's work per page). Search itself
is tested on a server that sends everything whole.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")  # as deploy/nginx caches them
_SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
EMPTY_WORKER = b"// The search worker runs on the first page only (the tests' page visits).\n"
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml")


@lru_cache(maxsize=512)
def _gzipped(path: str, _mtime_ns: int) -> bytes:
    with open(path, "rb") as source:
        return gzip.compress(source.read(), compresslevel=6, mtime=0)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves files quietly (no log line per request), text compressed when accepted, with a
    cache lifetime as the kit's nginx configuration gives (``deploy/nginx``: theme assets for a
    year, pages revalidated) (the browser then keeps the theme's
    scripts and their compiled code from one page to the next, as a reader's browser does)."""

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if self.search_sent is not None and _SEARCH_WORKER.search(path):
            self.send_header("Cache-Control", "no-store")  # asked for again on every page
        elif _HASHED_ASSET.search(path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        elif path.endswith((".html", "/")):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass

    # The search workers and indexes sent whole so far; None: always send them whole
    # (``serve_folder(search_once=...)``).
    search_sent: set[str] | None = None

    def do_GET(self) -> None:
        path = self.translate_path(self.path)
        if self.search_sent is not None and os.path.isfile(path) and self._send_stand_in(path):
            return
        kind = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and os.path.isfile(path) and kind.startswith(COMPRESSED_TYPES)):
            super().do_GET()
            return
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def _send_stand_in(self, path: str) -> bool:
        """After the first time: an empty search worker, or the search index without its
        documents. False when ``path`` is neither, or asked for the first time."""
        worker = bool(_SEARCH_WORKER.search(self.path.split("?", 1)[0]))
        if not (worker or path.endswith("search_index.json")):
            return False
        if path not in self.search_sent:
            self.search_sent.add(path)
            return False
        if worker:
            self._send(EMPTY_WORKER, "text/javascript")
        else:
            with open(path, encoding="utf-8") as source:
                config = json.load(source)["config"]
            self._send(json.dumps({"config": config, "docs": []}).encode("utf-8"),
                       "application/json")
        return True

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_folder(folder: Path, search_once: bool = False) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL ``http://127.0.0.1:N/``."""
    handler_class = type("_Handler", (_SiteHandler,), {
        "search_sent": set() if search_once else None})
    handler = partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
