"""MkDocs hook: "Edit this page" on every page, and the web editor at ``admin/`` when it is on.

Adapter only; the settings come from the build context (``ctx.editing``, checked by the
``editing`` check of the variables phase), the addresses from ``policykit.output.editlinks``,
Decap's configuration and page from ``policykit.output.editorconfig``.

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

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from policykit.checks.coverage import load_kit_topics, organisation_topics  # noqa: E402
from policykit.output.editlinks import edit_url  # noqa: E402
from policykit.output.editorconfig import (  # noqa: E402
    ADMIN_DIR,
    BUNDLE_DIR,
    admin_page,
    config_yaml,
    decap_config,
    menu_sections,
    page_titles,
)
from policykit.sources.variables import load_schema  # noqa: E402

_nav: dict = {}


@event_priority(30)  # after local_pages and policy_setup have settled the navigation
def on_config(config):
    if not engine.nested(config):
        _nav["nav"] = config.nav
    return config


def on_page_context(context, page, config, nav):
    ctx = engine.context(config)
    repository = ctx.editing[0].repository
    if repository and page.file.abs_src_path:
        page.edit_url = edit_url(repository, ctx.project.display(Path(page.file.abs_src_path)))
    return context


@event_priority(-300)
def on_post_build(config):
    ctx = engine.context(config)
    editing, findings = ctx.editing
    if engine.nested(config) or not editing.web_editor or findings:
        return  # off, or the editing check has reported why it cannot be built
    data, root = ctx.data, ctx.project.root
    sections = menu_sections(_nav.get("nav") or config.nav, data["organisation"]["trade_name"])
    settings = decap_config(
        sections=sections,
        titles=page_titles(ctx.docs_dir, [p for s in sections for p in s.pages], ctx.languages),
        editing=editing, languages=ctx.languages, default=ctx.default_language,
        topics=[{"id": topic.id, "title": topic.title} for topic in
                [*load_kit_topics(), *organisation_topics(data, ctx.variables.document.line_of)]],
        contacts=data["contacts"], flags=list(data["flags"]),
        schema=load_schema(ctx.project.schema_path), people=ctx.project.people_path.is_file(),
        local_backend=ctx.editor_backend)
    admin = Path(config.site_dir) / ADMIN_DIR
    shutil.rmtree(admin, ignore_errors=True)
    shutil.copytree(root / BUNDLE_DIR, admin, ignore=shutil.ignore_patterns("VERSION"))
    (admin / "config.yml").write_text(config_yaml(settings), encoding="utf-8")
    (admin / "index.html").write_text(
        admin_page(data["policy"]["title"], ctx.default_language,
                   data["organisation"]["trade_name"]), encoding="utf-8")
