"""Language checks: spelling (Hunspell), plain language, consistent terms, translations in step.

Pure functions are tested table-driven; seeded defects go into ONE real build of a kit copy
with a real git history, a second build shows the message when dictionaries are missing, and
the example site (built once for the suite) shows the kit's own pages pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build, replace_in, require_program, small_kit
from gitrepo import commit_all, git, init_repo
from policykit.cachedir import cache_dir
from policykit.checks import hunspell, language, plainlanguage, spelling, terms, translationsync
from policykit.sources import contentdates
from policykit.sources.contentdates import ContentChange
from policykit.sources.frontmatter import read_front_matter
from policykit.sources.pages import SourcePage
from policykit.sources.prose import VALUE, prose_lines

# One worker runs this module: the seeded build (a module fixture) is made once.
pytestmark = pytest.mark.xdist_group("language")

@pytest.mark.parametrize("source, expected", [
    ("# Kop\n\nTekst met `code` en [link](https://x.example/a).",
     [(1, "Kop"), (3, f"Tekst met {VALUE} en link.")]),
    ("```\nnot prose\n```\nNa {{ contacts.hr.name }}.", [(4, f"Na {VALUE}.")]),
    ("Mail hr@x.example of zie https://x.example.", [(1, "Mail of zie")]),
    ("<!-- weg\nook weg -->\n{% if flags.x %}Ja{% endif %}", [(3, "Ja")]),
    ("| Kolom | Twee |\n|---|---|\n| a `b` | c |", [(1, "Kolom"), (1, "Twee"), (3, f"a {VALUE}"), (3, "c")]),
    ('!!! warning "Let op"\n    Binnen.', [(1, "Let op"), (2, "Binnen.")]),
    ("Zie variables/company.yml en index.nl.md.", [(1, f"Zie {VALUE} en {VALUE}.")]),
    ("Volg #WerkenBijOns en @brugwerk, niet &#35;.", [(1, f"Volg {VALUE} en {VALUE}, niet #.")]),
])
def test_prose_lines(source, expected):
    assert [(p.line, p.text) for p in prose_lines(source)] == expected


def fake_dictionary(known: set[str]) -> spelling.Dictionary:
    return spelling.Dictionary(lambda words: {w for w in words if w not in known},
                               lambda words: {w: [f"{w}-fixed"] for w in words})


def test_spelling_word_lists_hyphen_parts_and_abbreviations():
    page = spelling.PageProse("docs/a.nl.md", "nl", prose_lines(
        "Brugwerkapp en AI-tools, nr. 5 van Anna's team.\nFuot hier."))
    dictionary = fake_dictionary({"en", "AI", "tools", "nr.", "van", "Anna", "team", "hier"})
    words = spelling.read_word_list("brugwerkapp\n")
    found = spelling.check_spelling([page], {"nl": dictionary}, {"nl": words},
                                    {"nl": "variables/words.nl.txt"})
    assert [str(f) for f in found] == [
        "docs/a.nl.md:2: unknown word 'Fuot' (Dutch spelling) — did you mean 'Fuot-fixed'? "
        "If 'Fuot' is right, add it to variables/words.nl.txt"]


def test_hunspell_finds_dutch_and_english_with_suggestions():
    require_program("hunspell", package="hunspell")
    nl = hunspell.find_speller("nl", os.environ)
    en = hunspell.find_speller("en_GB", os.environ)
    assert nl.unknown(["verzinnt", "persvoorlichtingsafdeling", "medewerker"]) == {"verzinnt"}
    assert "verzint" in nl.suggest(["verzinnt"])["verzinnt"]
    assert en.unknown(["recieve", "organisation"]) == {"recieve"}


def test_missing_dictionary_says_how_to_install(tmp_path):
    with pytest.raises(hunspell.SpellerMissing, match="apt-get install hunspell hunspell-nl"):
        hunspell.find_speller("nl", {"POLICYKIT_DICTIONARIES": str(tmp_path)})


@pytest.mark.parametrize("word, language, count", [
    ("medewerker", "nl", 4), ("ideeën", "nl", 3), ("geëist", "nl", 2), ("policy", "en", 3),
    ("share", "en", 1), (VALUE, "en", 2)])
def test_syllables(word, language, count):
    assert plainlanguage.syllables(word, language) == count


def test_plain_language_limits_advice_apart_from_blocking():
    long = " ".join(["woord"] * 30) + "."
    lines = prose_lines(f"Kort.\n\n{long}\n\nNog kort.\n\nEn nog een zin.")
    limits = plainlanguage.limits_from({"sentence_words": {"advice": 20, "limit": 28}})
    figures = plainlanguage.page_figures("docs/a.nl.md", "nl", lines, 20)
    blocking, advice = plainlanguage.judge(figures, limits)
    assert [str(f) for f in blocking] == [
        "docs/a.nl.md:3: sentence of 30 words (more than 28) — split it into shorter sentences: "
        "one message per sentence"]
    assert advice == []  # average 9.25 words, one-syllable words: easy
    assert (figures.sentences, figures.words, figures.syllables) == (4, 37, 37)
    assert figures.readability == pytest.approx(206.84 - 0.77 * 100 - 0.93 * 37 / 4)
    strict = plainlanguage.limits_from({"average_sentence_words": {"advice": 8, "limit": 30}})
    assert [(f.severity, f.message) for f in plainlanguage.judge(figures, strict)[1]] == [
        ("warning", "sentence of 30 words (more than 25)"),
        ("warning", "average sentence length 9.2 words (more than 8)")]
    # Shown with as many decimals as it takes to be over the bound, never "9.2 (more than 9.24)".
    close = plainlanguage.limits_from({"average_sentence_words": {"advice": 9.24, "limit": 30}})
    assert plainlanguage.judge(figures, close)[1][-1].message == (
        "average sentence length 9.25 words (more than 9.24)")


def test_terms_with_exceptions_and_organisation_override():
    chosen = terms.read_terms({"nl": {"email": "e-mail", "werknemer": {
        "prefer": "medewerker", "except": ["goed werknemer"]}}}, {"nl": {"email": ""}})
    lines = prose_lines("Stuur een email.\nEen werknemer, als goed werknemer.")
    assert [str(f) for f in terms.check_terms("docs/a.nl.md", "nl", lines, chosen, "T")] == [
        "docs/a.nl.md:2: 'werknemer' is not the policy's term — write 'medewerker' (or change "
        "the term in T)"]


def _page(uri: str, meta: str = "") -> SourcePage:
    source = f"---\n{meta}\n---\n# T\n"
    lang = uri.split(".")[-2]
    return SourcePage(uri, lang, read_front_matter(source), source)


@pytest.mark.parametrize("meta, ancestor, warned", [
    ("", None, True),
    ("translation_in_step: 2026-11-20", None, False),
    ("translation_in_step: 2026-11-19", None, True),
    ("translation_in_step: abcdef1234", True, False),
    ("translation_in_step: 1234567", False, True),
])
def test_translations_behind(meta, ancestor, warned):
    pages = [_page("x.nl.md"), _page("x.en.md", meta)]
    changes = {"x.nl.md": ContentChange("f" * 40, dt.date(2026, 11, 20), 0),
               "x.en.md": ContentChange("e" * 40, dt.date(2026, 10, 2), 3)}
    _, found = translationsync.translations_behind(pages, changes, lambda a, b: ancestor)
    expected = ("docs/x.en.md: the Dutch version changed on 2026-11-20 after this one "
                "(2026-10-02)")
    assert [str(f).startswith(expected) for f in found] == ([True] if warned else [])
    # a history cut off (shallow clone) never warns
    cut = {**changes, "x.en.md": ContentChange("e" * 40, dt.date(2026, 10, 2), 3, exact=False)}
    assert translationsync.translations_behind(pages, cut, lambda a, b: None)[1] == []


# --- one real build with every seeded defect, in a real git history ----------------------

SEEDED_NL = ("Een AI-tool verzinnt soms feiten. Vraag het de persvoorlichtingsafdeling van "
             "Brugwerkapp. Stuur een email als je twijfelt. Een klokkenluidster is beschermd.")
SEEDED_EN = ("If you recieve a message, " + " ".join(["you check it"] * 15) + " before you "
             "share it.")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> tuple[Path, object]:
    require_program("hunspell", package="hunspell")
    project = small_kit(tmp_path_factory.mktemp("language") / "kit",
                        keep=("policy/ai.md", "policy/privacy.md", "policy/security.md",
                              "policy/respect.md", "principles/value.md"))
    (project / "variables" / "words.nl.txt").write_text("# ours\nBrugwerkapp\n",
                                                        encoding="utf-8")
    init_repo(project, day="2026-10-02")
    docs = project / "docs" / "policy"
    # A Dutch change after the English version: warned. Only front matter / whitespace: not.
    replace_in(docs / "ai.nl.md", "Dat is handig, maar", "Dat is erg handig, maar")
    replace_in(docs / "privacy.nl.md", "last_reviewed: 2026-11-20", "last_reviewed: 2026-11-21")
    replace_in(docs / "security.nl.md", "\n## ", "\n\n## ")
    text = (docs / "respect.nl.md").read_text(encoding="utf-8")
    (docs / "respect.nl.md").write_text(text.rstrip() + "\n\nDit is nieuw.\n", encoding="utf-8")
    commit_all(project, "Dutch changes", day="2026-11-20")
    # The English respect page is confirmed in step (front matter only).
    replace_in(docs / "respect.en.md", "---\n", "---\ntranslation_in_step: 2026-11-20\n", 1)
    commit_all(project, "confirm the translation", day="2026-11-22")
    # Seeded spelling, term and sentence defects (uncommitted: the checks read the files).
    replace_in(project / "docs" / "principles" / "value.nl.md", "\n## ", f"\n{SEEDED_NL}\n\n## ")
    replace_in(project / "docs" / "principles" / "value.en.md", "\n## ", f"\n{SEEDED_EN}\n\n## ")
    # A glossary term the glossary does not explain (the page's terms: front matter).
    replace_in(project / "docs" / "glossary.en.md", "terms:   #", "terms:\n  Ombudsperson: [ombudsman]\n  #")
    return project, build(project)


@pytest.mark.parametrize("page, word, expected", [
    ("value.nl.md", "verzinnt", "unknown word 'verzinnt' (Dutch spelling) — did you mean 'verzint'"),
    ("value.en.md", "recieve", "unknown word 'recieve' (English spelling) — did you mean 'receive'"),
    ("value.en.md", "recieve", "sentence of 54 words (more than 40) — split it into shorter"),
    ("value.nl.md", "email", "'email' is not the policy's term — write 'e-mail'"),
    # from the glossary's front matter: the headword as it reads mid-sentence
    ("value.nl.md", "klokkenluidster", "'klokkenluidster' is not the policy's term — write "
     "'klokkenluider'"),
])
def test_seeded_build_fails_with_each_defect_at_its_line(seeded, page, word, expected):
    project, result = seeded
    assert result.returncode != 0, result.explain()
    line = _line_of(project / "docs/principles" / page, word)
    assert f"docs/principles/{page}:{line}: {expected}" in result.output, result.output


def test_a_glossary_term_without_its_entry_is_reported(seeded):
    project, result = seeded
    line = _line_of(project / "docs/glossary.en.md", "terms:")
    assert (f"docs/glossary.en.md:{line}: the term 'Ombudsperson' is not explained in the "
            "glossary — add an entry 'Ombudsperson' to the page, or remove it from terms:"
            ) in result.output, result.output


def test_seeded_build_accepts_compound_and_word_list_term(seeded):
    _, result = seeded
    # A correct compound (not in the dictionary as such) and a word-list term: not reported.
    assert "unknown word 'verzinnt'" in result.output
    assert "persvoorlichtingsafdeling" not in result.output
    assert "Brugwerkapp" not in result.output


def test_seeded_build_warns_translation_behind_only_where_text_changed(seeded):
    project, result = seeded
    assert ("docs/policy/ai.en.md: the Dutch version changed on 2026-11-20 after this one "
            "(2026-10-02) — check the translation and commit it") in result.output
    for quiet in ("privacy.en.md", "security.en.md", "respect.en.md"):
        assert f"docs/policy/{quiet}: the Dutch version" not in result.output
    report = json.loads((result.site / "policykit-report.json").read_text(encoding="utf-8"))
    behind = report["language"]["translations_behind"]
    assert behind == [{"page": "docs/policy/ai.en.md", "changed": "2026-10-02",
                       "other": "docs/policy/ai.nl.md", "other_changed": "2026-11-20"}]
    assert report["checks"]["translations-in-step"]["status"] == "passed"  # a warning only
    assert report["checks"]["spelling"]["status"] == "failed"
    coverage = result.page("en/coverage.html")
    assert "Translations that may be behind" in coverage and "docs/policy/ai.en.md" in coverage


def test_check_language_gives_the_same_findings_as_the_build(seeded):
    project, result = seeded
    done = _cli(project)
    assert done.returncode == 1
    # The build saved its result in the kit's cache (never in the repository); the command
    # computes anew (POLICYKIT_LANGUAGE_CACHE=off).
    assert list(cache_dir(os.environ, language.CACHE_KIND).glob("*.json"))
    assert not (project / ".cache").exists()
    # The same findings: file, line and what is wrong. Not the fix: Hunspell stops looking for
    # suggestions after a time limit, so on a busy machine a build may offer fewer of them.
    for line in done.stderr.splitlines():
        if line.startswith("docs/"):
            assert line.split(" — ", 1)[0] in result.output, line
    assert "unknown word 'verzinnt'" in done.stderr and "Advice (does not fail" in done.stdout
    words = _cli(project, "--unknown-words", "nl")
    assert words.stdout.split() == ["klokkenluidster", "verzinnt"]  # the term: not in OpenTaal


def test_hunspell_is_asked_only_about_words_it_has_not_answered(seeded, tmp_path):
    """Hunspell's answers are kept per dictionary: the same words again start no Hunspell, a
    new word is the only one asked, an updated dictionary is asked afresh, and the findings
    are the same as without the kept answers."""
    require_program("hunspell", package="hunspell")
    project, _ = seeded
    from policykit.context import BuildContext
    ctx = BuildContext.load(project / "mkdocs.yml")
    dictionaries = tmp_path / "dictionaries"
    dictionaries.mkdir()
    for suffix in (".dic", ".aff"):
        found = hunspell.find_speller("nl", os.environ).dictionary.with_suffix(suffix)
        (dictionaries / f"nl{suffix}").write_bytes(found.read_bytes())
    asked = tmp_path / "asked.log"
    logging = tmp_path / "hunspell"
    logging.write_text(f'#!/bin/sh\necho "-- $1" >> {asked}\n'
                       f'tee -a {asked} | exec {hunspell.find_speller("nl", os.environ).program} "$@"\n',
                       encoding="utf-8")
    logging.chmod(0o755)
    env = {**os.environ, "POLICYKIT_HUNSPELL": str(logging), "POLICYKIT_CACHE": str(tmp_path / "c"),
           "POLICYKIT_DICTIONARIES": str(dictionaries)}
    only = ["docs/principles/value.nl.md"]
    pages = [p for p in ctx.pages if p.language == "nl"]

    def check(checked: list[SourcePage], **more: str) -> tuple[list[str], list[str]]:
        asked.write_text("", encoding="utf-8")
        report = language.check_language(project, checked, ctx.data, {**env, **more},
                                         only=only, enabled=["spelling"])
        return sorted(str(f) for f in report.findings), asked.read_text(encoding="utf-8").split("\n")

    first, calls = check(pages)
    assert any("unknown word 'verzinnt'" in f for f in first), first
    assert "-- -L" in calls and "-- -a" in calls and "verzinnt" in calls
    assert check(pages) == (first, [""])  # everything answered before: no Hunspell at all
    value = next(p for p in pages if p.path == only[0])
    changed = [dataclasses.replace(p, source=p.source + "\nfuotmelding\n")
               if p is value else p for p in pages]
    findings, calls = check(changed)
    assert [line for line in calls if line and not line.startswith("--")] == [
        "fuotmelding", "^fuotmelding"], calls  # only the new word, once to check, once to suggest
    assert any("unknown word 'fuotmelding'" in f for f in findings)
    assert set(first) < set(findings)
    os.utime(dictionaries / "nl.dic", ns=(1, 1))  # another dictionary: asked afresh
    assert "verzinnt" in check(pages)[1]
    for _ in range(2):  # off: asked every time, the same words found
        findings, calls = check(pages, POLICYKIT_LANGUAGE_CACHE="off")
        assert _flagged(findings) == _flagged(first) and "verzinnt" in calls


def _flagged(findings: list[str]) -> list[str]:
    """The findings without Hunspell's suggestions: its suggestion search stops after a fixed
    CPU time, so on a busy machine one run may suggest other words than the next."""
    return [f.split(" — ")[0] for f in findings]


def test_shallow_clone_gives_no_translation_warning(seeded, tmp_path):
    project, _ = seeded
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    done = _cli(clone)
    assert "the Dutch version changed" not in done.stderr
    assert "shallow clone" in done.stderr


def test_missing_dictionary_is_said_once_and_does_not_pass_as_checked(tmp_path):
    project = small_kit(tmp_path / "kit")
    result = build(project, env={"POLICYKIT_DICTIONARIES": str(tmp_path / "none")})
    assert result.returncode == 0, result.explain()
    said = [line for line in result.output.splitlines() if "spelling was not checked" in line]
    assert len(said) == 1 and "apt-get install hunspell" in said[0], result.output
    report = json.loads((result.site / "policykit-report.json").read_text(encoding="utf-8"))
    assert report["checks"]["spelling"]["status"] == "not checked"
    assert "apt-get install" in report["checks"]["spelling"]["not_checked"]
    assert report["language"]["not_checked"]
    assert "spelling was not checked" in result.page("coverage.html")


def test_kit_pages_pass_every_language_check(example_site):
    report = json.loads((example_site.site / "policykit-report.json").read_text(encoding="utf-8"))
    for check in language.CHECKS:
        assert report["checks"][check]["findings"] == [], check
    assert report["language"]["not_checked"] == [] or not _hunspell_installed()
    pages = {p["page"]: p for p in report["language"]["pages"]}
    assert pages["docs/index.nl.md"]["readability"] > 30
    coverage = example_site.page("coverage.html")
    assert "Leesbaarheid" in coverage and "docs/index.nl.md" in coverage


def _hunspell_installed() -> bool:
    return bool(hunspell.shutil.which("hunspell"))


def _line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykit.lifecycle.cli", "check-language",
                           "--root", str(project), *args], capture_output=True, text=True,
                          cwd=project, timeout=120,
                          env={**os.environ, "POLICYKIT_LANGUAGE_CACHE": "off"})  # computed anew


def test_cached_result_is_the_same_and_any_input_change_recomputes(seeded):
    project, _ = seeded
    from policykit.context import BuildContext
    ctx = BuildContext.load(project / "mkdocs.yml")
    data, pages = ctx.data, ctx.pages
    env = {**os.environ, "POLICYKIT_LANGUAGE_CACHE": "on"}
    first = language.check_language(project, pages, data, env)
    again = language.check_language(project, pages, data, env)
    assert again.cached and sorted(again.findings) == sorted(first.findings)
    assert [f.as_dict() for f in again.figures] == [f.as_dict() for f in first.figures]
    words = project / "variables" / "words.nl.txt"
    words.write_text(words.read_text(encoding="utf-8") + "verzinnt\n", encoding="utf-8")
    try:
        changed = language.check_language(project, pages, data, env)
    finally:
        words.write_text("# ours\nBrugwerkapp\n", encoding="utf-8")
    assert not changed.cached
    assert "verzinnt" not in " ".join(f.message for f in changed.findings)
    # The git comparison is kept while HEAD and the refs stay; a commit changes its key.
    stamp = contentdates.history_stamp(project)
    git(project, "commit", "-q", "--allow-empty", "-m", "nothing", day="2026-11-23")
    assert contentdates.history_stamp(project) not in (None, stamp)
