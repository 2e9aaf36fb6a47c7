"""MkDocs hook: show on every page when it last changed (from git); check the version list.

Adapter only; ``policykit.sources.gitdates`` reads the dates with one ``git log`` per build. The date
goes into ``page.meta.revision_date``, which Material shows under the page content. Without
git history (a download, a shallow CI clone) the build still succeeds: the reason is logged
at INFO level, which never fails ``--strict``. Contradictions in ``policy.history`` (a version
listed twice, the current version missing) are content problems: warnings.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from policykit.output.changelog import check_history  # noqa: E402
from policykit.project import Project  # noqa: E402
from policykit.sources.gitdates import History, last_changed_html, read_history  # noqa: E402
from policykit.text import language_of  # noqa: E402

log = logging.getLogger("mkdocs.plugins.policykit.sources.gitdates")

# One reading per build: mkdocs-static-i18n runs the build events again for each language
# on the same config object, so the dates are kept for as long as that object is in use.
_cache: dict[str, object] = {"config": None, "history": History()}


def on_config(config):
    if _cache["config"] is not config:
        history = read_history(Path(config.docs_dir))
        if history.note:
            log.info("page dates: %s", history.note)
        _cache.update(config=config, history=history)
        _check_versions(config)
    return config


def _check_versions(config) -> None:
    """Report contradictions in ``policy.history`` (the "What changed" page is built from it)."""
    project = Project(Path(config.config_file_path).resolve().parent)
    variables = project.load_variables()  # already validated (and cached) by policy_setup
    for finding in check_history(variables.data["policy"], variables.path,
                                 variables.document.line_of):
        log.warning(str(finding))


def on_page_markdown(markdown, page, config, files):
    history: History = _cache["history"]  # type: ignore[assignment]
    when = history.get(page.file.src_uri)
    if when is not None:
        default = config.theme.get("language") or "nl"
        page.meta["revision_date"] = last_changed_html(
            when, language_of(page.file.src_uri, default))
    return markdown
