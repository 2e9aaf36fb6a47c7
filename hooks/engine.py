"""What the MkDocs/ProperDocs hooks share: the running build's context, and its strictness.

Not a hook itself (mkdocs.yml does not list it). The hooks are event wiring only: they take
the :class:`~policykit.context.BuildContext` from :func:`context`, hand inputs to
``policykit.checks.registry.run_phase`` through :func:`run_phase`, and pass what the core
returns to the engine. A :class:`~policykit.emitter.StopBuild` becomes the engine's
``PluginError``; every message is written in ``policykit``.

Strict mode, in one place: MkDocs decides at the start of each ``build()`` whether that build
counts warnings and aborts on them. mkdocs-static-i18n runs a nested ``build()`` per further
language from its ``on_post_build``; had those counted too, the first one with a warning would
abort before the site checks ran. So once the outer build has attached its counter (before any
``on_config``), :func:`context` lifts ``config.strict``: the nested builds report, and the outer
build's counter — which sees every warning of the nested builds as well — fails the build at
its very end.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402  (aliased to properdocs under ProperDocs)
from policykit.checks import registry  # noqa: E402
from policykit.context import BuildContext  # noqa: E402
from policykit.emitter import StopBuild  # noqa: E402
from policykit.findings import Finding  # noqa: E402

# The build in progress: its config object (the same one through the nested builds) and its
# context. A new config (the next `mkdocs serve` rebuild) gets a new context.
_running: list = [None, None]


def nested(config) -> bool:
    """True inside the per-language builds that mkdocs-static-i18n runs after the first one."""
    plugins = getattr(config, "plugins", None) or {}
    return bool(getattr(plugins.get("i18n"), "building", False))


def context(config, config_file: Path | None = None) -> BuildContext:
    """The context of the build ``config`` belongs to, made on first use. (``config_file``
    for engines whose config does not say where it came from, such as Zensical's macros.)"""
    if _running[0] is not config:
        path = getattr(config, "config_file_path", None) or config_file
        docs = getattr(config, "docs_dir", None)
        try:
            made = BuildContext.load(Path(path), Path(docs) if docs else None)
        except StopBuild as error:
            raise PluginError(str(error)) from None
        _keep_warnings_countable()
        if hasattr(config, "strict"):
            config.strict = False  # see the module docstring; the outer build's counter stays
        _running[:] = [config, made]
    return _running[1]


def run_phase(ctx, phase: registry.Phase, *inputs) -> list[Finding]:
    """Run one phase of the checks for this build (``ctx``: its context, or its config);
    findings that stop it become a PluginError."""
    if not isinstance(ctx, BuildContext):
        ctx = context(ctx)
    try:
        return registry.run_phase(ctx, phase, *inputs)
    except StopBuild as error:
        raise PluginError(str(error)) from None


def _keep_warnings_countable() -> None:
    """Let warnings reach the strict-mode counter even with ``-q``; keep the console quiet
    (MkDocs 1.6 drops warnings below the logger's level before counting them)."""
    for name in ("mkdocs", "properdocs"):
        logger = logging.getLogger(name)
        if logger.level > logging.WARNING:
            for handler in logger.handlers:
                if type(handler).__name__ != "CountHandler":  # the strict-mode counter
                    handler.setLevel(max(handler.level, logger.level))
            logger.setLevel(logging.WARNING)
