"""The language menu in the header takes a reader to the same page in the other language.

(That every page's menu leads to its counterpart is judged with the other every-page checks in
``test_every_page.py``: the page visits are made once, on one worker.)"""

from __future__ import annotations

from browser.material import switch_language


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
