"""MkDocs hook: put the organisation's own pages (``docs/local/``) in the navigation.

Adapter only; ``policykit.sources.localpages`` finds the pages and the titles of their sub-folders.
Runs first (it makes the build context, ``engine.context``), before ``policy_setup``, so
that a local page with an ``only_if`` flag that is off is left out like any other page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402  (aliased to properdocs under ProperDocs)
from policykit.sources.localpages import (  # noqa: E402
    folder_titles,
    local_pages,
    menu_translations,
    with_local_pages,
)


@event_priority(110)
def on_config(config):
    ctx = engine.context(config)
    docs = ctx.docs_dir
    default = ctx.default_language
    titles = folder_titles(docs, ctx.languages, default)
    config.nav = with_local_pages(
        config.nav, local_pages(docs),
        folder_titles={folder: t[default] for folder, t in titles.items() if default in t})
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n else ():
        if language.locale != default:
            language.nav_translations = {**(language.nav_translations or {}),
                                         **menu_translations(titles, default, language.locale)}
    return config
