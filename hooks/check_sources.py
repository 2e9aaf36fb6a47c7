"""MkDocs hook: the checks of the sources (pages, translations, coverage, reviews) and the
generated Coverage page.

Adapter only; the checks are the ``sources`` phase of ``policykit.checks.registry``, the page
comes from ``policykit.output.coveragepage``.

- ``on_config``: run the source checks once per build (not again in the per-language builds
  of mkdocs-static-i18n); write the Coverage page of every published language to a
  temporary folder and add it to the navigation.
- ``on_files`` (before static-i18n): announce ``coverage.<lang>.md`` as a page.
- ``on_pre_page``: point that page at the generated Markdown before MkDocs reads it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from policykit.checks import language, reviews  # noqa: E402
from policykit.output import coveragepage  # noqa: E402


@event_priority(50)  # after policy_setup (100)
def on_config(config):
    if engine.nested(config):
        return config
    ctx = engine.context(config)
    engine.run_phase(ctx, "sources")
    language.start(ctx)  # beside the build; reported in the site phase
    ctx.report.details.update(coveragepage.report_details(ctx.coverage, ctx.reviews[0],
                                                          ctx.unused_variables))
    _write_coverage_pages(ctx, None)
    entry = f"{coveragepage.PAGE_NAME}.md"
    if config.nav is not None and entry not in config.nav:
        config.nav.append(entry)
    return config


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files per language
def on_files(files, config):
    for lang in engine.context(config).languages:
        uri = f"{coveragepage.PAGE_NAME}.{lang}.md"
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_pre_page(page, config, files):
    name = Path(page.file.src_uri).name
    if page.file.src_uri == name and name.startswith(f"{coveragepage.PAGE_NAME}."):
        ctx = engine.context(config)
        if "language" not in ctx.report.details:  # now with the language figures
            _write_coverage_pages(ctx, language.result(ctx))
        page.file.abs_src_path = str(ctx.generated_dir / name)
    return page


def _write_coverage_pages(ctx, checked) -> None:
    status = reviews.policy_status(ctx.data, ctx.settings.today)
    for lang in ctx.languages:
        markdown = coveragepage.render(ctx.coverage, ctx.reviews[0], ctx.unused_variables, lang,
                                       ctx.settings.today, ctx.data["policy"]["next_review"],
                                       status, "" if lang == ctx.default_language else "../",
                                       checked)
        (ctx.generated_dir / f"{coveragepage.PAGE_NAME}.{lang}.md").write_text(
            markdown, encoding="utf-8")

