"""MkDocs hook: set the build up for this organisation; run the checks of the variables.

Adapter only; the work happens in ``policykit``. On ``on_config`` it
- takes the build context (``engine.context``: variables validated, pages read once),
- runs the ``variables`` phase of the checks (``policykit.checks.registry``),
- publishes the organisation's languages (default first) through mkdocs-static-i18n,
- leaves out pages whose ``only_if`` flag is off, from files and navigation;
- keeps compiled theme templates between builds (``on_env``);
- lists the theme's files without walking its hidden folders (``sources/themefiles.py``).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
import jinja2  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from policykit.dates import long_date  # noqa: E402
from policykit.labels import LANGUAGES, words  # noqa: E402
from policykit.names import name_in  # noqa: E402
from policykit.output.templatecache import template_cache  # noqa: E402
from policykit.sources.localtext import is_local_text  # noqa: E402
from policykit.sources.pages import base_name, prune_nav  # noqa: E402
from policykit.sources.themefiles import visible_templates  # noqa: E402
from policykit.text import literal, pick  # noqa: E402


@event_priority(100)
def on_config(config):
    ctx = engine.context(config)
    if not engine.nested(config):
        engine.run_phase(engine.context(config), "variables")
    data = ctx.data
    _configure_languages(config, data)
    _theme_files_without_hidden_folders(config.theme)
    config.extra["policykit"] = _theme_values(data)
    if config.nav:
        config.nav = prune_nav(config.nav, ctx.switched_off)
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


def on_env(env, config, files):
    """Theme templates compiled once and kept between builds (``output/templatecache.py``)."""
    env.bytecode_cache = template_cache(engine.context(config).settings.cache)
    return env


def on_files(files, config):
    off = engine.context(config).switched_off
    for file in list(files):
        if file.is_documentation_page() and (base_name(file.src_uri) in off
                                             or is_local_text(file.src_uri)):
            files.remove(file)
    return files


def on_page_read_source(page, config):
    """A kit page the organisation replaced (``docs/local/_replace/``) is built from its version."""
    replacement = engine.context(config).local.replaced.get(page.file.src_uri)
    return replacement.source if replacement is not None else None


def _theme_files_without_hidden_folders(theme) -> None:
    """``theme.get_env()`` lists the theme's files without its hidden folders (MkDocs drops
    their files anyway); an engine whose theme or loader is built otherwise keeps its own."""
    original = getattr(theme, "get_env", None)
    if original is None or getattr(original, "skips_hidden_folders", False):
        return

    def get_env():
        env = original()
        if type(env.loader) is jinja2.FileSystemLoader and not env.loader.followlinks:
            env.list_templates = functools.partial(visible_templates, env.loader.searchpath)
        return env

    get_env.skips_hidden_folders = True
    theme.get_env = get_env


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
              "public_body": bool(data["flags"]["public_body"]),  # footer: accessibility statement
              "organisation": literal(data["organisation"]["trade_name"]),
              "legal_name": literal(data["organisation"]["legal_name"])}
    default = data["languages"]["default"]
    for lang in LANGUAGES:
        values[lang] = {
            "title": literal(pick(policy["title"], lang)),
            "owner": literal(name_in(policy["owner_role"], lang, lang).display()),
            "effective": long_date(policy["effective_date"], lang),
            "folder": "" if lang == default else f"{lang}/",  # where this language's pages live
            "words": {key: literal(text) for key, text in words("theme", lang).items()},
        }
    return values
