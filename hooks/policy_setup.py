"""MkDocs hook: check the variables and set the build up for this organisation.

Adapter only; the work happens in ``policykit``. On ``on_config`` it
- makes ``--strict`` independent of ``-q`` (MkDocs 1.6 drops warnings before counting them),
- validates ``variables/company.yml`` and stops the build with every finding,
- publishes the organisation's languages (default first) through mkdocs-static-i18n,
- leaves out pages whose ``only_if`` flag is off, from files and navigation.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402  (aliased to properdocs under ProperDocs)
from mkdocs.plugins import event_priority  # noqa: E402
from policykit.findings import format_findings  # noqa: E402
from policykit.names import name_in  # noqa: E402
from policykit.project import Project  # noqa: E402
from policykit.sources.pages import base_name, prune_nav, switched_off_pages  # noqa: E402
from policykit.sources.variables import VariablesError  # noqa: E402
from policykit.text import literal, long_date, pick  # noqa: E402

log = logging.getLogger("mkdocs.plugins.policykit")
_switched_off: set[str] = set()


def _keep_warnings_countable() -> None:
    """Let warnings reach the strict-mode counter even with ``-q``; keep the console quiet."""
    for name in ("mkdocs", "properdocs"):
        logger = logging.getLogger(name)
        if logger.level > logging.WARNING:
            for handler in logger.handlers:
                if type(handler).__name__ != "CountHandler":  # the strict-mode counter
                    handler.setLevel(max(handler.level, logger.level))
            logger.setLevel(logging.WARNING)


@event_priority(100)
def on_config(config):
    _keep_warnings_countable()
    config.strict = True
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        variables = project.load_variables()
    except VariablesError as error:
        raise PluginError(
            f"{project.display(project.variables_path)} has {len(error.findings)} problem(s):\n"
            + format_findings(error.findings)) from None
    data = variables.data
    _configure_languages(config, data)
    config.extra["policykit"] = _theme_values(data)

    off, findings = switched_off_pages(Path(config.docs_dir), data["flags"])
    if findings:
        raise PluginError(format_findings(findings))
    _switched_off.clear()
    _switched_off.update(off)
    if config.nav:
        config.nav = prune_nav(config.nav, off)
    return config


def on_pre_build(config):
    """Only the default language writes the site-wide ``404.html`` (the others would overwrite it)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    if i18n.current_language in (None, i18n.default_language):
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")


def on_files(files, config):
    for file in list(files):
        if file.is_documentation_page() and base_name(file.src_uri) in _switched_off:
            files.remove(file)
    return files


def _configure_languages(config, data) -> None:
    """Build the published languages only, the organisation's default at the site root."""
    i18n = config.plugins.get("i18n")
    published = data["languages"]["published"]
    default = data["languages"]["default"]
    title = data["policy"]["title"]
    name = data["organisation"]["trade_name"]
    config.theme["language"] = default
    if i18n is None:
        config.site_name = _site_name(title, default, name)
        return
    for language in i18n.config.languages:
        language.build = language.locale in published
        language.default = language.locale == default
        language.link = "/" if language.default else f"/{language.locale}/"
        language.site_name = _site_name(title, language.locale, name, default)
    i18n.config.languages.sort(key=lambda lang: not lang.default)


def _site_name(title, lang: str, name: str, fallback: str = "nl"):
    """``Title · Organisation`` as escaped text (the theme inserts site_name unescaped)."""
    return literal(f"{pick(title, lang, fallback)} · {name}")


def _theme_values(data) -> dict:
    """Values the theme overrides show in header and footer, per language, escaped as text."""
    policy = data["policy"]
    values = {"draft": policy["draft"], "version": literal(policy["version"]),
              "organisation": literal(data["organisation"]["trade_name"]),
              "legal_name": literal(data["organisation"]["legal_name"])}
    default = data["languages"]["default"]
    for lang in ("nl", "en"):
        values[lang] = {
            "title": literal(pick(policy["title"], lang)),
            "owner": literal(name_in(policy["owner_role"], lang, lang).display()),
            "effective": long_date(policy["effective_date"], lang),
            "folder": "" if lang == default else f"{lang}/",  # where this language's pages live
        }
    return values
