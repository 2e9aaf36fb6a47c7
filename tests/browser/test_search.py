"""Search, as an employee uses it: type a word into Material's search box, read the list."""

from __future__ import annotations

import pytest

from browser.material import search
from browser.sitemodel import SiteModel

# (language, what the employee types): each must list the confidentiality page first among the
# policy pages of that language (Material's index holds both languages; the other one is ignored).
CONFIDENTIALITY_QUERIES = [
    ("nl", "vertrouwelijk"),
    ("nl", "vertrouwelijke"),
    ("en", "confidential"),
]


def home(site_model: SiteModel, lang: str) -> str:
    return "index.html" if lang == site_model.default_lang else f"{lang}/index.html"


@pytest.mark.parametrize(("lang", "query"), CONFIDENTIALITY_QUERIES)
def test_confidentiality_page_comes_first(page, site_url, site_model, lang, query):
    expected = {p.url for p in site_model.topic_pages(lang, "confidentiality")}
    assert expected, f"no {lang} page covers the topic 'confidentiality' (front matter topics:)"
    page.goto(site_url + home(site_model, lang))

    results = search(page, query, site_url)

    policy_hits = [r.url for r in results
                   if (hit := site_model.by_url(r.url)) and hit.lang == lang and hit.is_policy]
    assert policy_hits, f"{query!r} found no {lang} policy page; results: {results}"
    assert policy_hits[0] in expected, (
        f"{query!r}: first {lang} policy page is {policy_hits[0]}, expected one of "
        f"{sorted(expected)}; all policy hits in order: {policy_hits}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_value_from_the_variables_is_found(page, site_url, site_model, lang):
    team = site_model.variables["contacts"]["social_media_team"]["name"][lang]
    page.goto(site_url + home(site_model, lang))

    results = search(page, team, site_url)

    showing = [r for r in results if team.lower() in " ".join(r.text.split()).lower()
               and site_model.by_url(r.url) and site_model.by_url(r.url).lang == lang]
    assert showing, (f"searching the webcare team's name {team!r} (variables/company.yml) shows "
                     f"it in no {lang} result: {[(r.url, r.text[:80]) for r in results]}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_results_are_in_the_language_of_the_page(page, site_url, site_model, lang):
    # The team's name is on pages in both languages; one index holds both.
    team = site_model.variables["contacts"]["social_media_team"]["name"][lang]
    page.goto(site_url + home(site_model, lang))

    results = search(page, team.split()[0], site_url)

    languages = {site_model.by_url(r.url).lang for r in results if site_model.by_url(r.url)}
    assert languages == {lang}, f"{lang} page shows results in {languages}: {results}"
