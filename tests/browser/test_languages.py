"""The language menu in the header takes a reader to the same page in the other language."""

from __future__ import annotations

from browser.material import switch_language


def test_language_switcher_keeps_the_page(page, site_url, site_model):
    pairs = [(nl, site_model.counterpart(nl, "en")) for nl in site_model.in_lang("nl")
             if nl.source and site_model.counterpart(nl, "en")]
    assert len(pairs) >= 3, f"too few pages in both languages to test the switcher: {pairs}"
    wrong = []
    for dutch, english in pairs:
        page.goto(site_url + dutch.url)
        switch_language(page, "en")
        if page.url != site_url + english.url or page.evaluate("document.documentElement.lang") != "en":
            wrong.append(f"{dutch.url} → English went to {page.url}, expected {english.url}")
            continue
        switch_language(page, "nl")
        if page.url != site_url + dutch.url:
            wrong.append(f"{english.url} → Nederlands went to {page.url}, expected {dutch.url}")
    assert not wrong, "\n".join(wrong)
