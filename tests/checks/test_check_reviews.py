"""Reviews: owners, review dates, cycle and grace period; injected "today"."""

from __future__ import annotations

import datetime as dt

import pytest
from checkhelpers import add_page, covered_kit, messages
from conftest import build, replace_in
from policykit.checks.reviews import add_months, evaluate
from policykit.sources.frontmatter import read_front_matter as front_matter
from policykit.sources.pages import SourcePage

DATA = {"policy": {"review_cycle_months": 12, "review_grace_days": 30,
                   "next_review": "2027-09-01"},
        "contacts": {"legal": {}, "hr": {}}}


def page(front: str) -> SourcePage:
    source = f"---\ntopics: []\n{front}\n---\n# T\n"
    return SourcePage("p.nl.md", "nl", front_matter(source), source)


def run(front: str, today: str, data=DATA) -> list[str]:
    _, found = evaluate([page(front)], data, dt.date.fromisoformat(today), lambda p: 42)
    return [f"{f.severity}: {f}" for f in found]


@pytest.mark.parametrize("front, today, expected", [
    # front matter, today, findings (severity: text)
    ("owner: legal\nlast_reviewed: 2026-08-20", "2027-08-20", []),
    ("owner: legal\nlast_reviewed: 2026-08-20", "2027-08-21", [
        "warning: docs/p.nl.md:4: review overdue: last reviewed 2026-08-20, due 2027-08-20 "
        "(every 12 months); the build fails after 2027-09-19 — review the page with its owner "
        "(legal) and set last_reviewed: to the review date"]),
    ("owner: legal\nlast_reviewed: 2026-08-20", "2027-09-20", [
        "error: docs/p.nl.md:4: review overdue: last reviewed 2026-08-20, due 2027-08-20 "
        "(every 12 months) — review the page with its owner (legal) and set last_reviewed: to "
        "the review date",
        "warning: variables/company.yml:42: the policy is past its review date 2027-09-01; the "
        "build fails after 2027-10-01 — review the whole policy, then set policy.next_review to "
        "the next date"]),
    ("last_reviewed: 2026-08-20", "2026-09-01", [
        "error: docs/p.nl.md:1: the page has no owner — add 'owner: <contact>' to the front "
        "matter, one of: legal, hr"]),
    ("owner: legl\nlast_reviewed: 2026-08-20", "2026-09-01", [
        "error: docs/p.nl.md:3: owner 'legl' is not a contact in variables/company.yml — did "
        "you mean 'legal'?"]),
    ("owner: hr", "2026-09-01", [
        "error: docs/p.nl.md:1: the page has no last_reviewed date — write the day of the last "
        "review as last_reviewed: 2026-09-01"]),
    ("owner: hr\nlast_reviewed: 2026-13-01", "2026-09-01", [
        "error: docs/p.nl.md:4: last_reviewed '2026-13-01' is not a date — write the day of the "
        "last review as last_reviewed: 2026-09-01"]),
    ("owner: hr\nlast_reviewed: 2026-10-01", "2026-09-01", [
        "error: docs/p.nl.md:4: last_reviewed 2026-10-01 lies in the future — write the day the "
        "review actually took place"]),
])
def test_review_findings(front, today, expected):
    assert run(front, today) == expected


def test_no_grace_means_error_the_day_after():
    data = {**DATA, "policy": {**DATA["policy"], "review_grace_days": 0}}
    found = run("owner: hr\nlast_reviewed: 2026-01-31", "2027-02-01", data)
    assert [f.split(":")[0] for f in found] == ["error"]
    assert "due 2027-01-31" in found[0]


def test_month_arithmetic_and_doctests():
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


@pytest.mark.build
def test_overdue_review_fails_and_grace_only_informs(tmp_path):
    project = covered_kit(tmp_path / "kit", small=True)
    add_page(project, "policy/old.nl.md", "# Oud\n\nTekst.\n", owner="legal",
             reviewed="2026-05-01")
    add_page(project, "policy/old.en.md", "# Old\n\nText.\n", owner="comms",
             reviewed="2026-05-01", nav=False)
    # The whole policy is due on 2027-05-01 as well (30 days' grace, like the pages).
    replace_in(project / "variables/company.yml", "next_review: 2027-09-01",
               "next_review: 2027-05-01")
    late = build(project, env={"POLICYKIT_TODAY": "2027-06-15"})
    assert late.returncode != 0, late.explain()
    assert messages(late.output, "docs/policy/old.en.md") == [
        "docs/policy/old.en.md:3: owner 'comms' is not a contact in variables/company.yml — use "
        "one of: press_office, social_media_team, legal, privacy_officer, hr, it_security, "
        "confidential_counsellor, whistleblower, crisis_line",
        "docs/policy/old.en.md:4: review overdue: last reviewed 2026-05-01, due 2027-05-01 "
        "(every 12 months) — review the page with its owner (comms) and set last_reviewed: to "
        "the review date",
    ]
    assert "OVERDUE" in late.page("en/coverage.html")
    assert "TE LAAT" in late.page("coverage.html")
    assert "the policy is past its review date 2027-05-01 — review the whole policy, then set " \
        "policy.next_review to the next date" in late.output

    replace_in(project / "docs/policy/old.en.md", "owner: comms", "owner: legal")
    grace = build(project, env={"POLICYKIT_TODAY": "2027-05-15"})
    assert grace.returncode == 0, grace.explain()
    assert "warning, not failing yet: docs/policy/old.en.md:4: review overdue" in grace.output
    assert "late (warning)" in grace.page("en/coverage.html")
    assert "warning, not failing yet: variables/company.yml:" in grace.output
    assert "the policy is past its review date 2027-05-01; the build fails after 2027-05-31" \
        in grace.output


@pytest.mark.build
def test_bad_today_is_a_clear_setup_error(tmp_path):
    project = covered_kit(tmp_path / "kit", small=True)
    result = build(project, env={"POLICYKIT_TODAY": "26-11-2026"})
    assert result.returncode != 0
    assert "POLICYKIT_TODAY: '26-11-2026' is not a date — write it as YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output
