"""The search words of the front matter (``search: words:``) in the search index, the gaps that
keep table cells apart, and the glossary's links to the rules (pure functions, no build)."""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from policykit.output.searchindex import WORDS_FIELD, PageWords, enrich, spaced, words_of
from policykit.sources.frontmatter import read_front_matter

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


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_glossary_term_links_to_the_page_with_its_rules(lang):
    lines = (REPO / f"docs/glossary.{lang}.md").read_text(encoding="utf-8").splitlines()
    definitions = [(lines[i - 1], line) for i, line in enumerate(lines) if line.startswith(":   ")]
    assert len(definitions) >= 10
    unlinked = [term for term, definition in definitions if "](" not in definition]
    assert not unlinked, f"docs/glossary.{lang}.md: terms without a link to their rules: {unlinked}"


def test_compact_cells_and_cards_get_gaps_that_keep_their_words_apart():
    card = "<p><strong>Team</strong></p><dl><dt>E-mail</dt><dd>a@b.example</dd></dl>"
    assert spaced(card) == ("<p><strong>Team</strong></p>\n<dl><dt>E-mail</dt>\n"
                            "<dd>a@b.example</dd>\n</dl>")
    assert spaced("<td>LinkedIn</td> <td>x</td><span>y</span>") == (
        "<td>LinkedIn</td> <td>x</td>\n<span>y</span>")


def test_the_built_index_has_the_words_apart_and_no_coverage_page(example_site):
    index = json.loads((example_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}

    assert index["config"]["fields"][WORDS_FIELD]["boost"] > index["config"]["fields"]["text"]["boost"]
    assert "2FA" in docs["policy/security.html"][WORDS_FIELD].split()
    assert "two-factor authentication" in docs["en/policy/security.html"][WORDS_FIELD]
    assert docs["glossary.html"].get("boost") == 0.3
    assert not any(location.split("#")[0].endswith("coverage.html") for location in docs)
    register = docs["accounts.html#het-register"]["text"]
    assert "LinkedIn\n" in register or "LinkedIn " in register, register[:200]


# Words staff search for that the example finds through its own values (its LinkedIn account,
# its spokespeople), and the kit page that must answer them for an organisation without those.
KIT_ANSWERS = {"nl": {"linkedin": "policy/platforms", "woordvoerder": "contacts"},
               "en": {"linkedin": "policy/platforms", "spokesperson": "contacts"}}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_words_the_example_finds_in_its_values_are_search_words_of_a_kit_page(lang):
    for word, page in KIT_ANSWERS[lang].items():
        meta = read_front_matter((REPO / f"docs/{page}.{lang}.md").read_text(encoding="utf-8"))
        assert word in [found.lower() for found in words_of(meta)], f"docs/{page}.{lang}.md: {word}"
