"""Settings of the build checks: from the environment and the ``checks`` part of the variables.

Environment variables (for CI, tests and benchmarks):

- ``POLICYKIT_CHECKS``: ``off`` switches every check off; a comma list (``links,privacy``)
  runs only those; unset or ``all`` runs all.
- ``POLICYKIT_EXTERNAL_LINKS=1``: also fetch links to other websites (needs internet).
- ``POLICYKIT_TODAY=YYYY-MM-DD``: the date reviews are judged on (default: today).
- ``POLICYKIT_CACHE``: the kit's cache folder, or ``off`` (see :mod:`policykit.cachedir`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_TRUE = {"1", "true", "yes", "on"}


class SettingsError(ValueError):
    """An environment variable has a value the checks cannot use."""


@dataclass(frozen=True)
class CheckSettings:
    """Which checks run and with what options."""

    enabled: frozenset[str]
    today: dt.date
    external_links: bool = False
    external_allow: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    external_timeout: float = 10.0
    # Where the kit's cache is (POLICYKIT_CACHE, XDG_CACHE_HOME): read by policykit.cachedir
    cache: Mapping[str, str] = field(default_factory=dict)

    def on(self, check: str) -> bool:
        return check in self.enabled


def from_environment(env: Mapping[str, str], variables: Mapping[str, Any],
                     checks: Sequence[str], today: dt.date | None = None) -> CheckSettings:
    """Combine the environment with ``variables['checks']``; raise SettingsError on bad values.

    ``checks`` are the names that can be switched (``registry.switchable()``).

    >>> from_environment({"POLICYKIT_CHECKS": "links"}, {}, ("links", "reviews")).enabled
    frozenset({'links'})
    """
    wanted = (env.get("POLICYKIT_CHECKS") or "all").strip().lower()
    if wanted in ("all", ""):
        enabled = frozenset(checks)
    elif wanted in ("off", "none", "0", "false"):
        enabled = frozenset()
    else:
        names = {n.strip() for n in wanted.split(",") if n.strip()}
        unknown = sorted(names - set(checks))
        if unknown:
            raise SettingsError(f"POLICYKIT_CHECKS: unknown check '{unknown[0]}' — use 'off', "
                                f"'all' or a comma list of: {', '.join(checks)}")
        enabled = frozenset(names)
    day = today or dt.date.today()
    if env.get("POLICYKIT_TODAY"):
        try:
            day = dt.date.fromisoformat(env["POLICYKIT_TODAY"].strip())
        except ValueError:
            raise SettingsError(f"POLICYKIT_TODAY: '{env['POLICYKIT_TODAY']}' is not a date "
                                "— write it as YYYY-MM-DD") from None
    options = variables.get("checks") or {}
    external = options.get("external_links", False)
    if "POLICYKIT_EXTERNAL_LINKS" in env:
        external = env["POLICYKIT_EXTERNAL_LINKS"].strip().lower() in _TRUE
    return CheckSettings(
        enabled=enabled, today=day, external_links=bool(external),
        external_allow=tuple(options.get("external_allow") or ()),
        allowed_hosts=tuple(options.get("allowed_hosts") or ()),
        external_timeout=float(options.get("external_timeout") or 10.0),
        cache={k: env[k] for k in ("POLICYKIT_CACHE", "XDG_CACHE_HOME") if k in env},
    )
