"""The site model maps Markdown sources to built pages; the browser tests lean on it."""

from __future__ import annotations

import pytest

from browser.sitemodel import SiteModel, SitePage, url_of


@pytest.mark.parametrize(("source", "lang", "url"), [
    # source (suffix structure)    language  URL (use_directory_urls: false)
    ("index.nl.md",                "nl",     "index.html"),
    ("index.en.md",                "en",     "en/index.html"),
    ("principles/confidentiality.nl.md", "nl", "principles/confidentiality.html"),
    ("policy/principles.en.md",    "en",     "en/policy/principles.html"),
])
def test_url_of(source, lang, url):
    assert url_of(source, lang, "nl") == url


def model(*pages: SitePage) -> SiteModel:
    return SiteModel(root=None, default_lang="nl", languages=("nl", "en"), pages=pages,
                     variables={})


def test_a_page_named_after_the_topic_wins():
    broad = SitePage("policy/principles.html", "nl", "policy/principles.nl.md",
                     {"topics": ["responsibility", "confidentiality"]})
    named = SitePage("principles/confidentiality.html", "nl", "principles/confidentiality.nl.md",
                     {"topics": ["confidentiality"]})
    english = SitePage("en/principles/confidentiality.html", "en",
                       "principles/confidentiality.en.md", {"topics": ["confidentiality"]})
    assert model(broad, named, english).topic_pages("nl", "confidentiality") == [named]
    assert model(broad).topic_pages("nl", "confidentiality") == [broad]
    assert model(broad, named, english).counterpart(named, "en") == english


def test_theme_pages_are_not_policy_pages():
    assert not SitePage("404.html", "en").is_policy
    assert SitePage("a.html", "nl", "a.nl.md", {"topics": ["purpose"]}).is_policy
