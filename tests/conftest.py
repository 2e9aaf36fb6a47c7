"""Shared test helpers: temporary copies of the kit and real builds of them."""

from __future__ import annotations

import atexit
import fcntl
import importlib.util
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from policykit.project import copy_sources

REPO = Path(__file__).resolve().parents[1]
# Builds in tests judge reviews on a fixed day, so the suite does not turn red as the calendar
# moves on; `make site` itself uses the real date (an overdue review must fail a real build).
TEST_TODAY = os.environ.setdefault("POLICYKIT_TODAY", "2026-11-26")  # also for make, copier…
BUILD_LOG = "POLICYKIT_TEST_BUILD_LOG"
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             "POLICYKIT_TODAY": TEST_TODAY}


@dataclass
class BuildResult:
    """What a real build printed, its exit code and where the site went."""

    returncode: int
    output: str
    site: Path
    command: list[str]

    def page(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def html_pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def explain(self) -> str:
        return f"$ {' '.join(self.command)}\n(exit {self.returncode})\n{self.output}"


def copy_kit(dest: Path) -> Path:
    """A fresh copy of the kit's sources in ``dest`` (no venv, no built site, no git), with
    the hooks' compiled bytecode beside them (see ``_compiled_hooks``)."""
    project = copy_sources(REPO, dest)
    shutil.copytree(_compiled_hooks(), project / "hooks", dirs_exist_ok=True)
    return project


_PYC: list[Path] = []


def _compiled_hooks() -> Path:
    """``hooks/**/__pycache__/*.pyc`` of the repository, compiled once per test process into a
    folder of their own. Without them each build compiles the kit's modules again (about a
    tenth of a small build): copies are new folders, and ``PYTHONDONTWRITEBYTECODE`` may keep
    Python from saving what it compiled. Checked-hash files: Python compares them with the
    source it imports, so a test that changes a hook gets that hook compiled afresh."""
    if not _PYC:
        root = Path(tempfile.mkdtemp(prefix="policykit-pyc-")) / "hooks"
        atexit.register(shutil.rmtree, root.parent, True)
        for source in sorted((REPO / "hooks").rglob("*.py")):
            target = root / source.relative_to(REPO / "hooks")
            py_compile.compile(str(source), cfile=importlib.util.cache_from_source(str(target)),
                               doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        _PYC.append(root)
    return _PYC[0]


# The sections whose pages ``small_kit`` switches off: the policy itself (the top-level pages,
# the Coverage page and the print version stay).
SMALL_KIT_SECTIONS = ("policy", "principles")
SMALL_KIT_REASON = "Switched off in this test: a smaller site builds in half the time."


def small_kit(dest: Path, keep: tuple[str, ...] = ()) -> Path:
    """A copy of the kit with the pages of ``SMALL_KIT_SECTIONS`` switched off (see
    ``switch_off_policy_pages``). Same hooks, same checks, a clean build of a third of the
    pages in about half the time: for seeded defects that do not depend on the pages left out."""
    return switch_off_policy_pages(copy_kit(dest), keep)


def small_repository(dest: Path, keep: tuple[str, ...] = ()) -> Path:
    """``small_kit`` with the repository's ``Makefile``: for tests of a ``make`` target
    (``gitrepo.make`` runs it with the test's virtual environment)."""
    project = small_kit(dest, keep)
    shutil.copy2(REPO / "Makefile", project / "Makefile")
    return project


def switch_off_policy_pages(project: Path, keep: tuple[str, ...] = ()) -> Path:
    """Switch off the pages of ``SMALL_KIT_SECTIONS`` in ``project`` (the kit or an
    organisation made from it) the way an organisation does it (``local.pages_off``), except
    those in ``keep`` (``policy/ai.md``) and those a flag already switches (``only_if``)."""
    from policykit.sources.frontmatter import read_front_matter

    off = []
    for section in SMALL_KIT_SECTIONS:
        for page in sorted((project / "docs" / section).glob("*.nl.md")):
            base = f"{section}/{page.name.removesuffix('.nl.md')}.md"
            if base not in keep and not read_front_matter(
                    page.read_text(encoding="utf-8")).get("only_if"):
                off.append(f'    - {{page: {base}, reason: "{SMALL_KIT_REASON}"}}\n')
    variables = project / "variables/company.yml"
    text, found = re.subn(r"(?m)^  pages_off: \[\].*\n", lambda _: "  pages_off:\n" + "".join(off),
                          variables.read_text(encoding="utf-8"), count=1)
    assert found, f"no empty 'pages_off: []' in {variables}"
    variables.write_text(text, encoding="utf-8")
    return project


def build(project: Path, *args: str, engine: str = "mkdocs", site: Path | None = None,
          env: dict[str, str] | None = None) -> BuildResult:
    """Run a real strict build of ``project`` with the given engine's CLI."""
    site = site or project / "site"
    command = [sys.executable, "-m", engine, "build", "--strict", "-f",
               str(project / "mkdocs.yml"), "--site-dir", str(site), *args]
    full_env = {**os.environ, **QUIET_ENV, **(env or {})}
    _count_build(command)
    if os.environ.get("POLICYKIT_TEST_BUILD_SERVER", "on") != "off":
        served = _build_server(engine).run(command[2:], project, full_env)
        if served is not None:
            return BuildResult(served[0], served[1], site, command)
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=full_env,
                          timeout=600)
    return BuildResult(done.returncode, done.stdout + done.stderr, site, command)


class _BuildServer:
    """``tests/buildserver.py`` for this test process and one engine: builds forked from a
    process that has that engine imported. One server per engine: ProperDocs stands in for
    the ``mkdocs`` modules under their names, which a preloaded MkDocs would shadow."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="policykit-buildserver-"))
        self.count = 0

    def run(self, argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str] | None:
        """(exit code, output) of ``python -m argv…``; None when the server cannot run it."""
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("buildserver.py"))],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env={**os.environ, **QUIET_ENV})
        self.count += 1
        output = self.folder / f"build-{self.count}.log"
        request = {"argv": argv, "cwd": str(cwd), "env": env, "output": str(output),
                   "timeout": 600}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            answer = ""
        if not answer:
            self.process = None
            return None
        text = output.read_text(encoding="utf-8", errors="replace")
        output.unlink()
        return json.loads(answer)["returncode"], text

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


_SERVERS: dict[str, _BuildServer] = {}


def _build_server(engine: str) -> _BuildServer:
    if engine not in _SERVERS:
        _SERVERS[engine] = _BuildServer()
    return _SERVERS[engine]


def _count_build(command: list[str]) -> None:
    """One line per real build in the file the session summary counts (all workers)."""
    log = os.environ.get(BUILD_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(" ".join(command[2:4]) + "\n")


# Modules that take longest (or wait longest) go to the xdist workers first, so none is left
# running alone at the end (``make test`` passes ``--no-loadscope-reorder``; xdist's own order,
# by number of tests, started the one-test web editor module last). The rest keep their order.
LONG_MODULES_FIRST = (
    "tests/browser/test_web_editor.py",  # mostly waits for its servers: overlaps the others
    "tests/browser/test_every_page.py",
    "tests/lifecycle/test_lifecycle_new_org.py",
    "tests/lifecycle/test_adoption.py",
    "tests/test_build.py",
    "tests/checks/test_check_report.py",
    "tests/lifecycle/test_lifecycle_history.py",
    "tests/lifecycle/test_versions.py",
    "tests/output/test_print.py",
    "tests/lifecycle/test_publish.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the items of ``LONG_MODULES_FIRST`` first, in that order (a stable sort)."""
    rank = {name: place for place, name in enumerate(LONG_MODULES_FIRST)}

    def place(item: pytest.Item) -> int:
        return rank.get(item.nodeid.split("::", 1)[0], len(rank))

    items.sort(key=place)


def pytest_configure(config: pytest.Config) -> None:
    if BUILD_LOG not in os.environ and not hasattr(config, "workerinput"):
        log = Path(tempfile.mkdtemp(prefix="policykit-builds-")) / "builds.log"
        log.touch()
        os.environ[BUILD_LOG] = str(log)  # xdist workers start later and inherit it
        # The kit's cache (compiled templates, language results): this run's, shared by its
        # builds and workers, not the user's ~/.cache.
        os.environ.setdefault("POLICYKIT_CACHE", str(log.parent / "cache"))


def pytest_unconfigure(config: pytest.Config) -> None:
    while _SERVERS:
        _SERVERS.popitem()[1].close()
    log = os.environ.get(BUILD_LOG, "")
    if not hasattr(config, "workerinput") and "policykit-builds-" in log:
        shutil.rmtree(Path(log).parent, ignore_errors=True)
        del os.environ[BUILD_LOG]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    log = os.environ.get(BUILD_LOG)
    if log and not hasattr(config, "workerinput") and Path(log).is_file():
        count = len(Path(log).read_text(encoding="utf-8").splitlines())
        terminalreporter.write_line(f"real site builds in this run (conftest.build): {count}")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly when ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A temporary copy of the kit to change and build."""
    return copy_kit(tmp_path / "kit")


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str,
                 make: Callable[[Path], BuildResult]) -> BuildResult:
    """``make(folder)`` once per test run, however many xdist workers ask for it: the first
    builds (under a file lock), the others read its result. Only for read-only use."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this run
    record = root / f"shared-{name}.json"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if record.exists():
            saved = json.loads(record.read_text(encoding="utf-8"))
            return BuildResult(saved["returncode"], saved["output"], Path(saved["site"]),
                               saved["command"])
        result = make(root / f"shared-{name}")
        record.write_text(json.dumps({"returncode": result.returncode, "output": result.output,
                                      "site": str(result.site), "command": result.command}),
                          encoding="utf-8")
        return result


OFFLINE_SEARCHED_PAGES = ("policy/principles.md", "policy/security.md", "policy/rights.md",
                          "principles/confidentiality.md")


def offline_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The example organisation's offline variant (``make offline``), built once per run, with
    the policy pages the offline search tests look for (the others share their template)."""
    def make(folder: Path) -> BuildResult:
        project = small_kit(folder / "kit", keep=OFFLINE_SEARCHED_PAGES)
        return build(project, env={"POLICYKIT_OFFLINE": "true"}, site=project / "site-offline")
    return shared_build(tmp_path_factory, "offline", make)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The example organisation's site, built once for all read-only HTML assertions."""
    result = shared_build(tmp_path_factory, "example",
                          lambda folder: build(copy_kit(folder / "kit")))
    assert result.returncode == 0, result.explain()
    return result


def require_program(*names: str, package: str) -> str:
    """Path of the first program found; skips the test without it, but fails in CI (CI=true),
    where ``.ci/run`` must have installed the Debian ``package``."""
    for name in names:
        found = shutil.which(name) or next(
            (f"{d}/{name}" for d in ("/usr/sbin", "/usr/local/sbin", "/usr/bin")
             if os.access(f"{d}/{name}", os.X_OK)), None)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{names[0]} is missing in CI — .ci/run must install Debian's {package}")
    pytest.skip(f"{names[0]} is not installed (apt-get install {package}); CI runs this test")


def require_chromium() -> str:
    """The Chromium the kit prints with (``policykit.lifecycle.pdf.CHROMIUM_NAMES``, Debian's
    headless shell first), as ``require_program`` finds it."""
    from policykit.lifecycle.pdf import CHROMIUM_NAMES

    return require_program(*CHROMIUM_NAMES, package="chromium-headless-shell")
