"""Run one strict MkDocs build in this process and print timings as JSON on the last line.

    python benchmarks/timed_build.py PROJECT SITE [--htmlproofer]

Set ``POLICYKIT_CHECKS`` to choose the kit's checks. With ``--htmlproofer`` the build also
runs mkdocs-htmlproofer-plugin (external URLs off); the time spent in its events is measured
by wrapping them. The kit's own check times come from ``policykit-report.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _wrap_htmlproofer(totals: dict[str, float]) -> None:
    from htmlproofer.plugin import HtmlProoferPlugin

    for name in ("on_post_page", "on_post_build", "on_files"):
        original = getattr(HtmlProoferPlugin, name)

        def timed(self, *args, _original=original, **kwargs):
            started = time.perf_counter()
            try:
                return _original(self, *args, **kwargs)
            finally:
                totals["htmlproofer"] += time.perf_counter() - started

        if name == "on_files":
            # See the files as mkdocs-static-i18n leaves them (it runs at -100); otherwise
            # htmlproofer cannot map 'x.html' to 'x.nl.md' and reports every link as broken.
            timed.mkdocs_priority = -110
        setattr(HtmlProoferPlugin, name, timed)


def main() -> int:
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    config_file = project / "mkdocs.yml"
    totals = {"htmlproofer": 0.0}
    if "--htmlproofer" in sys.argv:
        # Text, not a YAML round trip: mkdocs.yml holds tags such as !ENV. Problems are
        # warnings: strict mode fails at the end, after every language is checked.
        text = config_file.read_text(encoding="utf-8")
        if "\nplugins:\n" not in text:
            raise SystemExit("mkdocs.yml has no 'plugins:' list")
        text = text.replace("\nplugins:\n", "\nplugins:\n  - htmlproofer:\n"
                            "      validate_external_urls: false\n", 1)
        config_file = project / "mkdocs-htmlproofer.yml"
        config_file.write_text(text, encoding="utf-8")
        _wrap_htmlproofer(totals)

    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    failed = ""
    try:
        build(load_config(str(config_file), site_dir=str(site), strict=True))
    except (MkDocsException, SystemExit) as error:
        failed = str(error) or type(error).__name__
    total = time.perf_counter() - started
    report_path = site / "policykit-report.json"
    checks = {}
    if report_path.exists():
        report = json.loads(report_path.read_text(encoding="utf-8"))
        checks = {name: c["seconds"] for name, c in report["checks"].items()}
        checks["site scan"] = report.get("site_scan_seconds", 0.0)  # shared by the site checks
    print(json.dumps({"total": total, "htmlproofer": totals["htmlproofer"], "checks": checks,
                      "failed": failed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
