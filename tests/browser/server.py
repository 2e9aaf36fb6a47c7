"""A built site served on 127.0.0.1 by Python's own http.server, in a background thread.

Text files (HTML, CSS, JavaScript, JSON, SVG, XML) go out gzip-compressed when the browser
accepts it, as an intranet web server set up for the site would send them; the page-weight test
measures those transferred bytes.

``serve_folder(folder, search_index_once=True)`` sends each search index with its documents
only the first time it is asked for, and with none after that (same ``config``): for visiting
every page, where the theme's search worker would otherwise build the whole index again on
each page load (search itself is tested on a server that sends it whole).
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
        if _HASHED_ASSET.search(path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        elif path.endswith((".html", "/")):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass

    # Paths of the search indexes sent whole so far; None: always send them whole.
    indexes_sent: set[str] | None = None

    def do_GET(self) -> None:
        path = self.translate_path(self.path)
        if self.indexes_sent is not None and path.endswith("search_index.json") \
                and os.path.isfile(path):
            if path in self.indexes_sent:
                self._send_index_without_documents(path)
                return
            self.indexes_sent.add(path)
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

    def _send_index_without_documents(self, path: str) -> None:
        with open(path, encoding="utf-8") as source:
            config = json.load(source)["config"]
        body = json.dumps({"config": config, "docs": []}).encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_folder(folder: Path, search_index_once: bool = False) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL ``http://127.0.0.1:N/``."""
    handler_class = type("_Handler", (_SiteHandler,), {
        "indexes_sent": set() if search_index_once else None})
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
