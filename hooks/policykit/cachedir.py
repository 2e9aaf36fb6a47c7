"""Where the kit keeps what it can compute again: one folder per machine and user, never in
the repository.

A file in the repository comes with a pull request, so a cache there could be written by
anyone who can open one (a saved "no findings", or compiled code). The folder is
``$XDG_CACHE_HOME/policykit`` (``~/.cache/policykit``), or the one ``POLICYKIT_CACHE``
names; ``POLICYKIT_CACHE=off`` keeps nothing. Being per machine, the results serve every
clone: a fresh clone in CI whose runner keeps ``~/.cache`` builds as fast as the last build.
A folder that cannot be made, or that is not the user's own, means no cache — never a failed
build.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

OFF = ("off", "0", "false", "no")


def cache_base(env: Mapping[str, str]) -> Path | None:
    """The kit's cache folder, or None when caching is off.

    >>> cache_base({"POLICYKIT_CACHE": "off"}) is None
    True
    >>> str(cache_base({"XDG_CACHE_HOME": "/c"})), str(cache_base({"POLICYKIT_CACHE": "/t"}))
    ('/c/policykit', '/t')
    """
    chosen = env.get("POLICYKIT_CACHE", "").strip()
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path("~/.cache").expanduser())
    return Path(base) / "policykit"


def cache_dir(env: Mapping[str, str], kind: str) -> Path | None:
    """``<cache>/<kind>``, made if needed; None when off, not makeable or not the user's own."""
    base = cache_base(env)
    if base is None:
        return None
    folder = base / kind
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=stat.S_IRWXU)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()) \
            or not os.access(folder, os.W_OK):
        return None
    return folder
