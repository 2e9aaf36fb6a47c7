"""Unknown variables in pages are found before rendering, with their line."""

from __future__ import annotations

import pytest
from policykit.checks.templates import check_template, markdown_line_offset

KNOWN = {
    "organisation": {"trade_name": "X", "website": "https://x.example"},
    "contacts": {"hr": {"email": "hr@x.example", "phone": "+31 1"}},
    "accounts": [],
    "contact_card": lambda key: key,
    "link": lambda url, label=None: url,
    "contacts_table": lambda: "",
    "range": range,  # a built-in without a readable signature is left alone
}


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # page text                                       messages (after "docs/p.md:")
        ("{{ organisation.trade_name }}", []),
        ("{{ organisation.trade_nme }}",
         ["1: unknown variable 'organisation.trade_nme' — did you mean 'organisation.trade_name'?"]),
        ("a\n\n{{ contacts.hr.emial }}",
         ["3: unknown variable 'contacts.hr.emial' — did you mean 'contacts.hr.email'?"]),
        ("{{ contacts['hr'].phone }}", []),
        ("{% for a in accounts %}{{ a.platform }} {{ loop.index }}{% endfor %}", []),
        ("{% set x = 1 %}{{ x }}", []),
        ("{{ contact_card('hr') }}", []),
        ("{{ contact_card('hrr') }}",
         ["1: contact_card('hrr'): there is no contact 'hrr' in contacts in "
          "variables/company.yml — did you mean 'hr'?"]),
        ("a\n{{ contact_card('press') }}",
         ["2: contact_card('press'): there is no contact 'press' in contacts in "
          "variables/company.yml — use one of: hr"]),
        ("{{ contact_card() }}", ["1: contact_card(): missing a required argument: 'key' — "
                                 "write it as {{ contact_card(key) }}"]),
        ("{{ contacts_table('hr') }}", ["1: contacts_table(): too many positional arguments — "
                                       "write it as {{ contacts_table() }}"]),
        ("{{ link('https://x.example', 'X', 'Y') }}",
         ["1: link(): too many positional arguments — write it as {{ link(url, label) }} "
          "(label may be left out)"]),
        ("{{ link('https://x.example', label='X') }} {{ range(3) | list }}", []),
        ("{% macro contact_card() %}own{% endmacro %}{{ contact_card() }}", []),
        ("{{ nothing_here }}",
         ["1: unknown variable 'nothing_here' — check the spelling against variables/company.yml"]),
        ("{{ oops ", ["1: template syntax error: unexpected end of template, expected 'end of print "
                      "statement'. — check the {{ … }} and {% … %} on this line: every one must be "
                      "closed"]),
    ],
)
def test_check_template(markdown, expected):
    found = [str(f).removeprefix("docs/p.md:") for f in check_template(markdown, KNOWN, "docs/p.md")]
    assert found == expected


def test_line_offset_counts_front_matter_and_blank_lines():
    source = "---\ntopics: [a]\n---\n\n# Title\n\ntext {{ x }}\n"
    markdown = "# Title\n\ntext {{ x }}\n"
    assert markdown_line_offset(source, markdown) == 4
    (finding,) = check_template(markdown, {}, "docs/p.md", markdown_line_offset(source, markdown))
    assert finding.line == 7
