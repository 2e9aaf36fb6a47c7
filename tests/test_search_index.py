"""The search words of the front matter (``search: words:``) in the search index, and the check
of the values under ``search:`` (pure functions, no build)."""

from __future__ import annotations

import doctest

import pytest
from policykit.checks.search import check_page, check_search_settings
from policykit.output import searchindex
from policykit.output.searchindex import WORDS_FIELD, PageWords, enrich, spaced, words_of
from policykit.sources.frontmatter import read_front_matter
from policykit.sources.pages import SourcePage

INDEX = {
    "config": {"lang": ["nl", "en"], "fields": {"title": {"boost": 1000.0}}},
    "docs": [
        {"location": "policy/security.html", "title": "Accounts beveiligen", "text": "..."},
        {"location": "policy/security.html#basis", "title": "Basis", "text": "..."},
        {"location": "en/policy/security.html", "title": "Account security", "text": "..."},
        {"location": "glossary.html", "title": "Woordenlijst", "text": "..."},
    ],
}


def test_words_go_on_the_first_entry_of_their_page_only():
    pages = [PageWords("policy/security.html", ("2FA", "MFA")),
             PageWords("en/policy/security.html", ("two-factor authentication",)),
             PageWords("glossary.html", ())]

    docs = enrich(INDEX, pages)["docs"]

    assert [d.get(WORDS_FIELD) for d in docs] == ["2FA MFA", None, "two-factor authentication", None]
    assert INDEX["docs"][0].get(WORDS_FIELD) is None  # the input is left as it was


def test_the_words_field_is_registered_once_and_an_own_boost_is_kept():
    fields = enrich(INDEX, [])["config"]["fields"]
    assert fields["title"] == {"boost": 1000.0} and fields[WORDS_FIELD]["boost"] > 1

    tuned = {**INDEX, "config": {"fields": {WORDS_FIELD: {"boost": 5.0}}}}
    assert enrich(tuned, [])["config"]["fields"][WORDS_FIELD] == {"boost": 5.0}


@pytest.mark.parametrize(("meta", "words"), [
    ({"search": {"words": ["2FA", " MFA ", 2026]}}, ("2FA", "MFA", "2026")),
    ({"search": {"boost": 2}}, ()),
    ({"search": {"words": "2FA"}}, ()),
    ({"search": {"words": ["", None, True]}}, ()),
    ({}, ()),
])
def test_words_of_the_front_matter(meta, words):
    assert words_of(meta) == words


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


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_glossary_term_links_to_the_page_with_its_rules(lang):
    from conftest import REPO
    lines = (REPO / f"docs/glossary.{lang}.md").read_text(encoding="utf-8").splitlines()
    definitions = [(lines[i - 1], line) for i, line in enumerate(lines) if line.startswith(":   ")]
    assert len(definitions) >= 10
    unlinked = [term for term, definition in definitions if "](" not in definition]
    assert not unlinked, f"docs/glossary.{lang}.md: terms without a link to their rules: {unlinked}"


def test_the_check_reads_every_page_and_points_at_the_search_key():
    source = "---\ntopics: [security]\nowner: it_security\nsearch:\n  words: 2FA\n---\n# Title\n"
    pages = [SourcePage("policy/security.nl.md", "nl", read_front_matter(source), source),
             SourcePage("policy/ai.nl.md", "nl", {"topics": ["ai"]}, "---\ntopics: [ai]\n---\n")]

    assert [str(f) for f in check_search_settings(pages)] == [
        "docs/policy/security.nl.md:4: 'search: words' must be a list of words or short phrases "
        "— e.g. 'search: {words: [2FA, MFA]}'"]


def test_compact_cells_and_cards_get_gaps_that_keep_their_words_apart():
    card = "<p><strong>Team</strong></p><dl><dt>E-mail</dt><dd>a@b.example</dd></dl>"
    assert spaced(card) == ("<p><strong>Team</strong></p>\n<dl><dt>E-mail</dt>\n"
                            "<dd>a@b.example</dd>\n</dl>")
    assert spaced("<td>LinkedIn</td> <td>x</td><span>y</span>") == (
        "<td>LinkedIn</td> <td>x</td>\n<span>y</span>")
    assert doctest.testmod(searchindex).failed == 0
