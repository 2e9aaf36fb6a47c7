"""Every page of the site, loaded once in Chromium: it stays on 127.0.0.1, runs without script
errors, declares its language and passes the accessibility checks.

The ``visits`` fixture loads each page once; each test here judges one aspect of all of them and
lists every page that fails, not just the first. Every test that reads the visits lives in this
module, so one xdist worker (``--dist loadscope``) makes them once per run.
"""

from __future__ import annotations

import pytest
from conftest import REPO
from policykit.output import printbook

from browser import pagechecks
from browser.guard import is_local
from browser.pagechecks import blocking, skipped_heading_levels


def report(problems: dict[str, object]) -> str:
    return "\n".join(f"{url}: {what}" for url, what in problems.items())


def test_every_page_was_visited(visits, site_model):
    languages = {visit.page.lang for visit in visits}
    assert len(visits) == len(site_model.pages) >= 4
    assert languages == set(site_model.languages), languages


def test_no_request_leaves_the_machine(visits):
    outside = {visit.page.url: [url for url in visit.requests if not is_local(url)]
               for visit in visits}
    outside = {url: urls for url, urls in outside.items() if urls}
    assert not outside, "requests to other hosts than 127.0.0.1:\n" + report(outside)
    # The log really holds what the page loaded: its own URL, the theme's script and the search index.
    home = next(visit for visit in visits if visit.page.url == "index.html")
    assert any(u.endswith("/index.html") for u in home.requests), home.requests
    assert any("/assets/javascripts/bundle." in u for u in home.requests), home.requests
    assert any(u.endswith("search_index.json") for u in home.requests), home.requests


def test_no_script_errors(visits):
    errors = {visit.page.url: visit.errors for visit in visits if visit.errors}
    assert not errors, report(errors)


def test_lang_attribute_matches_the_language(visits):
    wrong = {visit.page.url: f'<html lang="{visit.lang}">, expected "{visit.page.lang}"'
             for visit in visits if visit.page.source and visit.lang != visit.page.lang}
    assert not wrong, report(wrong)
    # Theme pages without a source (404.html) must still declare a language the site publishes.
    languages = {visit.page.url: visit.lang for visit in visits}
    assert set(languages.values()) <= {"nl", "en"}, languages


def test_no_serious_or_critical_axe_violations(visits):
    found = {visit.page.url: [f"{v['impact']} {v['id']}: {v['help']} at {v['targets']}"
                              for v in blocking(visit.violations)]
             for visit in visits}
    found = {url: v for url, v in found.items() if v}
    assert not found, "axe-core violations (serious/critical):\n" + report(found)


def test_headings_do_not_skip_levels(visits):
    jumps = {visit.page.url: skipped_heading_levels(visit.headings) for visit in visits}
    jumps = {url: j for url, j in jumps.items() if j}
    assert not jumps, "headings skip a level:\n" + report(jumps)
    assert all(visit.headings and visit.headings[0]["level"] == 1 for visit in visits)


def test_every_link_has_a_name(visits):
    nameless = {visit.page.url: visit.nameless_links for visit in visits if visit.nameless_links}
    assert not nameless, "links without an accessible name:\n" + report(nameless)


def test_language_menu_of_every_page_leads_to_the_same_page(visits, site_model, visits_url):
    wrong = []
    checked = 0
    for visit in visits:
        for lang in site_model.languages:
            other = site_model.counterpart(visit.page, lang) if visit.page.source else None
            if other is None:
                continue
            checked += 1
            if visit.language_links.get(lang) != visits_url + other.url:
                wrong.append(f"{visit.page.url}: menu item {lang!r} leads to "
                             f"{visit.language_links.get(lang)}, expected {other.url}")
    assert checked >= 2 * len(site_model.languages), "too few translated pages to check"
    assert not wrong, "\n".join(wrong)


def test_the_checks_catch_known_problems(page, axe_script):
    """The readers above are not blind: a page with known faults shows each of them."""
    page.set_content('<html><body><main><h1>Title</h1><h3>Skipped a level</h3>'
                     '<a href="#x"></a><img src="data:,"></main></body></html>')
    found = {v["id"] for v in pagechecks.blocking(pagechecks.axe_violations(page, axe_script))}
    assert {"image-alt", "link-name", "html-has-lang"} <= found, found
    assert skipped_heading_levels(pagechecks.headings(page)) == ["h1 → h3 'Skipped a level'"]
    assert len(pagechecks.nameless_links(page)) == 1
    assert pagechecks.document_lang(page) == ""


def test_colour_rules_check_each_new_style_and_only_that(page, axe_script):
    """``start_axe(page, seen)``: faint text is found on the first page that shows its style,
    the same style on a later page is not read again, and a new style (fainter text, a faint
    link, readable text put on a dark background) is read wherever it first appears."""
    def visit(body: str, seen: set[str]) -> tuple[list[str], list[str]]:
        page.set_content(f'<html lang="en"><body><main><h1>Title</h1>{body}</main></body></html>')
        page.add_script_tag(path=str(axe_script))
        added = pagechecks.start_axe(page, seen)
        violations = pagechecks.read_page(page)["violations"]
        return added, sorted(v["id"] for v in violations if v["id"] in pagechecks.STYLE_RULES)

    faint = '<p>Readable text.</p><p style="color:#bbb">Faint text.</p>'
    added, found = visit(faint, set())
    assert found == ["color-contrast"] and len(added) == 3, added  # h1, p, faint p
    # The report names the element as the page has it, without the mark that chose it.
    visit('<p><span>Readable</span> and <span style="color:#bbb">faint</span>.</p>', set())
    targets = [v["targets"] for v in pagechecks.read_page(page)["violations"]
               if v["id"] == "color-contrast"]
    assert len(targets) == 1 and targets[0][0].startswith("span") \
        and "policykit" not in str(targets), targets
    seen = set(added)
    assert visit(faint + "<p>More readable text.</p>", seen) == ([], [])
    for body in ('<p style="color:#ccc">Fainter text.</p>',
                 '<div style="background:#333"><p>Readable text.</p></div>',
                 '<p style="color:#bbb">Faint text with <a href="#x" style="color:#bbb;'
                 'text-decoration:none">a link</a> in it.</p>'):
        added, found = visit(body, seen)
        assert added and found, body


@pytest.mark.parametrize(("organisation", "draft"), [
    ("Zorgkring Noord", False), ("Ōsaka & Söhne <i>Verlag</i> GmbH", True),
    ("Brugwerk Ingenieurs B.V.", False),
    ("Stichting Gezamenlijke Woningcorporaties Noord-Holland en Omstreken", False)])
def test_print_cover_passes_axe_with_any_organisation_name(page, axe_script, organisation, draft):
    """The print version's cover, for names with and without full stops, draft or not: the
    name above the title is no styled paragraph that reads as a heading (axe's p-as-heading
    skips text with two full stops, so the example's 'B.V.' hid it)."""
    cover = printbook.Cover(organisation=organisation, title="Social media policy",
                            version="1.0", effective="1 March 2027", approved_by="The board",
                            approved_on="1 March 2027", owner="Head of Communications",
                            intranet="https://intranet.example.test", draft=draft)
    book = printbook.render_book(cover, [printbook.BookPage("index.html", "Policy",
                                                            "<h1>Policy</h1><p>Text.</p>")],
                                 "en", "print.html")
    page.set_content(book)
    page.add_style_tag(path=str(REPO / "docs" / printbook.STYLESHEET))
    found = [f"{v['id']} at {v['targets']}"
             for v in pagechecks.blocking(pagechecks.axe_violations(page, axe_script))]
    assert not found, found
