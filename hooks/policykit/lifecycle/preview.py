"""``make serve``: a live preview that rebuilds on every save and never hangs.

It watches ``docs/``, ``variables/``, ``overrides/``, ``hooks/`` and ``mkdocs.yml``; after a
change it runs the same strict build as ``make site`` into a temporary folder. While the build
is broken, every address shows the problems (file, line, fix) and checks every second whether
they are fixed; once they are, the page shows the policy again. Open pages reload by themselves
after each successful build. Nothing but the standard library: it serves on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import html
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from policykit.lifecycle.sitebuild import findings_of

WATCHED = ("docs", "variables", "overrides", "hooks", "mkdocs.yml")
_RELOAD = """<script data-generated="policykit.lifecycle.preview">
(function(){var seen=%d;setInterval(function(){fetch("/__policykit_build",{cache:"no-store"})
.then(function(r){return r.text()}).then(function(n){if(+n!==seen){location.reload()}})
.catch(function(){})},1000)})();</script>"""


@dataclass
class Preview:
    """The state the server shows: the last good site, or the problems of the last build."""

    root: Path
    site: Path | None = None
    problems: list[str] = field(default_factory=list)
    number: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        target = Path(tempfile.mkdtemp(prefix="policykit-preview-"))
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                               str(target)], cwd=self.root, capture_output=True, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        problems, _warnings = findings_of((done.stdout + done.stderr).splitlines())
        with self.lock:
            old = self.site
            if done.returncode == 0:
                self.site, self.problems = target, []
            else:
                self.problems = problems or ["the build failed — run 'make site VERBOSE=1'"]
                shutil.rmtree(target, ignore_errors=True)
                old = None
            self.number += 1
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        state = "built" if done.returncode == 0 else f"{len(self.problems)} problem(s)"
        print(f"[{time.strftime('%H:%M:%S')}] {state}", flush=True)
        for line in self.problems:
            print(f"  {line}", flush=True)


def problems_page(problems: list[str], number: int) -> bytes:
    """The page every address shows while the build is broken (problems as text, never markup).

    >>> page = problems_page(["docs/a.nl.md:3: <b>x</b> — fix"], 4)
    >>> b"1 problem(s)" in page, b"&lt;b&gt;x&lt;/b&gt;" in page, b"seen=4" in page
    (True, True, True)
    """
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Problems</title>"
            f"<style>body{{font-family:sans-serif;margin:2rem;max-width:60rem}}"
            f"li{{margin:.5rem 0}}</style></head><body><h1>{len(problems)} problem(s) — "
            f"the preview is not up to date</h1><p>Fix them and save; this page checks every "
            f"second and shows the policy again once they are fixed.</p><ul>{items}</ul>"
            f"{_RELOAD % number}</body></html>").encode()


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    times: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                times[str(file)] = file.stat().st_mtime
    return times


def handler(preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet: the build's lines are what matter
            pass

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            with preview.lock:
                site, problems, number = preview.site, list(preview.problems), preview.number
            if self.path.startswith("/__policykit_build"):
                return self._send(str(number).encode(), "text/plain")
            if problems or site is None:
                return self._send(problems_page(problems or ["building …"], number), "text/html")
            target = site / self.path.split("?", 1)[0].lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.resolve().is_relative_to(site.resolve()) or not target.is_file():
                return self._send(b"Not found", "text/plain", 404)
            body = target.read_bytes()
            if target.suffix == ".html":
                body = body.replace(b"</body>", (_RELOAD % number).encode() + b"</body>", 1)
            self._send(body, self.guess_type(str(target)))

        def _send(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def serve(root: Path, address: str) -> None:
    host, _, port = address.rpartition(":")
    preview = Preview(root)
    server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler(preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Preview on http://{host or '127.0.0.1'}:{port}/ — stop with Ctrl+C", flush=True)
    seen: dict[str, float] = {}
    try:
        while True:
            now = snapshot(root)
            if now != seen:
                seen = now
                preview.rebuild()
            time.sleep(0.5)
    except KeyboardInterrupt:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policykit.lifecycle.preview", description=__doc__)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    serve(Path.cwd(), args.dev_addr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
