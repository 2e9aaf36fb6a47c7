"""Compiled theme templates kept between builds (about a tenth of a build's time).

MkDocs compiles every theme template anew for each build and each language. Jinja can keep
the compiled code on disk; this cache keys it by the template's name and the checksum of its
source, so an edited ``overrides/`` template is compiled again and copies of the kit in other
folders share one entry.

The files hold Python code objects, so they never live in the repository (a pull request could
commit one): the folder is ``$XDG_CACHE_HOME/policykit/templates`` (``~/.cache/…``), or the
folder named in ``POLICYKIT_TEMPLATE_CACHE``; ``POLICYKIT_TEMPLATE_CACHE=off`` compiles every
time. A folder that cannot be made or written means no cache, never a failed build.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from hashlib import sha256
from pathlib import Path

from jinja2.bccache import Bucket, FileSystemBytecodeCache

OFF = ("off", "0", "false", "no")


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by template name and source instead of name and path."""

    def get_bucket(self, environment, name: str, filename: str | None, source: str) -> Bucket:
        key = sha256(f"{name}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full disk or a read-only home: the next build compiles again
            pass


def cache_folder(env: Mapping[str, str]) -> Path | None:
    """Where compiled templates go, or None when the cache is off.

    >>> cache_folder({"POLICYKIT_TEMPLATE_CACHE": "off"}) is None
    True
    >>> str(cache_folder({"XDG_CACHE_HOME": "/c"}))
    '/c/policykit/templates'
    >>> str(cache_folder({"POLICYKIT_TEMPLATE_CACHE": "/tmp/t", "XDG_CACHE_HOME": "/c"}))
    '/tmp/t'
    """
    chosen = env.get("POLICYKIT_TEMPLATE_CACHE", "").strip()
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path("~/.cache").expanduser())
    return Path(base) / "policykit" / "templates"


def template_cache(env: Mapping[str, str]) -> TemplateCache | None:
    """The cache for this build, or None (off, or its folder cannot be made or is not ours)."""
    folder = cache_folder(env)
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=stat.S_IRWXU)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()) \
            or not os.access(folder, os.W_OK):
        return None  # someone else's folder could hand us code: compile instead
    return TemplateCache(str(folder))
