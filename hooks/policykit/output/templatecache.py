"""Compiled theme templates kept between builds (about a tenth of a build's time).

MkDocs compiles every theme template anew for each build and each language. Jinja can keep
the compiled code on disk; this cache keys it by the template's name and the checksum of its
source, so an edited ``overrides/`` template is compiled again and copies of the kit in other
folders share one entry.

The files hold Python code objects, so they never live in the repository (a pull request could
commit one): they go in ``templates/`` of the kit's cache folder (:mod:`policykit.cachedir`;
``POLICYKIT_CACHE=off`` compiles every time).
"""

from __future__ import annotations

from collections.abc import Mapping
from hashlib import sha256

from jinja2.bccache import Bucket, FileSystemBytecodeCache

from policykit.cachedir import cache_dir


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by template name and source instead of name and path."""

    def get_bucket(self, environment, name: str, filename: str | None, source: str) -> Bucket:
        key = sha256(f"{name}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a cut-off or damaged file: compile anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full disk or a read-only home: the next build compiles again
            pass


def template_cache(env: Mapping[str, str]) -> TemplateCache | None:
    """The cache for this build (``<cache>/templates``, see :mod:`policykit.cachedir`), or None.

    >>> template_cache({"POLICYKIT_CACHE": "off"}) is None
    True
    """
    folder = cache_dir(env, "templates")
    return TemplateCache(str(folder)) if folder is not None else None
