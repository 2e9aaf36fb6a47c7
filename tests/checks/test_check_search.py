"""The check of the values under ``search:`` in the pages' front matter (pure, no build)."""

from __future__ import annotations

import pytest
from policykit.checks.search import check_page, check_search_settings
from policykit.sources.frontmatter import read_front_matter
from policykit.sources.pages import SourcePage


@pytest.mark.parametrize(("search", "message"), [
    ({"words": ["2FA"], "boost": 0.5, "exclude": False}, None),
    ("2FA MFA", "'search' must be a mapping"),
    ({"word": ["2FA"]}, "unknown search setting 'word'"),
    ({"words": "2FA, MFA"}, "'search: words' must be a list"),
    ({"words": ["2FA", {"nested": 1}]}, "'search: words' must be a list"),
    ({"boost": 0}, "'search: boost' must be a number above 0"),
    ({"boost": "high"}, "'search: boost' must be a number above 0"),
    ({"boost": True}, "'search: boost' must be a number above 0"),
])
def test_wrong_search_settings_are_reported_at_their_line(search, message):
    findings = check_page("docs/policy/security.nl.md", {"search": search}, 5)

    if message is None:
        assert findings == []
    else:
        assert len(findings) == 1 and message in findings[0].message, findings
        assert str(findings[0]).startswith("docs/policy/security.nl.md:5: ")


def test_the_check_reads_every_page_and_points_at_the_search_key():
    source = "---\ntopics: [security]\nowner: it_security\nsearch:\n  words: 2FA\n---\n# Title\n"
    pages = [SourcePage("policy/security.nl.md", "nl", read_front_matter(source), source),
             SourcePage("policy/ai.nl.md", "nl", {"topics": ["ai"]}, "---\ntopics: [ai]\n---\n")]

    assert [str(f) for f in check_search_settings(pages)] == [
        "docs/policy/security.nl.md:4: 'search: words' must be a list of words or short phrases "
        "— e.g. 'search: {words: [2FA, MFA]}'"]
