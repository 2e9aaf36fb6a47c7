"""Copier, made to compile each path template once (``make new-org``, ``make update-kit``).

Copier renders every part of every file name of the kit as a Jinja template, several times
per file and three times per update (old version, new version, the organisation's). It
compiles the template anew each time (and the answers file's name once per path part): about
a quarter of an update's time. :func:`compile_once` keeps each compiled template for the run;
rendering still happens every time, with copier's own context, so what copier writes does not
change. Copier versions without these methods are left as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def compile_once(copier_module: Any) -> None:
    """Wrap ``copier``'s ``Worker._render_string`` to reuse compiled templates (once).

    >>> import types, jinja2
    >>> class Worker:
    ...     jinja_env = jinja2.Environment()
    ...     def _render_context(self): return {"name": "kit"}
    ...     def _render_string(self, string, extra_context=None): raise AssertionError
    >>> copier = types.SimpleNamespace(_main=types.SimpleNamespace(Worker=Worker))
    >>> compile_once(copier); compile_once(copier)
    >>> worker = Worker()
    >>> worker._render_string("{{ name }}/docs"), worker._render_string("{{ name }}/docs")
    ('kit/docs', 'kit/docs')
    >>> len(worker._policykit_compiled)
    1
    """
    worker = getattr(getattr(copier_module, "_main", None), "Worker", None)
    original = getattr(worker, "_render_string", None)
    if original is None or getattr(original, "compiles_once", False):
        return

    def render_string(self: Any, string: str, extra_context: dict | None = None) -> str:
        return _compiled(self, string).render(**self._render_context(), **(extra_context or {}))

    render_string.compiles_once = True  # type: ignore[attr-defined]
    render_string.__doc__ = original.__doc__
    worker._render_string = render_string
    if isinstance(worker.__dict__.get("answers_relpath"), property):
        worker.answers_relpath = property(_answers_relpath, doc=worker.answers_relpath.__doc__)


def _compiled(worker: Any, source: str) -> Any:
    """The worker's compiled template of ``source``, compiled on first use."""
    compiled = worker.__dict__.setdefault("_policykit_compiled", {})
    template = compiled.get(source)
    if template is None:
        template = compiled[source] = worker.jinja_env.from_string(source)
    return template


def _answers_relpath(self: Any) -> Path:
    """Copier 9's ``Worker.answers_relpath``, with the template compiled once."""
    path = self.answers_file or self.template.answers_relpath
    context = self._render_context()
    context["_copier_conf"]["answers_file"] = ""  # as copier does: no recursion in hooks
    return Path(_compiled(self, str(path)).render(**context))
