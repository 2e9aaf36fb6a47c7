"""MkDocs hook: put the organisation's own pages (``docs/local/``) in the navigation.

Adapter only; ``policykit.sources.localpages`` finds the pages and the titles of their sub-folders.
Runs before ``policy_setup`` so that a local page with an ``only_if`` flag that is off is left
out like any other page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.plugins import event_priority  # noqa: E402  (aliased to properdocs under ProperDocs)
from policykit.project import Project  # noqa: E402
from policykit.sources.localpages import (  # noqa: E402
    folder_titles,
    local_pages,
    menu_translations,
    with_local_pages,
)
from policykit.sources.variables import VariablesError  # noqa: E402


@event_priority(110)
def on_config(config):
    docs = Path(config.docs_dir)
    try:
        languages = Project(Path(config.config_file_path).resolve().parent) \
            .load_variables().data["languages"]
    except VariablesError:  # policy_setup reports it and stops the build
        config.nav = with_local_pages(config.nav, local_pages(docs))
        return config
    default = languages["default"]
    titles = folder_titles(docs, languages["published"], default)
    config.nav = with_local_pages(
        config.nav, local_pages(docs),
        folder_titles={folder: t[default] for folder, t in titles.items() if default in t})
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n else ():
        if language.locale != default:
            language.nav_translations = {**(language.nav_translations or {}),
                                         **menu_translations(titles, default, language.locale)}
    return config
