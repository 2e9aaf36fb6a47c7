"""The organisation's own text in kit pages: slots, replaced pages, switched-off pages."""

from __future__ import annotations

from policykit.sources.localtext import (
    LocalText,
    check_local_text,
    fingerprint,
    insert_slots,
    read_local_text,
    unlink_pages,
    waivers_for_switched_off,
    with_replacements,
)
from policykit.sources.pages import PageSet, SourcePage

KIT_PAGE = "---\ntopics: [wellbeing]\n---\n\n# Welzijn\n\nKittekst.\n"


def page(src_uri: str, source: str, meta: dict | None = None) -> SourcePage:
    return SourcePage(src_uri, src_uri.rsplit(".", 2)[1], meta or {}, source)


def pages(*extra: SourcePage) -> PageSet:
    return PageSet([page("policy/wellbeing.nl.md", KIT_PAGE, {"topics": ["wellbeing"]}),
                    page("policy/ai.nl.md", "# AI\n", {"topics": ["ai", "wellbeing"]}),
                    page("index.nl.md", "# Start\n\nZie [AI](policy/ai.md#regels).\n"), *extra])


def test_fingerprint_ignores_line_endings_and_trailing_spaces_only():
    assert fingerprint(KIT_PAGE) == fingerprint(KIT_PAGE.replace("\n", "  \r\n"))
    assert fingerprint(KIT_PAGE) != fingerprint(KIT_PAGE.replace("Kittekst", "Kit tekst"))
    assert fingerprint(KIT_PAGE).startswith("kit-")  # never read as a number by YAML


def test_slots_replacements_and_pages_off_are_read_and_checked():
    current = fingerprint(KIT_PAGE)
    found = pages(
        page("local/_slots/policy/wellbeing.end.nl.md", "Eigen **slot**."),
        page("local/_slots/policy/welbeing.end.nl.md", "Verkeerd."),
        page("local/_replace/policy/wellbeing.nl.md", "---\nreplaces: kit-000\n---\n# Eigen\n",
             {"replaces": "kit-000", "topics": ["wellbeing"]}),
        page("local/_replace/policy/nope.nl.md", "# Nee\n", {}))
    data = {"local": {"slots": {"index.intro": {"nl": "Hallo"}, "index.middle": {"nl": "x"}},
                      "pages_off": [{"page": "policy/ai.md", "reason": "Geen AI bij ons."},
                                    {"page": "policy/aii.md", "reason": "Typefout hier."}]}}
    local = read_local_text(found, data, "nl")
    assert local.slot("policy/wellbeing.end", "nl") == ("Eigen **slot**.", True)
    assert local.slot("index.intro", "nl") == ("Hallo", False)
    assert local.slot("index.intro", "en") is None
    lines = {("local", "slots", "index.middle"): 7, ("local", "pages_off", 1, "page"): 9}
    findings = check_local_text(found, local, lambda where: lines.get(where))
    messages = [(f.path, f.line, f.message, f.severity) for f in findings]
    assert ("docs/local/_slots/policy/welbeing.end.nl.md", 1,
            "no kit page has a slot 'policy/welbeing.end'", "error") in messages
    assert ("variables/company.yml", 7, "no kit page has a slot 'index.middle'", "error") in messages
    assert ("docs/local/_replace/policy/wellbeing.nl.md", 2,
            "the kit changed docs/policy/wellbeing.nl.md since you replaced it", "warning") in messages
    assert any(f.severity == "warning" and f"replaces: {current}" in f.fix for f in findings)
    assert ("docs/local/_replace/policy/nope.nl.md", 1,
            "the kit has no page docs/policy/nope.nl.md to replace", "error") in messages
    assert ("variables/company.yml", 9, "local.pages_off: the kit has no page 'policy/aii.md'",
            "error") in messages
    assert len(findings) == 5
    replaced = with_replacements(found, local)
    assert replaced.pages[0].source.endswith("# Eigen\n") and replaced.pages[0].src_uri == \
        "policy/wellbeing.nl.md"
    # The topics only the switched-off page covered are waived with the organisation's reason.
    kept = [p for p in replaced.pages if p.base != "policy/ai.md" and not p.src_uri.startswith("local/")]
    assert waivers_for_switched_off(replaced.pages, local, kept) == {
        "ai": "policy/ai.md switched off: Geen AI bij ons."}


def test_slots_go_after_the_title_and_at_the_end_and_links_to_pages_off_become_text():
    text = insert_slots("# Titel\n\nEerste alinea.\n", "Intro.", "Slot.")
    assert text == "# Titel\n\nIntro.\n\nEerste alinea.\n\nSlot.\n"
    local = LocalText({}, {}, {}, {"policy/ai.md": "Geen AI."})
    assert unlink_pages("Zie [AI](policy/ai.md#regels) en [X](policy/x.md).", "index.nl.md",
                        local.off) == "Zie AI en [X](policy/x.md)."
    assert unlink_pages("Zie [AI](ai.md).", "policy/respect.nl.md", local.off) == "Zie AI."
