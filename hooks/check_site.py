"""MkDocs hook: the checks of the built site (links, placeholders, privacy) and the report.

Adapter only; the checks are the ``site`` phase of ``policykit.checks.registry``, run on the
pages ``policykit.checks.builtsite`` collects.

- ``on_config``: while the kit's link check runs, MkDocs' own messages about the same links
  drop to INFO (they would repeat ours without a line or a fix).
- ``on_post_page`` (every language): hand the final HTML of each page to the collector once,
  with the Markdown source it came from.
- ``on_post_build`` at priority -200: mkdocs-static-i18n builds the other languages from its
  own ``on_post_build`` (-100), so only now does the complete site exist. Run the site checks
  (strict mode then fails the build) and write ``policykit-report.json``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402


@event_priority(40)
def on_config(config):
    if not engine.nested(config) and engine.context(config).settings.on("links"):
        config.validation.links.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
    return config


@event_priority(-200)
def on_post_page(output, page, config):
    collector = engine.context(config).collector
    if collector.active:
        collector.page(page.file.dest_uri, output, f"docs/{page.file.src_uri}")
    return output


@event_priority(-200)
def on_post_build(config):
    if engine.nested(config):
        return
    ctx = engine.context(config)
    site = Path(config.site_dir)
    ctx.report.write(site)  # exists before the link check, which sees the Coverage page's link
    if ctx.collector.active:
        ctx.complete_site(site)
        engine.run_phase(engine.context(config), "site")
    ctx.report.details["pages_checked"] = len(ctx.site.scans) if ctx.site else 0
    ctx.report.write(site)
