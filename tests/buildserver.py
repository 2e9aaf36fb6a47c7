"""A build server for the tests: each build is a fork of one process that has imported the
engine already, so a build does not pay Python's start and the imports of MkDocs, Material,
the plugins and Markdown (about a tenth of a build).

Protocol, one JSON object per line: the test process writes ``{"argv", "cwd", "env",
"output", "timeout"}``; the server forks, the child runs ``python -m <argv[0]> <argv[1:]>``
with that working folder and environment, its stdout and stderr going to the file ``output``;
the server answers ``{"returncode": N}``. Each child starts from the same clean state, as a new
process would: nothing of one build reaches the next.

Only third-party and standard modules are preloaded — never the kit's own hooks or
``policykit``, which every build imports from its own copy. Which modules: those the first
successful build imported (it reports them in ``<output>.modules``), so the list follows the
engine.
"""

from __future__ import annotations

import importlib
import json
import os
import runpy
import select
import signal
import sys
import sysconfig
import time
import traceback

LIBRARY_FOLDERS = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib",
                                                                  "purelib", "platlib")})


def _library_modules() -> list[str]:
    """Names of the loaded modules that come from the standard library or site-packages, in
    the order they were imported (ProperDocs' first import makes ``mkdocs.*`` names lead to
    its own modules; imported in that order again, they do so here too)."""
    names = []
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None) or ""
        if where.startswith(LIBRARY_FOLDERS) and name != "__main__" and "policykit" not in name:
            names.append(name)
    return names


def _run_child(request: dict) -> int:
    """In the forked child: run the build and return its exit code."""
    out = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = list(request["argv"])
    sys.path[0] = request["cwd"]  # as `python -m` does
    code = 0
    try:
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else (0 if end.code is None else 1)
        if not isinstance(end.code, int | None):
            print(end.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - reported like Python reports it, exit 1
        traceback.print_exc()
        code = 1
    if request.get("list_modules"):
        with open(request["output"] + ".modules", "w", encoding="utf-8") as names:
            names.write("\n".join(_library_modules()))
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _wait(pid: int, timeout: float) -> int:
    """The child's exit code; killed (exit -9) after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        handle = None
    while True:
        if handle is not None:
            select.select([handle], [], [], max(0.0, deadline - time.monotonic()))
        else:
            time.sleep(0.01)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            if handle is not None:
                os.close(handle)
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)


def _preload(names_file: str) -> None:
    try:
        with open(names_file, encoding="utf-8") as names:
            wanted = names.read().split()
    except OSError:
        return
    for name in wanted:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that does not load here loads in the build
            pass


def main() -> int:
    learned = False
    for line in sys.stdin:
        request = json.loads(line)
        request["list_modules"] = not learned
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_run_child(request))
        code = _wait(pid, float(request.get("timeout", 600)))
        if not learned and code == 0:  # a failed build may stop before most imports
            _preload(request["output"] + ".modules")
            learned = True
        sys.stdout.write(json.dumps({"returncode": code}) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
