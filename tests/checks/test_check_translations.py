"""Every page in every published language; images without a language suffix serve both."""

from __future__ import annotations

import base64

import pytest
from conftest import build, small_kit
from policykit.checks.translations import missing_translations
from policykit.sources.pages import SourcePage

FRONT = "---\ntopics: []\nowner: hr\nlast_reviewed: 2026-08-20\n---\n\n"
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                         "DwAChwGA60e6kgAAAABJRU5ErkJggg==")


def pages(*names: str) -> list[SourcePage]:
    return [SourcePage(name, "en" if ".en." in name else "nl", {}, "") for name in names]


@pytest.mark.parametrize("names, published, expected", [
    (("a.nl.md", "a.en.md", "index.md", "index.en.md"), ["nl", "en"], []),
    (("local/x.nl.md",), ["nl", "en"], [
        "docs/local/x.nl.md:1: page has no English version — add docs/local/x.en.md with the "
        "English text, or remove the page in every language"]),
    (("local/x.en.md",), ["nl", "en"], [
        "docs/local/x.en.md:1: page has no Dutch version — add docs/local/x.nl.md with the "
        "Dutch text, or remove the page in every language"]),
    # A page without suffix is the default language's; the Dutch one is named in the message.
    (("faq.md",), ["nl", "en"], [
        "docs/faq.md:1: page has no English version — add docs/faq.en.md with the English "
        "text, or remove the page in every language"]),
    (("local/x.nl.md",), ["nl"], []),  # a Dutch-only organisation needs no English
])
def test_missing_translations(names, published, expected):
    assert [str(f) for f in missing_translations(pages(*names), published, "nl")] == expected


@pytest.mark.build
def test_page_in_one_language_fails_once_at_the_page(tmp_path):
    kit = small_kit(tmp_path / "kit")
    (kit / "docs/local").mkdir(exist_ok=True)
    (kit / "docs/local/reizen.nl.md").write_text(FRONT + "# Reizen\n\nTekst.\n", encoding="utf-8")
    (kit / "docs/policy/ai-extra.en.md").write_text(FRONT + "# Extra\n", encoding="utf-8")
    result = build(kit)
    assert result.returncode != 0
    assert ("docs/local/reizen.nl.md:1: page has no English version — add "
            "docs/local/reizen.en.md with the English text") in result.output, result.explain()
    assert ("docs/policy/ai-extra.en.md:1: page has no Dutch version — add "
            "docs/policy/ai-extra.nl.md with the Dutch text") in result.output
    # Not the dozens of broken-link and nav warnings the other language's build would give.
    assert "broken link" not in result.output and "Traceback" not in result.output
    assert not (kit / "site/index.html").exists()


@pytest.mark.build
def test_image_without_language_suffix_shows_in_both_languages(tmp_path):
    kit = small_kit(tmp_path / "kit")
    local = kit / "docs/local"
    local.mkdir(exist_ok=True)
    (local / "schema.png").write_bytes(PIXEL)
    for lang, title in (("nl", "Reizen"), ("en", "Travel")):
        (local / f"reizen.{lang}.md").write_text(
            FRONT + f"# {title}\n\n![schema](schema.png)\n", encoding="utf-8")
    result = build(kit)
    assert result.returncode == 0, result.explain()
    assert '<img alt="schema" src="schema.png"' in result.page("local/reizen.html")
    english = result.page("en/local/reizen.html")
    assert '<img alt="schema" src="../../local/schema.png"' in english
    assert (kit / "site/local/schema.png").read_bytes() == PIXEL
    assert "Travel" in english and "Reizen" not in english.split("<article", 1)[1]
