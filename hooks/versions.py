"""MkDocs hook: versions for approval — the re-acknowledgement notice and the redlines.

Adapter only; the work happens in ``policykit.output.acknowledgement`` and
``policykit.lifecycle.redlines``.

- ``on_config``: when the current version is marked ``needs_acknowledgement`` in
  ``policy.history``, put the notice (version, date, fingerprint, form link) in
  ``config.extra.policykit_ack`` for ``overrides/main.html``.
- ``on_post_build``: copy the redlines made by ``make redline`` / ``make redlines``
  (``redlines/redline-*.html``) into the site, where the "What changed" table links to them;
  a file there with markup a redline never has (a script, a link elsewhere) stays out and
  fails the build.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from policykit.lifecycle.redlines import REDLINE_DIR, site_redlines  # noqa: E402
from policykit.output.acknowledgement import fingerprint, notice  # noqa: E402
from policykit.output.redline import STYLE, STYLESHEET  # noqa: E402


def on_config(config):
    ctx = engine.context(config)
    config.extra["policykit_ack"] = notice(ctx.data, fingerprint(ctx.docs_dir, ctx.data))
    return config


def on_post_build(config):
    if engine.nested(config):
        return  # the outer build writes the site-wide redlines/ folder once
    ctx = engine.context(config)
    target = Path(config.site_dir) / REDLINE_DIR
    sources, findings = site_redlines(ctx.project.root)
    if sources or findings:
        ctx.emitter.emit("redlines", findings, files=len(sources) + len(findings))
    if sources:
        target.mkdir(parents=True, exist_ok=True)
        (target / STYLESHEET).write_text(STYLE, encoding="utf-8")
    for source in sources:
        shutil.copyfile(source, target / source.name)
