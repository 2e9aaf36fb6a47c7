"""Compiled templates kept between builds: the theme's and the pages' (together about a sixth
of a build's time).

MkDocs compiles every theme template anew for each build and each language, and mkdocs-macros
compiles every page. Jinja can keep the compiled code on disk; this cache keys it by the
template's name, its source and what else shapes the code (:func:`code_options`: a sandbox
compiles calls differently), so an edited page or ``overrides/`` template is compiled again
and copies of the kit in other folders share one entry.

The files hold Python code objects, so they never live in the repository (a pull request could
commit one): they go in ``templates/`` of the kit's cache folder (:mod:`policykit.cachedir`;
``POLICYKIT_CACHE=off`` compiles every time).
"""

from __future__ import annotations

from collections.abc import Mapping
from hashlib import sha256
from types import CodeType

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from policykit.cachedir import cache_dir


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by template name and source instead of name and path."""

    def get_bucket(self, environment, name: str, filename: str | None, source: str) -> Bucket:
        key = sha256(f"{code_options(environment)}\0{name}\0{source}".encode(
            "utf-8", "surrogatepass")).hexdigest()
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


def code_options(environment: Environment) -> str:
    """Everything but the name and source that Jinja's compiled code depends on.

    >>> from jinja2.sandbox import SandboxedEnvironment
    >>> code_options(Environment()) == code_options(SandboxedEnvironment())
    False
    >>> code_options(Environment()) == code_options(Environment(variable_start_string="[["))
    False
    """
    finalize = environment.finalize
    autoescape = environment.autoescape
    return repr((
        type(environment).__module__, type(environment).__qualname__, environment.sandboxed,
        sorted(getattr(environment, "intercepted_binops", ())),
        sorted(getattr(environment, "intercepted_unops", ())),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, sorted(environment.extensions),
        finalize is not None, getattr(finalize, "jinja_pass_arg", None),
        "callable" if callable(autoescape) else autoescape))


def compile_cached(environment: Environment, source: str, name: str = "<page>") -> CodeType:
    """``environment.compile(source)``, through the environment's cache when it has one
    (a template given as text, as mkdocs-macros gives each page). A syntax error is raised
    as Jinja raises it, and nothing is kept."""
    cache = environment.bytecode_cache
    if cache is None:
        return environment.compile(source)
    bucket = cache.get_bucket(environment, name, None, source)
    if bucket.code is None:
        bucket.code = environment.compile(source)
        cache.set_bucket(bucket)
    return bucket.code


def template_cache(env: Mapping[str, str]) -> TemplateCache | None:
    """The cache for this build (``<cache>/templates``, see :mod:`policykit.cachedir`), or None.

    >>> template_cache({"POLICYKIT_CACHE": "off"}) is None
    True
    """
    folder = cache_dir(env, "templates")
    return TemplateCache(str(folder)) if folder is not None else None
