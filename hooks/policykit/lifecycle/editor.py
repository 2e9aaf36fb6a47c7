"""``make editor`` and ``policykit editor-data``: the web editor on an editor's own machine.

``run_editor`` starts Decap's local backend (``decap-server``, bound to 127.0.0.1, saving
straight into this working tree) and the live preview (``mkdocs serve`` with the editor on
that backend), prints the address to open, and stops both cleanly on Ctrl+C.

``move_people`` moves contacts, accounts and spokespeople from ``variables/company.yml`` to
the web editor's own ``variables/editor/people.yml`` (see ``policykit.sources.people``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from policykit.output.editorconfig import ADMIN_DIR, BACKEND_ENV, BUNDLE_DIR, BUNDLE_SCRIPT
from policykit.project import Project
from policykit.sources.people import PEOPLE_FILE, split_people

DECAP_SERVER = "editor/node_modules/decap-server/dist/index.js"


class EditorError(Exception):
    """The editor cannot start or the data cannot move; the message says what to do."""


def move_people(project: Project) -> str:
    """Move the three parts into ``variables/editor/people.yml``; returns what was done."""
    target = project.root / PEOPLE_FILE
    if target.exists():
        raise EditorError(f"{PEOPLE_FILE} exists already — nothing to move")
    company, people = split_people(project.variables_path.read_text(encoding="utf-8"))
    if not people.strip():
        raise EditorError(f"{project.display(project.variables_path)} has no contacts, accounts "
                          "or spokespeople to move")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(people, encoding="utf-8")
    project.variables_path.write_text(company, encoding="utf-8")
    project.load_variables()  # raises InputError if the result does not validate
    return f"moved contacts, accounts and spokespeople to {PEOPLE_FILE}"


def backend_environment(root: Path, port: int) -> dict[str, str]:
    """The environment of ``decap-server``: this working tree, 127.0.0.1 only, file mode."""
    return {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}


def backend_url(port: int) -> str:
    """Where Decap finds ``decap-server``.

    >>> backend_url(8081)
    'http://127.0.0.1:8081/api/v1'
    """
    return f"http://127.0.0.1:{port}/api/v1"


def run_editor(project: Project, site_port: int = 8000, backend_port: int = 8081) -> int:
    """Start backend and preview, print the address, stop both on Ctrl+C; the exit code."""
    root = project.root
    node = shutil.which("node")
    for needed, what in ((root / DECAP_SERVER, "decap-server"),
                         (root / BUNDLE_DIR / BUNDLE_SCRIPT, "the Decap CMS bundle")):
        if not needed.is_file() or not node:
            raise EditorError(f"{what} is not installed ({project.display(needed)}) — run "
                              "`make editor-install` once (needs node, npm and the npm registry)")
    backend = subprocess.Popen([node, str(root / DECAP_SERVER)], cwd=root,
                               env=backend_environment(root, backend_port))
    preview = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
         f"127.0.0.1:{site_port}", "-f", str(root / "mkdocs.yml")], cwd=root,
        env={**os.environ, BACKEND_ENV: backend_url(backend_port)})
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    print(f"\nWeb editor: http://127.0.0.1:{site_port}/{ADMIN_DIR}/index.html  (site: "
          f"http://127.0.0.1:{site_port}/)\nSaving writes the files in {root}; review them with "
          "`git diff`. Stop with Ctrl+C.\n", flush=True)
    try:
        while backend.poll() is None and preview.poll() is None:
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (preview, backend):
            if process.poll() is None:
                process.terminate()
        for process in (preview, backend):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        print("Web editor stopped.", flush=True)
