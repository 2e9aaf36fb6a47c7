"""MkDocs hook: "Edit this page" on every page, and the web editor at ``admin/`` when it is on.

Adapter only; the work happens in ``policykit.sources.editing`` (the settings),
``policykit.output.editlinks`` (the addresses) and ``policykit.output.editorconfig`` (Decap's
configuration and page).

- ``on_config``: read ``editing`` from the variables; stop on a wrong repository address, or
  when the editor is on but its bundle is not installed (``make editor-install``).
- ``on_page_context``: the page's ``edit_url``: its own source file (``name.en.md`` for an
  English page) in the Git host's web editor. Without a repository there is none, so the
  theme shows no button.
- ``on_post_build`` at priority -300, after every language is built and checked: write
  ``admin/`` (the page, ``config.yml`` and the vendored Decap bundle). The editor is the kit's
  own generated tool, not a policy page, so the site checks do not scan it.

``POLICYKIT_EDITOR_BACKEND`` (set by ``make editor`` and the tests) switches the editor on
with Decap's local backend at that address, whatever the variables say.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402  (aliased to properdocs under ProperDocs)
from mkdocs.plugins import event_priority  # noqa: E402
from policykit.checks.coverage import load_kit_topics, organisation_topics  # noqa: E402
from policykit.findings import Finding, format_findings  # noqa: E402
from policykit.output.editlinks import edit_url  # noqa: E402
from policykit.output.editorconfig import (  # noqa: E402
    ADMIN_DIR,
    BUNDLE_DIR,
    BUNDLE_SCRIPT,
    admin_page,
    config_yaml,
    decap_config,
    menu_sections,
    page_titles,
)
from policykit.project import Project  # noqa: E402
from policykit.sources.editing import editing_from_variables  # noqa: E402
from policykit.sources.variables import load_schema  # noqa: E402

LOCAL_BACKEND = "POLICYKIT_EDITOR_BACKEND"
_state: dict = {}


def _nested(config) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


@event_priority(30)
def on_config(config):
    if _nested(config):
        return config
    project = Project(Path(config.config_file_path).resolve().parent)
    variables = project.load_variables()  # validated by policy_setup
    local = os.environ.get(LOCAL_BACKEND, "").strip() or None
    editing, findings = editing_from_variables(variables.data, variables.path,
                                               variables.document.key_line, local=bool(local))
    bundle = project.root / BUNDLE_DIR
    if editing.web_editor and not (bundle / BUNDLE_SCRIPT).is_file():
        findings.append(Finding(
            variables.path, variables.document.key_line(("editing", "web_editor")),
            f"the web editor is on, but it is not installed ({BUNDLE_DIR}/{BUNDLE_SCRIPT})",
            "run `make editor-install` once (needs npm and the npm registry)", check="variables"))
    if findings:
        raise PluginError(format_findings(findings))
    _state.clear()
    _state.update(project=project, editing=editing, local=local, nav=config.nav,
                  docs_dir=Path(config.docs_dir), data=variables.data,
                  line_of=variables.document.line_of)
    return config


def on_page_context(context, page, config, nav):
    repository = _state.get("editing") and _state["editing"].repository
    if repository and page.file.abs_src_path:
        source = _state["project"].display(Path(page.file.abs_src_path))
        page.edit_url = edit_url(repository, source)
    return context


@event_priority(-300)
def on_post_build(config):
    if _nested(config) or not _state.get("editing") or not _state["editing"].web_editor:
        return
    project: Project = _state["project"]
    data = _state["data"]
    languages = data["languages"]
    default = languages["default"]
    sections = menu_sections(_state["nav"], data["organisation"]["trade_name"])
    settings = decap_config(
        sections=sections,
        titles=page_titles(_state["docs_dir"], [p for s in sections for p in s.pages],
                           languages["published"]),
        editing=_state["editing"], languages=languages["published"], default=default,
        topics=[{"id": topic.id, "title": topic.title} for topic in
                [*load_kit_topics(), *organisation_topics(data, _state["line_of"])]],
        contacts=data["contacts"],
        flags=list(data["flags"]), schema=load_schema(project.schema_path),
        people=project.people_path.is_file(), local_backend=_state["local"])
    admin = Path(config.site_dir) / ADMIN_DIR
    if admin.exists():
        shutil.rmtree(admin)
    shutil.copytree(project.root / BUNDLE_DIR, admin)
    (admin / "VERSION").unlink(missing_ok=True)
    (admin / "config.yml").write_text(config_yaml(settings), encoding="utf-8")
    (admin / "index.html").write_text(
        admin_page(data["policy"]["title"], default, data["organisation"]["trade_name"]),
        encoding="utf-8")
