"""Placeholders: template leftovers, TODO markers, example-only values, unused variables."""

from __future__ import annotations

import json

import pytest
from checkhelpers import add_page, covered_kit, messages
from conftest import build, replace_in
from policykit.checks.placeholders import (
    example_leftovers,
    example_values_for,
    marker_leftovers,
    template_leftovers,
    unused_variables,
    used_variables,
)


@pytest.mark.parametrize("text, expected", [
    # visible text, leftover messages
    ("All done.", []),
    ("TODO: write this", ["unfinished text 'TODO'"]),
    ("Datum TBD, zie XXX", ["unfinished text 'TBD'", "unfinished text 'XXX'"]),
    ("Lorem ipsum dolor sit amet", ["unfinished text 'Lorem ipsum'"]),
    ("a todo list and a fixme note", []),   # lower case words are ordinary text
    ("FIXME later", ["unfinished text 'FIXME'"]),
    ("TODOS and XXXL", []),
])
def test_marker_leftovers(text, expected):
    assert [leftover.message for leftover in marker_leftovers(text)] == expected


@pytest.mark.parametrize("raw, expected", [
    ("plain text", []),
    ("Hello {{ organisation.name }} there", ["unrendered template code '{{ organisation.name }}'"]),
    ("{% if x %}yes", ["unrendered template code '{% if x %}'"]),
    ("broken {{ name", ["unrendered template code '{{ name'"]),
    ("&#123;&#123; escaped value &#125;&#125;", []),
])
def test_template_leftovers(raw, expected):
    assert [leftover.message for leftover in template_leftovers(raw)] == expected


def test_example_values_come_from_the_kit_file():
    assert example_values_for({"legal_name": "Brugwerk Ingenieurs B.V."}) == []
    assert example_values_for({"legal_name": "Brug & Werk", "trade_name": "Brugwerk"}) == []
    values = example_values_for({"legal_name": "Dijkstra B.V.", "trade_name": "Dijkstra"})
    assert {"Brugwerk", "brugwerk.example"} <= set(values)
    found = example_leftovers("Mail pers@BRUGWERK.example or call Karim Bouzid", values)
    assert [f.message for f in found] == [
        "value of the example organisation 'Brugwerk'",
        "value of the example organisation 'brugwerk.example'",
        "value of the example organisation 'Karim Bouzid'",
    ]
    assert example_leftovers("Mail pers@dijkstra.example", values) == []


def test_used_and_unused_variables():
    sources = ["{{ organisation.website }} {{ contact_card('hr') }} {{ raw.monitoring.tool }}",
               "{% for a in accounts %}{{ a.url }}{% endfor %} {{ tags() }}",
               "{{ broken"]
    used = used_variables(sources)
    assert {"organisation.website", "contacts.hr", "monitoring.tool", "accounts",
            "disclosure.tags"} <= used
    data = {"organisation": {"website": "w", "intranet": "i", "legal_name": "l"},
            "contacts": {"hr": {}, "legal": {}}, "monitoring": {"tool": {"nl": "a", "en": "b"},
                                                                "retention_days": 90},
            "accounts": [], "disclosure": {"tags": {"nl": [], "en": []}, "disclaimer": "d"},
            "flags": {"us_staff": False}}
    assert unused_variables(data, used) == [
        "organisation.intranet", "contacts.legal", "monitoring.retention_days",
        "disclosure.disclaimer"]


@pytest.fixture(scope="module")
def another_org(tmp_path_factory):
    """One build of a copy for another organisation that kept an example value (the press
    office address) and has a page with leftovers: (result, line of the press address)."""
    project = covered_kit(tmp_path_factory.mktemp("placeholders") / "kit", small=True)
    add_page(project, "policy/concept.nl.md",
             "# Concept\n\n"
             "Deze regel is af.\n\n"                                    # line 9
             "TODO: voorbeeld toevoegen.\n\n"                           # line 11
             "{% raw %}Beste {{ naam }},{% endraw %}\n\n"               # line 13
             "Lorem ipsum dolor sit amet.\n")                           # line 15
    add_page(project, "policy/concept.en.md", "# Draft\n\nFinished.\n", nav=False)
    variables = project / "variables/company.yml"
    replace_in(variables, '"Brugwerk Ingenieurs B.V."', '"Dijkstra Zorg B.V."')
    replace_in(variables, 'trade_name: "Brugwerk"', 'trade_name: "Dijkstra Zorg"')
    text = variables.read_text(encoding="utf-8")
    # Adapt everything except the press office e-mail address.
    text = text.replace("brugwerk.example", "dijkstra.example").replace(
        "pers@dijkstra.example", "pers@brugwerk.example").replace("Brugwerk", "Dijkstra")
    variables.write_text(text, encoding="utf-8")
    press_line = next(n for n, line in enumerate(text.splitlines(), 1)
                      if "pers@brugwerk.example" in line)
    add_page(project, "policy/extra.nl.md", "# Extra\n\nVragen? Bel Karim Bouzid.\n")
    add_page(project, "policy/extra.en.md", "# Extra\n\nQuestions?\n", nav=False)
    return build(project), press_line


@pytest.mark.build
def test_leftovers_fail_the_build_with_their_line(another_org):
    result, _ = another_org
    assert result.returncode != 0, result.explain()
    # The spelling check reports 'TODO' and 'Lorem ipsum' as unknown words as well.
    assert [m for m in messages(result.output, "docs/policy/concept")
            if "unknown word" not in m] == [
        "docs/policy/concept.nl.md:11: unfinished text 'TODO' — write the final text or remove "
        "the marker",
        "docs/policy/concept.nl.md:13: unrendered template code '{{ naam }}' — close the "
        "{{ … }} / {% … %} or remove it; use {% raw %} only for a deliberate example",
        "docs/policy/concept.nl.md:15: unfinished text 'Lorem ipsum' — write the final text or "
        "remove the marker",
    ]


@pytest.mark.build
def test_example_values_fail_a_build_for_another_organisation(another_org):
    result, press_line = another_org
    assert result.returncode != 0, result.explain()
    found = messages(result.output, "value of the example organisation")
    assert "docs/policy/extra.nl.md:9: value of the example organisation 'Karim Bouzid' — "\
        "replace it with your organisation's own value" in found
    assert any(f.startswith(f"variables/company.yml:{press_line}: value of the example "
                            "organisation 'brugwerk.example' (shown on docs/") for f in found), \
        found
    report = json.loads(result.page("policykit-report.json"))
    assert report["organisation"] == "Dijkstra Zorg B.V."
    assert report["checks"]["placeholders"]["status"] == "failed"
