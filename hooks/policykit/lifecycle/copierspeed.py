"""Copier, made to do each path's work once (``make new-org``, ``make update-kit``).

Copier renders every part of every file name of the kit as a Jinja template, several times
per file and three times per update (old version, new version, the organisation's). It
compiles the template anew each time, builds its full render context for each part (also for
the answers file's name), and asks git for ``core.fileMode`` once per file copied. Together
that was about half of a ``make new-org``. :func:`speed_up` makes copier:

- return a name part without any Jinja in it as it is (what rendering it gives), without
  building the context;
- compile every other part once per run and render it with copier's own context each time;
- read ``core.fileMode`` once per run (copier only acts when it is ``false``).

What copier writes does not change. Copier versions without these methods are left as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment

from policykit.gitrun import GitError, run_git


def speed_up(copier_module: Any) -> None:
    """Wrap ``copier``'s ``Worker`` methods named above (once; a second call does nothing).

    >>> import types, jinja2
    >>> class Worker:
    ...     jinja_env = jinja2.Environment()
    ...     def _render_context(self): return {"name": "kit"}
    ...     def _render_string(self, string, extra_context=None): raise AssertionError
    >>> copier = types.SimpleNamespace(_main=types.SimpleNamespace(Worker=Worker))
    >>> speed_up(copier); speed_up(copier)
    >>> worker = Worker()
    >>> worker._render_string("{{ name }}/docs"), worker._render_string("{{ name }}/docs")
    ('kit/docs', 'kit/docs')
    >>> worker._render_string("index.nl.md"), len(worker._policykit_compiled)
    ('index.nl.md', 1)
    """
    worker = getattr(getattr(copier_module, "_main", None), "Worker", None)
    original = getattr(worker, "_render_string", None)
    if original is None or getattr(original, "sped_up", False):
        return

    def render_string(self: Any, string: str, extra_context: dict | None = None) -> str:
        _reset_extensions(self.jinja_env)
        if is_plain(self.jinja_env, string):
            return string
        return _compiled(self, string).render(**self._render_context(), **(extra_context or {}))

    render_string.sped_up = True  # type: ignore[attr-defined]
    render_string.__doc__ = original.__doc__
    worker._render_string = render_string
    if isinstance(worker.__dict__.get("answers_relpath"), property):
        worker.answers_relpath = property(_answers_relpath, doc=worker.answers_relpath.__doc__)
    sync = worker.__dict__.get("_sync_git_index_executable_bit")
    if callable(sync):
        worker._sync_git_index_executable_bit = _sync_only_without_file_mode(sync)


def is_plain(environment: Environment, source: str) -> bool:
    """True when ``source`` holds nothing Jinja would read, so rendering gives it back as it is.

    >>> env = Environment()
    >>> is_plain(env, "policy"), is_plain(env, "{{ name }}"), is_plain(env, "a {# b #}")
    (True, False, False)
    >>> is_plain(env, "two\\nlines")  # Jinja may change line ends and the last newline
    False
    """
    if "\n" in source or "\r" in source:
        return False
    markers = (environment.block_start_string, environment.variable_start_string,
               environment.comment_start_string, environment.line_statement_prefix,
               environment.line_comment_prefix)
    return not any(marker and marker in source for marker in markers)


def _reset_extensions(environment: Environment) -> None:
    """What compiling does first: extensions reset their state (copier's ``{% yield %}``)."""
    for extension in environment.extensions.values():
        extension.preprocess("", None)


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
    if is_plain(self.jinja_env, str(path)):
        return Path(str(path))
    context = self._render_context()
    context["_copier_conf"]["answers_file"] = ""  # as copier does: no recursion in hooks
    return Path(_compiled(self, str(path)).render(**context))


def _sync_only_without_file_mode(sync: Any) -> Any:
    """Copier's ``_sync_git_index_executable_bit``, run only when ``core.fileMode`` is false.

    Copier asks git for the setting for every file and does nothing unless it is ``false``;
    this asks once per destination and run."""
    def synced(self: Any, dst_relpath: Path, src_mode: int) -> None:
        answers = self.__dict__.setdefault("_policykit_file_mode", {})
        root = str(self.subproject.local_abspath)
        if root not in answers:
            answers[root] = _file_mode_is_false(Path(root))
        if answers[root]:
            sync(self, dst_relpath, src_mode)

    synced.__doc__ = sync.__doc__
    return synced


def _file_mode_is_false(root: Path) -> bool:
    """Whether git's ``core.fileMode`` is false for ``root`` (unset or no repository: no)."""
    try:
        return run_git(("config", "--type=bool", "--get", "core.fileMode"), root).strip() \
            == "false"
    except GitError:
        return False
