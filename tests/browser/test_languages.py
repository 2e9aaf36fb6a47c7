"""The language menu in the header takes a reader to the same page in the other language."""

from __future__ import annotations

from browser.material import switch_language


def test_language_menu_of_every_page_leads_to_the_same_page(visits, site_model, site_url):
    wrong = []
    checked = 0
    for visit in visits:
        for lang in site_model.languages:
            other = site_model.counterpart(visit.page, lang) if visit.page.source else None
            if other is None:
                continue
            checked += 1
            if visit.language_links.get(lang) != site_url + other.url:
                wrong.append(f"{visit.page.url}: menu item {lang!r} leads to "
                             f"{visit.language_links.get(lang)}, expected {other.url}")
    assert checked >= 2 * len(site_model.languages), "too few translated pages to check"
    assert not wrong, "\n".join(wrong)


def test_switching_language_with_the_menu(page, site_url, site_model):
    """Click through the menu both ways on one translated page per folder (the links differ by
    depth: ``en/…`` from the root, ``../en/policy/…`` from a subfolder)."""
    per_folder = {}
    for dutch in site_model.in_lang("nl"):
        english = site_model.counterpart(dutch, "en")
        if dutch.source and english:
            per_folder.setdefault(dutch.url.rpartition("/")[0], (dutch, english))
    assert per_folder, "no page exists in both languages"
    wrong = []
    for dutch, english in per_folder.values():
        page.goto(site_url + dutch.url)
        switch_language(page, "en")
        if page.url != site_url + english.url or page.evaluate("document.documentElement.lang") != "en":
            wrong.append(f"{dutch.url} → English went to {page.url}, expected {english.url}")
            continue
        switch_language(page, "nl")
        if page.url != site_url + dutch.url:
            wrong.append(f"{english.url} → Nederlands went to {page.url}, expected {dutch.url}")
    assert not wrong, "\n".join(wrong)
