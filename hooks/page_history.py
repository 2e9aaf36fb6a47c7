"""MkDocs hook: show on every page when it last changed (from git).

Adapter only; ``policykit.sources.gitdates`` reads the dates with one ``git log`` per build
(kept in the build context). The date goes into ``page.meta.revision_date``, which Material
shows under the page content. Without git history (a download, a shallow CI clone) the build
still succeeds: the reason is logged at INFO level, which never fails ``--strict``. The
contradictions in ``policy.history`` are checked by the ``history`` check (variables phase).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from policykit.sources.gitdates import last_changed_html  # noqa: E402
from policykit.text import language_of  # noqa: E402


def on_config(config):
    if not engine.nested(config):
        note = engine.context(config).page_dates.explained()
        if note:
            engine.context(config).emitter.note("dates", note)
    return config


def on_page_markdown(markdown, page, config, files):
    ctx = engine.context(config)
    when = ctx.page_dates.get(page.file.src_uri)
    if when is not None:
        page.meta["revision_date"] = last_changed_html(
            when, language_of(page.file.src_uri,
                              config.theme.get("language") or ctx.default_language))
    return markdown
