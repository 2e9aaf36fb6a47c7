"""MkDocs hook: topic coverage and reviews, checked on the sources, and the Coverage page.

Adapter only; the work happens in ``policykit.checks.coverage``, ``policykit.checks.reviews``,
``policykit.checks.placeholders`` (unused variables) and ``policykit.output.coveragepage``.

- ``on_config``: read the pages' front matter once per build (not again in the per-language
  builds of mkdocs-static-i18n), stop when a page lacks a published language, log coverage,
  review and citation findings (``policykit.checks.citations``), write the Coverage page
  of every published language to a temporary folder and add it to the navigation.
- ``on_files`` (before static-i18n): announce ``coverage.<lang>.md`` as a page.
- ``on_pre_page``: point that page at the generated Markdown before MkDocs reads it.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from policykit.checks import (
    citations,  # noqa: E402
    coverage,  # noqa: E402
    placeholders,  # noqa: E402
    reviews,  # noqa: E402
    translations,  # noqa: E402
)
from policykit.findings import Finding  # noqa: E402
from policykit.output import coveragepage  # noqa: E402
from policykit.project import Project  # noqa: E402
from policykit.report import CURRENT as REPORT  # noqa: E402
from policykit.report import by_place  # noqa: E402
from policykit.settings import SettingsError, from_environment  # noqa: E402
from policykit.sources.legalsources import load_legal_sources  # noqa: E402
from policykit.sources.pages import switched_off_pages  # noqa: E402
from policykit.sources.sourcepages import load_pages  # noqa: E402

LOGGERS = {name: logging.getLogger(f"mkdocs.plugins.policykit.{name}")
           for name in ("coverage", "reviews", "placeholders", "sources")}
_state: dict = {"folder": None, "languages": []}


def _nested(config) -> bool:
    """True inside the per-language builds that mkdocs-static-i18n runs after the first one."""
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


@event_priority(50)  # after policy_setup (100) has validated the variables
def on_config(config):
    if _nested(config):
        if _state.get("strict"):
            config.strict = False  # policy_setup turned it on again; see on_post_build
        return config
    _state.pop("strict", None)
    project = Project(Path(config.config_file_path).resolve().parent)
    variables = project.load_variables()
    data = variables.data
    try:
        settings = from_environment(os.environ, data)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    REPORT.reset(data["organisation"]["legal_name"], settings.today, sorted(settings.enabled))
    docs_dir = Path(config.docs_dir)
    for existing in sorted(docs_dir.glob(f"{coveragepage.PAGE_NAME}*.md")):
        raise PluginError(f"docs/{existing.name}: the Coverage page is generated on every build "
                          "— rename or remove this file")
    off, _ = switched_off_pages(docs_dir, data["flags"])
    languages = list(data["languages"]["published"])
    pages = load_pages(docs_dir, data["languages"]["default"], languages, off)
    missing = translations.missing_translations(pages, languages, data["languages"]["default"])
    if missing:  # not switchable: without it the other language's build breaks in many places
        raise PluginError("\n".join(str(f) for f in sorted(missing, key=by_place)))

    started = time.perf_counter()
    line_of = variables.document.key_line
    result = coverage.evaluate(coverage.load_kit_topics(), pages, data, line_of)
    covered = time.perf_counter()
    rows, review_findings = reviews.evaluate(pages, data, settings.today, line_of)
    reviewed = time.perf_counter()
    every_page = load_pages(docs_dir, data["languages"]["default"], languages)  # flags off too
    cited = citations.check_citations(every_page, load_legal_sources(), settings.today)
    checked_sources = time.perf_counter()
    unused = placeholders.unused_variables(data, placeholders.used_variables(
        [p.source for p in pages] + _snippets(docs_dir)))
    _report("coverage", result.findings, settings.on("coverage"), covered - started,
            topics=len(result.rows), pages=len(pages))
    _report("reviews", review_findings, settings.on("reviews"), reviewed - covered,
            pages=len(pages))
    _report("sources", cited, settings.on("sources"), checked_sources - reviewed,
            pages=len(every_page))
    if settings.on("placeholders") and unused:
        LOGGERS["placeholders"].info(
            "variables no page uses (not an error): " + ", ".join(unused))
    policy_status = reviews.policy_status(data, settings.today)
    REPORT.details["coverage"] = {
        row.topic.id: {"state": row.state, "reason": row.reason,
                       "pages": {lang: [p.path for p in ps] for lang, ps in row.pages.items()}}
        for row in result.rows}
    REPORT.details["reviews"] = [
        {"page": r.page.path, "owner": r.owner, "last_reviewed": r.last_reviewed,
         "due": r.due, "status": r.status} for r in rows]
    REPORT.details["unused_variables"] = unused

    folder = _folder()
    for lang in languages:
        markdown = coveragepage.render(result, rows, unused, lang, settings.today,
                                       data["policy"]["next_review"], policy_status,
                                       "" if lang == data["languages"]["default"] else "../")
        (folder / f"{coveragepage.PAGE_NAME}.{lang}.md").write_text(markdown, encoding="utf-8")
    _state["languages"] = languages
    entry = f"{coveragepage.PAGE_NAME}.md"
    if config.nav is not None and entry not in config.nav:
        config.nav.append(entry)
    return config


@event_priority(-50)  # before mkdocs-static-i18n (-100) builds the other languages
def on_post_build(config):
    """Let the per-language builds report their warnings instead of aborting on the first.

    A nested build in strict mode stops with "Aborted with N warnings" before the site-wide
    checks of ``check_site`` (-200) could run. The first build's warning counter sees every
    warning of the nested builds too, so strict mode still fails the build at its very end.
    """
    if not _nested(config) and config.strict:
        config.strict = False
        _state["strict"] = True


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files per language
def on_files(files, config):
    for lang in _state["languages"]:
        uri = f"{coveragepage.PAGE_NAME}.{lang}.md"
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_pre_page(page, config, files):
    name = Path(page.file.src_uri).name
    if page.file.src_uri == name and name.startswith(f"{coveragepage.PAGE_NAME}.") \
            and _state["folder"] is not None:
        page.file.abs_src_path = str(_state["folder"] / name)
    return page


def _report(check: str, findings: list[Finding], enabled: bool, seconds: float,
            **checked: int) -> None:
    if not enabled:
        return
    REPORT.add(check, findings, seconds, **checked)
    for finding in sorted(findings, key=by_place):
        if finding.severity == "error":
            LOGGERS[check].warning(str(finding))
        else:
            LOGGERS[check].info(f"warning, not failing yet: {finding}")


def _snippets(docs_dir: Path) -> list[str]:
    folder = docs_dir / "_snippets"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))] \
        if folder.is_dir() else []


def _folder() -> Path:
    if _state["folder"] is None:
        _state["folder"] = Path(tempfile.mkdtemp(prefix="policykit-coverage-"))
        atexit.register(shutil.rmtree, _state["folder"], True)
    return _state["folder"]
