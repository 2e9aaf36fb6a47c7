"""Pure parts of versions for approval: word diff, renames, acknowledgement link, dossier parts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from policykit.lifecycle.redlines import REDLINE_DIR, site_redlines
from policykit.output import acknowledgement, redline
from policykit.output.dossier import grounds_touched, history_between, load_grounds, render_dossier
from policykit.sources.versions import Block, PageText, read_book


def page(url: str, *texts: str, topics: tuple[str, ...] = ()) -> PageText:
    return PageText(url, texts[0], tuple(Block("h1" if i == 0 else "p", t)
                                         for i, t in enumerate(texts)), topics)


@pytest.mark.parametrize(("old", "new", "deleted", "inserted"), [
    ("Meld het binnen twee dagen.", "Meld het binnen drie dagen.", ["twee"], ["drie"]),
    ("Meld het binnen twee dagen.", "Meld het binnen twee werkdagen.", ["dagen"], ["werkdagen"]),
    ("Bel HR.", "Bel HR of je leidinggevende.", [], ["of je leidinggevende"]),
    ("Bel HR, of mail.", "Bel HR of mail.", [","], []),
    ("Gelijk.", "Gelijk.", [], []),
])
def test_word_diff_marks_only_the_changed_words(old, new, deleted, inserted):
    blocks = redline.diff_blocks((Block("p", old),), (Block("p", new),))
    pieces = [p for b in blocks for p in b.pieces]
    assert [p.text for p in pieces if p.op == "-"] == deleted
    assert [p.text for p in pieces if p.op == "+"] == inserted


def test_an_inserted_paragraph_is_one_new_block():
    old = (Block("p", "Eerste."), Block("p", "Derde."))
    new = (Block("p", "Eerste."), Block("p", "Tweede alinea erbij."), Block("p", "Derde."))
    blocks = redline.diff_blocks(old, new)
    assert [(b.op, [p.op for p in b.pieces]) for b in blocks] == [
        ("=", ["="]), ("+", ["+"]), ("=", ["="])]
    assert "<p class=\"pk-rl-new\"><ins>Tweede alinea erbij.</ins></p>" in \
        redline._block_html(blocks[1], 2)


def test_compare_follows_a_renamed_page_and_keeps_unrelated_pages_apart():
    old = [page("a.html", "A", "Tekst over vergaderingen, agenda's en notulen van het team."),
           page("gone.html", "Weg", "Faxberichten gelden niet meer.")]
    new = [page("b.html", "A", "Tekst over overleggen, agenda's en notulen van het team."),
           page("new.html", "Nieuw", "Livestreams hebben een eigen regel.")]
    changes = {c.page.url: c for c in redline.compare(old, new)}
    assert changes["b.html"].status == "renamed" and changes["b.html"].old.url == "a.html"
    assert changes["new.html"].status == "added"
    assert changes["gone.html"].status == "removed"
    assert changes["b.html"].deleted == ["vergaderingen"]


def test_rendered_values_are_escaped():
    change = redline.compare([], [page("x.html", "<b>Kop</b>", "a < b & c")])
    document = redline.render_html(change, "nl", {"from": "1", "to": "2",
                                                  "organisation": "<Org>", "title": "T"})
    assert "<b>Kop</b>" not in document and "&lt;b&gt;Kop&lt;/b&gt;" in document
    assert "&lt;Org&gt;" in document and "a &lt; b &amp; c" in document


def test_read_book_takes_blocks_per_page_without_scripts_or_nested_section_ends():
    book = ('<body><section class="pk-cover"><h1>Omslag</h1></section>'
            '<section class="pk-book-page" id="p-a" data-page="a.html"><h1>Titel</h1>'
            '<p>Een <em>zin</em>\n over   twee regels.</p><script>x()</script>'
            '<section><ul><li>Punt</li></ul></section><table><tr><td>Cel</td></tr></table>'
            '</section><section class="pk-book-page" id="p-en-b"><h1>B</h1></section></body>')
    pages = read_book(book)
    assert [p.url for p in pages] == ["a.html", "en/b"]
    assert pages[0].blocks == (Block("h1", "Titel"), Block("p", "Een zin over twee regels."),
                               Block("li", "Punt"), Block("td", "Cel"))


@pytest.mark.parametrize(("url", "expected"), [
    ("https://hr.example/form?version={version}&d={date}&t={fingerprint}",
     "https://hr.example/form?version=2.2&d=2026-10-01&t=abc123"),
    ("https://hr.example/form", "https://hr.example/form?version=2.2&date=2026-10-01"
                                "&fingerprint=abc123"),
    ("https://hr.example/form?lang=nl#top", "https://hr.example/form?lang=nl&version=2.2"
                                            "&date=2026-10-01&fingerprint=abc123#top"),
])
def test_form_link_names_version_date_and_fingerprint(url, expected):
    assert acknowledgement.form_link(url, "2.2", "2026-10-01", "abc123") == expected


def test_notice_only_for_a_marked_current_version(tmp_path):
    policy = {"version": "2.2", "effective_date": "2026-10-01", "draft": False, "history": [
        {"version": "2.2", "effective_date": "2026-10-01", "needs_acknowledgement": True},
        {"version": "2.1", "effective_date": "2026-09-01"}]}
    data = {"policy": policy}
    assert acknowledgement.notice(data, "f")["nl"]["detail"] == \
        "Versie 2.2, geldig vanaf 1 oktober 2026 (vingerafdruk f)."
    assert acknowledgement.notice(data, "f")["url"] == ""   # no form: hand it in on paper
    assert acknowledgement.notice({"policy": {**policy, "version": "2.1"}}, "f") is None
    assert acknowledgement.notice({"policy": {**policy, "draft": True}}, "f") is None
    (tmp_path / "a.md").write_text("Tekst", encoding="utf-8")
    first = acknowledgement.fingerprint(tmp_path, data)
    assert first == acknowledgement.fingerprint(tmp_path, data) and len(first) == 12
    (tmp_path / "a.md").write_text("Tekst.", encoding="utf-8")
    assert acknowledgement.fingerprint(tmp_path, data) != first
    assert acknowledgement.fingerprint(tmp_path, {"policy": {**policy, "version": "3"}}) != first


def test_consent_grounds_follow_the_topics_of_changed_pages():
    grounds = {g.id: g for g in load_grounds()}
    changes = redline.compare(
        [page("m.html", "M", "Bewaren 90 dagen.", topics=("monitoring",)),
         page("r.html", "R", "Respect.", topics=("respect",))],
        [page("m.html", "M", "Bewaren 60 dagen.", topics=("monitoring",)),
         page("r.html", "R", "Respect!", topics=("respect",))])
    touched = {g.id: [c.page.url for c in pages] for g, pages in grounds_touched(
        changes, grounds.values())}
    assert touched == {"monitoring": ["m.html"], "personal-data": ["m.html"]}
    unrelated = redline.compare([page("r.html", "R", "Respect.", topics=("respect",))],
                                [page("r.html", "R", "Respect!", topics=("respect",))])
    assert grounds_touched(unrelated, grounds.values()) == []
    data = {"policy": {"title": {"nl": "Beleid"}, "approved_by": "de directie",
                       "owner_role": "manager", "history": []},
            "organisation": {"legal_name": "Org B.V."}, "works_council": {"name": "OR"},
            "contacts": {"legal": {"name": "Juridisch", "email": "j@org.example"}}}
    html = render_dossier(data, {"label": "1", "effective_date": "2026-01-01"},
                          {"label": "2", "effective_date": "2026-02-01"}, unrelated,
                          list(grounds.values()), "nl", dt.date(2026, 1, 10))
    assert "lijkt instemming volgens artikel 27 WOR niet nodig" in html
    assert "ter informatie" in html and "data-ground" not in html


def test_history_between_takes_the_versions_after_from_up_to_to():
    history = [{"version": v, "effective_date": d} for v, d in
               (("1", "2024-01-01"), ("2", "2025-01-01"), ("3", "2026-01-01"))]
    assert [e["version"] for e in history_between(history, "2024-01-01", "2026-01-01")] == \
        ["3", "2"]
    assert history_between(history, "2026-01-01", "2026-01-01") == []


def test_context_shows_changed_blocks_their_neighbours_and_the_title():
    texts = ["Titel", "Een.", "Twee.", "Drie.", "Vier.", "Vijf.", "Zes."]
    old = [page("a.html", *texts)]
    new = [page("a.html", *texts[:4], "Vier!", *texts[5:])]
    body = redline.render_body(redline.compare(old, new), "nl", context=1)
    section = body.split('data-page="a.html">')[1].split("</section>")[0]
    assert [b for b in re.findall(r"<(?:h3|p)[^>]*>(.*?)</(?:h3|p)>", section)][1:] == [
        "Titel", "…", "Drie.", "Vier<del>.</del><ins>!</ins>", "Vijf.", "…"]
    assert "Een." not in section and "Zes." not in section
    assert "Een." in redline.render_body(redline.compare(old, new), "nl")


def test_a_redline_file_with_foreign_markup_stays_out_of_the_site(tmp_path):
    folder = tmp_path / REDLINE_DIR
    folder.mkdir()
    good = redline.render_html(redline.compare([page("a.html", "A", "x")],
                                               [page("a.html", "A", "y")]), "nl",
                               {"from": "1", "to": "2"})
    (folder / "redline-1-2.nl.html").write_text(good, encoding="utf-8")
    (folder / "redline-1-2.en.html").write_text(good.replace("<ins>", "<ins onmouseover=\"x()\">"),
                                                encoding="utf-8")
    (folder / "redline-0-1.nl.html").write_text(good + "<script>alert(1)</script>")
    (folder / "notes.html").write_text("<script></script>")           # not a redline name
    (folder / "redline-9-9.nl.html").symlink_to("/etc/hostname")      # points elsewhere
    kept, findings = site_redlines(tmp_path)
    assert [p.name for p in kept] == ["redline-1-2.nl.html"]
    assert [(f.path, f.message) for f in findings] == [
        ("redlines/redline-0-1.nl.html", "not a redline made by make redline (<script>)"),
        ("redlines/redline-1-2.en.html",
         "not a redline made by make redline (attribute onmouseover)")]
    assert all("run make redlines" in f.fix for f in findings)
