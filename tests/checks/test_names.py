"""Names that read right: parsing written names, sentence starts, and the names check."""

from __future__ import annotations

import re

import pytest
from policykit.checks.names import check_page_source, check_rendered
from policykit.names import parse_name
from policykit.output import insertions


@pytest.mark.parametrize(("written", "lang", "sentence", "card", "remark"), [
    ("het HR-servicepunt", "nl", "het HR-servicepunt", "HR-servicepunt", ""),
    ("HR-servicepunt", "nl", "het HR-servicepunt", "HR-servicepunt", ""),
    ("De vertrouwenspersoon", "nl", "de vertrouwenspersoon", "Vertrouwenspersoon", ""),
    ("Vertrouwenspersoon", "nl", "de vertrouwenspersoon", "Vertrouwenspersoon", ""),
    ("Juridische Zaken", "nl", "Juridische Zaken", "Juridische Zaken", ""),
    ("manager Communicatie", "nl", "de manager Communicatie", "Manager Communicatie", ""),
    ("Crisislijn Communicatie (buiten kantoortijd)", "nl", "de Crisislijn Communicatie",
     "Crisislijn Communicatie", "buiten kantoortijd"),
    ("the Ethics Hotline", "nl", "Ethics Hotline", "Ethics Hotline", ""),  # English fallback
    ("the the HR", "en", "the the HR", "The HR", ""),  # left for the built-text check
    ("The Board of Directors", "en", "the Board of Directors", "Board of Directors", ""),
    ("Data protection officer", "en", "the data protection officer", "Data protection officer", ""),
    ("HR service desk", "en", "the HR service desk", "HR service desk", ""),
    ("Legal Affairs", "en", "Legal Affairs", "Legal Affairs", ""),
    ("HR", "en", "HR", "HR", ""),
    ("Ethics Hotline (24/7)", "en", "the Ethics Hotline", "Ethics Hotline", "24/7"),
    # A possessive takes the article's place: no "the our ..." (found by a trial).
    ("our external confidential adviser", "en", "our external confidential adviser",
     "Our external confidential adviser", ""),
    ("onze externe vertrouwenspersoon", "nl", "onze externe vertrouwenspersoon",
     "Onze externe vertrouwenspersoon", ""),
    ("Your HR business partner (HRBP)", "en", "your HR business partner",
     "Your HR business partner", "HRBP"),
])
def test_written_names_give_sentence_and_card_forms(written, lang, sentence, card, remark):
    name = parse_name(written, lang)
    assert (name.in_sentence(), name.display(), name.remark) == (sentence, card, remark)


def render(markdown: str, values: dict[str, str], dropped: str = "") -> insertions.Rendered:
    """Stand-in for template rendering: ``<<key>>`` becomes a marked name, ``[[key]]`` a value;
    the lines ``dropped`` (a template block that is off) disappear."""
    text = insertions.number_lines(markdown)
    text = re.sub(dropped, "", text, flags=re.S) if dropped else text
    for key, value in values.items():
        text = text.replace(f"<<{key}>>", insertions.mark_name(value))
        text = text.replace(f"[[{key}]]", insertions.mark_value(value))
    return insertions.finish(text, offset=2)


def test_names_are_capitalised_where_a_sentence_starts():
    page = ("<<hr>> helpt je.\n"
            "Lever hem in bij <<hr>>. <<hr>> bewaart hem.\n"
            "- <<hr>> of je leidinggevende\n"
            "| Wie | <<hr>> |\n"
            "Een lange zin over\n"
            "<<hr>> die doorloopt.\n"
            "\n"
            "**<<hr>>** staat vet.\n"
            "Bij ons: <<hr>>.\n")
    done = render(page, {"hr": "het HR-servicepunt"})
    assert done.text.split("\n")[:9] == [
        "Het HR-servicepunt helpt je.",
        "Lever hem in bij het HR-servicepunt. Het HR-servicepunt bewaart hem.",
        "- Het HR-servicepunt of je leidinggevende",
        "| Wie | Het HR-servicepunt |",
        "Een lange zin over",
        "het HR-servicepunt die doorloopt.",
        "",
        "**Het HR-servicepunt** staat vet.",
        "Bij ons: het HR-servicepunt.",
    ]
    assert [i.line for i in done.insertions] == [3, 4, 4, 5, 6, 8, 10, 11]


def test_line_numbers_follow_the_source_when_template_blocks_drop_lines():
    page = "{% if x %}\nweg\n{% endif %}\n[[tool]] telt.\n{{ a\n }} b.\n[[tool]] ook."
    done = render(page, {"tool": "een dienst"}, dropped=r"\S*\{% if x %\}.*?\{% endif %\}\n")
    assert [i.line for i in done.insertions] == [6, 9]
    findings = check_rendered(done.lines, done.insertions, "docs/p.nl.md")
    assert [(f.line, f.check) for f in findings] == [(6, "names"), (9, "names")]
    assert "lower case" in findings[0].message and "een dienst" in findings[0].message


def test_rendered_check_reports_doubled_articles_but_not_a_pronoun():
    lines = [(5, "Stuur het naar de de directie."), (6, "Send it to the <strong>the</strong> board."),
             (7, "Vraag het de directie."), (8, "Report to the The Board, or to the"),
             (10, "the board.")]
    findings = check_rendered(lines, [], "docs/x.en.md")
    assert [f.line for f in findings] == [5, 6, 8, 10]
    assert all(f.path == "docs/x.en.md" and "two articles" in f.message for f in findings)


def test_source_check_reports_articles_possessives_and_raw_names():
    text = ("Vraag het aan de {{ who('hr') }}.\n"
            "Ask our {{ who('legal') }} first.\n"
            "Bel {{ who('crisis_line') }}.\n"
            "Approved by {{ policy.approved_by }} and {{ contacts.hr.name }}.\n")
    findings = check_page_source(text, "docs/p.nl.md", first_line=3)
    assert [(f.line, f.message.split(" ")[0]) for f in findings] == [
        (3, "'de'"), (4, "'our'"), (6, "the"), (6, "the")]
    assert {"who('approved_by')" in findings[2].fix, "who('hr')" in findings[2].fix} == {True, False}
    assert {"who('approved_by')" in findings[3].fix, "who('hr')" in findings[3].fix} == {True, False}


def test_a_lower_case_start_is_reported_with_the_value_as_written():
    """The value in the message reads as in variables/company.yml, not as HTML escapes it."""
    lines = [(9, "de gemeente &#39;s-Hertogenbosch &amp; omstreken gebruikt sociale media.")]
    value = insertions.Insertion(9, "de gemeente &#39;s-Hertogenbosch &amp; omstreken",
                                 is_name=False, starts_sentence=True)
    found = check_rendered(lines, [value], "docs/principles/purpose.nl.md")
    assert [str(f) for f in found] == [
        "docs/principles/purpose.nl.md:9: the sentence starts in lower case with the inserted "
        "value 'de gemeente 's-Hertogenbosch & omstreken' — start the sentence with words of "
        "the page, or use who() for a name (it capitalises)"]


def test_no_kit_page_starts_a_sentence_with_an_inserted_organisation_name():
    """An organisation may write its name in lower case ("de gemeente 's-Hertogenbosch"): a
    kit page that starts a sentence with it would fail that organisation's build."""
    from conftest import REPO

    starts = re.compile(r"(?:^|[.!?]\s+)\{\{\s*organisation\.\w+\s*\}\}", re.M)
    found = [f"{path.relative_to(REPO)}: {match.group(0).strip()}"
             for path in sorted((REPO / "docs").rglob("*.md"))
             for match in starts.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
