"""The shared mechanism: check registry, emitter, build context, label table."""

from __future__ import annotations

import logging

import pytest
from conftest import LONG_MODULES_FIRST, REPO, copy_kit, replace_in
from policykit.checks import registry
from policykit.context import BuildContext
from policykit.emitter import Emitter, StopBuild
from policykit.findings import Finding
from policykit.labels import LABELS, LANGUAGES, words
from policykit.project import VARIABLES_FILE
from policykit.report import BuildReport


def test_every_check_is_in_the_registry_once_per_phase():
    pairs = [(c.name, c.phase) for c in registry.CHECKS]
    assert len(pairs) == len(set(pairs))
    assert {c.phase for c in registry.CHECKS} == set(registry.PHASES)
    assert registry.switchable() == ("links", "coverage", "reviews", "placeholders", "sources",
                                     "privacy", "spelling", "plain-language", "terms",
                                     "translations-in-step", "names")
    stopping = [c.name for c in registry.checks_of("sources") if c.stops]
    assert [c.name for c in registry.checks_of("sources")][:len(stopping)] == stopping


def test_emitter_logs_by_severity_records_the_report_and_stops(caplog):
    report = BuildReport()
    emitter = Emitter(report)
    error = Finding("docs/b.md", 2, "broken", "fix it", check="links")
    warning = Finding("docs/a.md", 1, "late", "review it", severity="warning", check="links")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.policykit"):
        emitter.emit("links", [error, warning], 0.5, pages=3)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "warning, not failing yet: docs/a.md:1: late — review it"),
        ("WARNING", "docs/b.md:2: broken — fix it")]
    assert report.errors() == 1
    assert report.as_dict()["checks"]["links"]["checked"] == {"pages": 3}
    with pytest.raises(StopBuild) as stopped:
        emitter.stop([error], "heading:")
    assert str(stopped.value) == "heading:\ndocs/b.md:2: broken — fix it"
    emitter.stop([])  # nothing found: nothing happens


def test_context_reads_once_and_switches_checks(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    ctx = BuildContext.load(kit / "mkdocs.yml", env={"POLICYKIT_CHECKS": "links"})
    assert ctx.settings.enabled == {"links"}
    assert ctx.languages == ["nl", "en"] and ctx.default_language == "nl"
    assert "policy/us-staff.md" in ctx.switched_off
    assert all(p.base not in ctx.switched_off and not p.hidden for p in ctx.pages)
    ran = registry.run_phase(ctx, "sources")  # coverage, reviews, sources off: nothing found
    assert ran == [] and sorted(ctx.report.checks) == ["local", "pages", "search", "translations"]
    replace_in(kit / VARIABLES_FILE, "  draft: false", "  draft: maybe")
    with pytest.raises(StopBuild, match=r"^variables/company.yml has 1 problem\(s\):\n"
                                        r"variables/company.yml:\d+: policy.draft: expected"):
        BuildContext.load(kit / "mkdocs.yml", env={})
    with pytest.raises(StopBuild, match="^POLICYKIT_TODAY: 'soon' is not a date"):
        BuildContext.load(copy_kit(tmp_path / "k2") / "mkdocs.yml",
                          env={"POLICYKIT_TODAY": "soon"})


def test_one_label_table_with_every_word_in_every_language():
    assert LANGUAGES == ("nl", "en")
    for area, table in LABELS["nl"].items():
        assert table.keys() == LABELS["en"][area].keys(), area
    assert words("book", "nl")["contents"] == "Inhoud"


def test_every_module_of_the_package_has_doctests():
    """``--doctest-modules`` runs them; a module whose examples were deleted fails here."""
    import doctest
    import importlib
    import pkgutil

    import policykit

    without = []
    for info in pkgutil.walk_packages(policykit.__path__, "policykit."):
        if info.ispkg:
            continue  # the layer folders hold a docstring only
        module = importlib.import_module(info.name)
        if not any(test.examples for test in doctest.DocTestFinder().find(module)):
            without.append(info.name)
    assert without == []


def test_the_modules_run_first_exist():
    """A renamed module would silently lose its early start (``make test`` would take longer)."""
    missing = [name for name in LONG_MODULES_FIRST if not (REPO / name).is_file()]
    assert not missing, f"LONG_MODULES_FIRST in tests/conftest.py names no file: {missing}"
