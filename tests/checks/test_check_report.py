"""All checks together: the clean kit passes, the report is published, ProperDocs agrees."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from checkhelpers import add_page, covered_kit, front_matter, uncovered_topics
from conftest import REPO, build, small_kit

pytestmark = pytest.mark.build
CHECKS = ["coverage", "links", "names", "placeholders", "plain-language", "privacy",  # can be
          "reviews", "sources", "spelling", "terms", "translations-in-step"]       # switched off
ALWAYS = ["active", "editing", "history", "local", "macros", "pages", "search", "translations"]  # always run
_POLICYKIT_LINE = re.compile(r"^(?:WARNING|INFO)\s+-\s+(\S+:\d*:? .*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def clean(example_site):
    """The example organisation's site as shipped (built once per run): it covers every topic,
    so it is the clean site every check must pass (read only)."""
    return example_site


def test_clean_kit_passes_every_check_and_publishes_the_report(clean):
    assert clean.returncode == 0, clean.explain()
    assert "WARNING" not in clean.output
    report = json.loads(clean.page("policykit-report.json"))
    assert report["errors"] == 0
    assert sorted(report["checks"]) == sorted(CHECKS + ALWAYS)
    assert report["enabled"] == CHECKS
    assert all(c["status"] == "passed" and c["findings"] == [] for c in report["checks"].values())
    # Every HTML file, the print versions included.
    assert report["checks"]["links"]["checked"]["pages"] == len(clean.html_pages())
    assert report["checks"]["links"]["checked"]["references"] > 100
    for topic, row in report["coverage"].items():
        for lang, pages in row["pages"].items():
            assert pages == _covering(clean.site.parent, topic, lang), (topic, lang)
    assert report["coverage"]["us-nlra"]["state"] == "not-applicable"
    reviews = {r["page"]: r for r in report["reviews"]}
    meta = front_matter(clean.site.parent / "docs/index.en.md")
    assert reviews["docs/index.en.md"]["owner"] == meta["owner"]
    assert reviews["docs/index.en.md"]["last_reviewed"] == str(meta["last_reviewed"])
    assert all(r["status"] == "ok" for r in reviews.values())
    assert isinstance(report["unused_variables"], list)
    assert report["external_links"]["enabled"] is False
    for rel in ("coverage.html", "en/coverage.html"):
        assert "<h1" in clean.page(rel)


def test_checks_can_be_switched_off_and_bad_settings_are_clear(tmp_path):
    project = small_kit(tmp_path / "kit")
    add_page(project, "policy/x.nl.md", "# X\n\nTODO [weg](weg.md)\n", topics="[onbekend]")
    add_page(project, "policy/x.en.md", "# X\n\nText.\n", nav=False)
    off = build(project, env={"POLICYKIT_CHECKS": "off"})
    assert "docs/policy/x.nl.md" not in off.output
    assert json.loads(off.page("policykit-report.json"))["enabled"] == []
    only_links = build(project, env={"POLICYKIT_CHECKS": "links"})
    assert "docs/policy/x.nl.md:9: broken link 'weg.md'" in only_links.output
    assert "unknown topic" not in only_links.output and "TODO" not in only_links.output
    bad = build(project, env={"POLICYKIT_CHECKS": "links,speling"})
    assert bad.returncode != 0
    assert "POLICYKIT_CHECKS: unknown check 'speling' — use 'off', 'all' or a comma list of: " \
        "links, coverage, reviews, placeholders, sources, privacy, spelling, plain-language, terms, " \
        "translations-in-step, names" in bad.output
    assert "Traceback" not in bad.output


def test_example_as_shipped_covers_every_topic_and_passes(example_site):
    assert uncovered_topics(example_site.site.parent) == []
    assert example_site.returncode == 0 and "WARNING" not in example_site.output


def _covering(project, topic: str, lang: str) -> list[str]:
    return [f"docs/{p.relative_to(project / 'docs').as_posix()}"
            for p in sorted((project / "docs").rglob(f"*.{lang}.md"))
            if topic in (front_matter(p).get("topics") or []) and not front_matter(p).get("only_if")]


def _findings(output: str) -> list[str]:
    return sorted(line for line in _POLICYKIT_LINE.findall(output)
                  if line.startswith(("docs/", "variables/", "overrides/", "hooks/")))


def test_mkdocs_and_properdocs_report_the_same_findings(tmp_path):
    project = covered_kit(tmp_path / "kit", small=True)
    add_page(project, "policy/all.nl.md",
             "# Alles\n\n[weg](weg.md) TODO\n\n![x](https://img.example.org/x.png)\n",
             topics="[onbekend]", owner="niemand")
    add_page(project, "policy/all.en.md", "# All\n\n[Anchor](#nowhere)\n\nAsk the\n{{ who('hr') }}.\n"
             "\n{{ monitoring.tool }} is used.\n", nav=False)
    contacts = project / "docs/contacts.nl.md"
    contacts.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2024-01-01",
                               contacts.read_text(encoding="utf-8")), encoding="utf-8")
    results = {engine: build(project, engine=engine, site=tmp_path / engine,
                             env={"POLICYKIT_TODAY": "2026-11-26"})
               for engine in ("mkdocs", "properdocs")}
    findings = {engine: _findings(r.output) for engine, r in results.items()}
    assert all(r.returncode != 0 for r in results.values())
    assert findings["mkdocs"] == findings["properdocs"]
    assert len(findings["mkdocs"]) == 10, "\n".join(findings["mkdocs"])
    kinds = " ".join(findings["mkdocs"])
    for expected in ("broken link 'weg.md'", "unfinished text 'TODO'", "another host",
                     "unknown word 'TODO' (Dutch spelling)",
                     "unknown topic 'onbekend'", "owner 'niemand'", "broken anchor '#nowhere'",
                     "docs/contacts.nl.md:4: review overdue",
                     "docs/policy/all.en.md:12: 'the' is written before the name {{ who('hr') }}",
                     "docs/policy/all.en.md:14: the sentence starts in lower case with the "
                     "inserted value 'a media monitoring service"):
        assert expected in kinds
    reports = {e: json.loads((tmp_path / e / "policykit-report.json").read_text())
               for e in results}
    assert reports["mkdocs"]["checks"].keys() == reports["properdocs"]["checks"].keys()
    # The same checks outside any build, on the sources and on either engine's site.
    for engine in results:
        done = subprocess.run([sys.executable, "-m", "policykit.lifecycle.cli", "check",
                               "--sources", str(tmp_path / engine), "--root", str(project)],
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "POLICYKIT_TODAY": "2026-11-26"})
        assert done.returncode == 1, done.stderr
        # The names check reads pages with their values inserted: only a build renders them.
        rendered = ("docs/policy/all.en.md:12:", "docs/policy/all.en.md:14:")
        assert _findings(done.stderr) == [f for f in findings["mkdocs"]
                                          if not f.startswith(rendered)], done.stderr
        assert "8 problem(s) found." in done.stderr and "Traceback" not in done.stderr


def test_policykit_check_passes_a_clean_site_and_explains_usage(clean, tmp_path):
    command = [sys.executable, "-m", "policykit.lifecycle.cli", "check"]
    project = str(clean.site.parent)
    done = subprocess.run([*command, "--sources", str(clean.site), "--root", project],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    usage = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2
    assert "check: name a built site folder, or --sources (or both)" in usage.stderr
    missing = subprocess.run([*command, str(tmp_path / "nothing"), "--root", project],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "is not a folder — build the site first" in missing.stderr


def test_hooks_are_listed_after_policy_setup():
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.findall(r"^  - (hooks/\S+\.py)", config, re.MULTILINE)
    assert hooks.index("hooks/policy_setup.py") < hooks.index("hooks/check_sources.py") \
        < hooks.index("hooks/check_site.py")
