"""Validation of variables/company.yml: every mistake is reported with file, line, key and fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykit.sources.variables import load_schema, validate_text

REPO = Path(__file__).resolve().parents[2]
SCHEMA = load_schema(REPO / "variables/company.schema.json")
EXAMPLE = (REPO / "variables/company.yml").read_text(encoding="utf-8")
SHOWN = "variables/company.yml"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def messages(text: str) -> list[str]:
    return [str(f) for f in validate_text(text, SCHEMA, SHOWN)]


def test_example_is_valid():
    assert messages(EXAMPLE) == []


# Each row: the text to replace in the example, its replacement, the line to expect (found by a
# needle in the changed text), and the exact message after "variables/company.yml:LINE: ".
BAD_INPUTS = [
    ('email: "hr@brugwerk.example"', 'emial: "hr@brugwerk.example"', "emial:",
     "contacts.hr.emial: unknown key — did you mean 'email'? Correct the spelling"),
    ('"pers@brugwerk.example"', '"pers-at-brugwerk"', "pers-at-brugwerk",
     "contacts.press_office.email: 'pers-at-brugwerk' is not an e-mail address — "
     "write an e-mail address such as name@example.nl"),
    ("effective_date: 2026-09-01", "effective_date: 2026-13-01", "effective_date:",
     "policy.effective_date: '2026-13-01' is not a valid date — "
     "write it as YEAR-MONTH-DAY, e.g. 2026-09-01"),
    ("draft: false", "draft: maybe", "draft:",
     "policy.draft: expected true or false, found the text 'maybe' — write true or false here"),
    ('version: "2.1"', "version: 2.1", "version:",
     "policy.version: expected text, found the number 2.1 — "
     "put the value between quotes, e.g. \"2.1\""),
    ("us_staff: false", "us_staf: false", "us_staf:",
     "flags.us_staf: unknown key — did you mean 'us_staff'? Correct the spelling"),
    ("default: nl ", "default: de ", "default: de",
     "languages.default: 'de' is not allowed — use one of: nl, en"),
    ("review_cycle_months: 12", "review_cycle_months: 0", "review_cycle_months:",
     "policy.review_cycle_months: 0 is too small — use a number from 1"),
    ('website: "https://www.brugwerk.example"', 'website: "www.brugwerk.example"', "website:",
     "organisation.website: 'www.brugwerk.example' is not a web address — "
     "write a web address starting with https://"),
]


@pytest.mark.parametrize(("old", "new", "needle", "expected"), BAD_INPUTS)
def test_bad_value_is_reported_with_line_key_and_fix(old, new, needle, expected):
    assert old in EXAMPLE
    text = EXAMPLE.replace(old, new, 1)
    assert messages(text) == [f"{SHOWN}:{line_of(text, needle)}: {expected}"]


def test_missing_required_key_points_at_its_parent():
    text = EXAMPLE.replace('  trade_name: "Brugwerk"', "  # trade name removed", 1)
    assert messages(text) == [
        f"{SHOWN}:{line_of(text, 'organisation:')}: organisation.trade_name: required key is "
        "missing — add 'trade_name:' under organisation (variables/company.schema.json describes it)"
    ]


def test_all_problems_are_reported_at_once():
    text = (EXAMPLE.replace("draft: false", "draft: maybe", 1)
            .replace('"pers@brugwerk.example"', '"nope"', 1)
            .replace("us_staff: false", "us_staf: false", 1))
    found = messages(text)
    assert len(found) == 3
    lines = [int(m.split(":")[1]) for m in found]
    assert lines == sorted(lines)


def test_malformed_yaml_names_line_and_column():
    text = EXAMPLE.replace('  trade_name: "Brugwerk"', '  trade_name: "Brugwerk', 1)
    (message,) = messages(text)
    assert message.startswith(f"{SHOWN}:")
    place = message.split(": ", 1)[0]
    _, line, column = place.split(":")
    assert int(line) >= line_of(text, "trade_name:") and int(column) >= 1
    assert "YAML syntax error" in message and " — " in message


def test_colon_in_unquoted_text_gets_a_quoting_hint():
    text = EXAMPLE.replace('  legal_name: "Brugwerk Ingenieurs B.V."',
                           "  legal_name: Brugwerk: Ingenieurs", 1)
    (message,) = messages(text)
    assert message.startswith(f"{SHOWN}:{line_of(text, 'legal_name:')}:")
    assert "put text that contains a colon between quotes" in message


def test_duplicate_key_is_reported_not_silently_dropped():
    text = EXAMPLE.replace("  draft: false", "  draft: false\n  draft: true", 1)
    assert messages(text) == [
        f"{SHOWN}:{line_of(text, 'draft: true')}: key 'policy.draft' is written twice "
        f"(first on line {line_of(text, 'draft: false')}) — keep one of the two and delete the other"
    ]


def test_published_language_needs_its_text():
    text = EXAMPLE.replace('    en: "Social media policy"\n', "", 1)
    assert messages(text) == [
        f"{SHOWN}:{line_of(text, '  title:')}: policy.title: no 'en' text, but 'en' is "
        "published — add a line 'en: ...' under policy.title"
    ]


def test_default_language_must_be_published():
    text = EXAMPLE.replace("published: [nl, en]", "published: [en]", 1)
    found = messages(text)
    assert f"{SHOWN}:{line_of(text, '  default: nl')}: languages.default: 'nl' is not in " \
           "languages.published — choose one of: en" in found


def test_empty_file():
    assert messages("# nothing here\n") == [
        f"{SHOWN}:1: the file holds no keys — start from the variables/company.yml of the "
        "Social Media Policy Kit"]


def test_check_variables_command_reports_and_exits_non_zero(tmp_path):
    import subprocess
    import sys

    (tmp_path / "variables").mkdir()
    (tmp_path / "variables/company.schema.json").write_text(
        (REPO / "variables/company.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    bad = EXAMPLE.replace("draft: false", "draft: maybe", 1)
    (tmp_path / "variables/company.yml").write_text(bad, encoding="utf-8")
    command = [sys.executable, "-m", "policykit.lifecycle.cli", "check-variables", "--root", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO / "hooks")
    assert done.returncode == 1
    assert f"{SHOWN}:{line_of(bad, 'draft:')}: policy.draft: expected true or false" in done.stderr
    # The versions in policy.history are checked too, not only in a full build.
    unlisted = EXAMPLE.replace('  version: "2.1"', '  version: "2.2"', 1)
    assert unlisted != EXAMPLE
    (tmp_path / "variables/company.yml").write_text(unlisted, encoding="utf-8")
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO / "hooks")
    assert done.returncode == 1
    assert "policy.history: the current version 2.2 is not listed" in done.stderr
    (tmp_path / "variables/company.yml").write_text(EXAMPLE, encoding="utf-8")
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO / "hooks")
    assert done.returncode == 0 and "OK" in done.stdout
