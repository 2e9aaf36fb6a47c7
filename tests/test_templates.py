"""Unknown variables in pages are found before rendering, with their line."""

from __future__ import annotations

import pytest
from policykit.templates import check_template, markdown_line_offset

KNOWN = {
    "organisation": {"trade_name": "X", "website": "https://x.example"},
    "contacts": {"hr": {"email": "hr@x.example", "phone": "+31 1"}},
    "accounts": [],
    "contact_card": object(),
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
