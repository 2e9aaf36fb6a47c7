"""Where the browser tests find their tools, and what happens when one is missing.

Chromium is Debian's headless shell (``/usr/bin/chromium-headless-shell``, installed by
``.ci/run``): the engine of ``/usr/bin/chromium`` without the desktop browser around it, which
visits the site's pages with about a fifth less CPU; the full ``chromium`` is the fallback, and
``POLICYKIT_CHROMIUM`` chooses another. Playwright never downloads a browser here. axe-core
and the Nu Html Checker come from ``node_modules/`` beside this file (``npm ci
--ignore-scripts``). A missing tool skips the test on a developer's machine
and fails it in CI (``CI=true``), so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("POLICYKIT_CHROMIUM") or next(
    (name for name in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
     if os.access(name, os.X_OK)), "/usr/bin/chromium-headless-shell"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Nothing can leave the machine even unrouted: other host names resolve nowhere, and
    # everything but 127.0.0.1 goes to a proxy port where nothing listens.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]
NODE_MODULES = HERE / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(what: str, how: str) -> NoReturn:
    """Skip on a developer's machine, fail in CI: CI must have every tool the tests use."""
    message = f"{what} is missing — {how}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_tool(path: Path, what: str) -> Path:
    if not path.exists():
        missing(f"{what} ({path})", "run `bash .ci/run` once, or install it as .ci/run does")
    return path


# One short run over a site: the quick compiler only and one garbage collector thread take
# less than half the CPU of Java's defaults (≈2.5 s against ≈6 s for the example site), with
# the same report; the quick compiler's code needs a larger stack than the default for vnu.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]


def java_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        missing("java (for the Nu Html Checker)", "apt-get install default-jre-headless")
    return [java, *JAVA_OPTIONS]
