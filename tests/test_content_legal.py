"""The legal text after review: sources kept as data, one rule per subject, new topics, B1 flag pages.

Most tests read the page sources and the sources file (cheap); the HTML tests use the shared
example build, and one seeded build checks that the build reports citation problems.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from checkhelpers import messages
from conftest import REPO, build, replace_in, small_kit
from policykit.checks.citations import bare_references, check_citations, cited_ids, source_dates
from policykit.sources.legalsources import load_legal_sources, parse_sources
from policykit.sources.pages import SourcePage
from test_content import LANGUAGES, TOPICS, front_matter, page_files

DOCS = REPO / "docs"
SOURCES = load_legal_sources()
TODAY = dt.date(2026, 11, 26)


def source(rel: str) -> str:
    return (DOCS / rel).read_text(encoding="utf-8")


def flat(text: str) -> str:
    """Page source as one line of prose: no emphasis marks, single spaces."""
    return re.sub(r"\s+", " ", text.replace("**", ""))


# --- Sources as data ---------------------------------------------------------------------------

def test_the_sources_file_is_valid_and_every_source_has_an_official_address():
    assert SOURCES.findings == []
    assert len(SOURCES.sources) >= 50
    official = ("wetten.overheid.nl", "eur-lex.europa.eu", "www.ecfr.gov", "www.nlrb.gov",
                "ec.europa.eu", "hudoc.echr.coe.int", "www.reclamecode.nl")
    for item in SOURCES.sources.values():
        host = item.url.split("/")[2]
        assert host in official, f"{item.id}: {item.url} is not an official source"


@pytest.mark.parametrize("path", page_files(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_legal_reference_goes_through_the_sources_file(path: Path):
    text = path.read_text(encoding="utf-8")
    assert bare_references(text) == [], "write {{ cite('id') }} instead of the article number"
    unknown = [ident for _, ident in cited_ids(text) if ident not in SOURCES.sources]
    assert unknown == [], f"not in hooks/policykit/legal_sources.yml: {unknown}"


def test_the_legal_corrections_cite_their_sources():
    """Each corrected statement cites the source it rests on, in both languages."""
    expected = {
        "policy/us-staff": {"stericycle", "nlra-7", "cfr-16-465", "cfr-16-255"},
        "policy/respect": {"awgb", "wgbl", "wgbhcz", "sr-137c", "sr-285d"},
        "policy/wellbeing": {"sr-266", "sr-269", "arbowet-3-2"},
        "policy/moderation": {"cjeu-c-210-16"},
        "policy/consequences": {"bw-7-677", "bw-7-678", "bw-7-669", "bw-7-671b"},
        "policy/scope": {"bw-7-660", "bw-7-611"},
        "policy/rights": {"pay-transparency", "wbk", "whistleblowing-directive", "wor-20"},
        "policy/governance": {"wor-27", "wor-27-3", "wor-27-kl", "ai-act-4"},
        "policy/monitoring": {"wor-27-kl", "avg-38-6"},
        "policy/privacy": {"avg-38-6", "uavg-5", "avg-6"},
        "policy/ai": {"ai-act-4", "ai-act-50"},
        "policy/sensitive": {"political-ads"},
        "policy/listed-company": {"mar-17"},
        "policy/third-parties": {"bw-6-193a", "bw-6-194"},
        "policy/disclosure": {"dsa-26-2", "dsa-19"},
        "policy/public-body": {"archiefwet"},
    }
    for page, ids in expected.items():
        for lang in LANGUAGES:
            cited = {ident for _, ident in cited_ids(source(f"{page}.{lang}.md"))}
            assert ids <= cited, f"{page}.{lang}.md does not cite {sorted(ids - cited)}"


def test_pending_changes_have_a_watch_date_and_a_review_trigger():
    for ident, page in (("stericycle", "policy/us-staff"), ("archiefwet", "policy/public-body")):
        assert SOURCES.sources[ident].watch is not None, ident
        for lang in LANGUAGES:
            assert f"review_trigger('{ident}')" in source(f"{page}.{lang}.md")
    assert SOURCES.sources["pay-transparency"].watch.date == dt.date(2027, 1, 1)


def _page(text: str, uri: str = "policy/x.nl.md") -> SourcePage:
    return SourcePage(uri, "nl", {}, text)


CHECK_CASES = [
    # page text, expected messages (severity: message — fix)
    ("Zie {{ cite('stericylce') }}.",
     ["error: docs/policy/x.nl.md:1: cite('stericylce'): there is no source 'stericylce' in "
      "hooks/policykit/legal_sources.yml — did you mean 'stericycle'?"]),
    ("Regel.\nZie artikel 7:611 BW en {{ cite('bw-7-611') }}.",
     ["warning: docs/policy/x.nl.md:2: legal reference 'artikel 7:611' is written out instead of "
      "cited — write {{ cite('…') }} with the id from hooks/policykit/legal_sources.yml (add the "
      "source there if it is missing)"]),
    ("```\nartikel 27\n```\n{{ review_trigger('stericycle') }} §7 elders", None),
    ("Geen verwijzing, wel 10:30 uur en 3 collega's.", []),
]


@pytest.mark.parametrize("text,expected", CHECK_CASES)
def test_citation_findings(text: str, expected):
    found = [f"{f.severity}: {f}" for f in check_citations([_page(text)], SOURCES, TODAY)]
    if expected is None:  # code is skipped, the macro is checked, the § outside it is found
        assert [m.split(": ", 2)[2].split(" —")[0] for m in found] == [
            "legal reference '§7' is written out instead of cited"]
    else:
        assert found == expected


SOURCE_FILE_CASES = [
    # one source entry, expected messages
    ("{id: x, title: X, short: X, url: 'https://eur-lex.europa.eu/x', verified: 2025-11-25}",
     ["warning: hooks/policykit/legal_sources.yml:2: source 'x' was last verified on 2025-11-25, "
      "more than 12 months ago — compare the pages that cite it with https://eur-lex.europa.eu/x "
      "and update 'verified'"]),
    ("{id: x, title: X, short: X, url: 'https://e.eu', verified: 2025-11-26}", []),
    ("{id: x, title: X, short: X, url: 'https://e.eu', verified: 2026-11-27}",
     ["error: hooks/policykit/legal_sources.yml:2: source 'x': verified 2026-11-27 lies in the "
      "future — write the day the text was compared with the law"]),
    ("{id: x, title: X, short: X, url: 'https://e.eu', verified: 2026-01-01, "
     "watch: {date: 2026-11-26, note: look}}",
     ["warning: hooks/policykit/legal_sources.yml:2: source 'x': the watch date 2026-11-26 has "
      "passed — check the pending change in its note, update the pages and the source, then set "
      "a new watch date or remove 'watch'"]),
    ("{id: x, title: X, short: X, url: 'http://e.eu', verified: 2026-01-01}",
     ["error: hooks/policykit/legal_sources.yml:2: source 'x': url 'http://e.eu' is not an "
      "https:// address — link the official text, e.g. on wetten.overheid.nl or eur-lex.europa.eu"]),
    ("{id: X_1, title: X, short: X, url: 'https://e.eu', verified: 2026-01-01, note: n}",
     ["error: hooks/policykit/legal_sources.yml:2: source 'X_1': unknown key 'note' — use only: "
      "id, title, short, url, verified, article, watch"]),
    ("{id: x, title: X, short: X, verified: 2026-13-01}",
     ["error: hooks/policykit/legal_sources.yml:2: source 'x': 'url' is missing — add 'url:'"]),
]


@pytest.mark.parametrize("entry,expected", SOURCE_FILE_CASES)
def test_sources_file_findings(entry: str, expected):
    parsed = parse_sources(f"sources:\n  - {entry}\n")
    found = parsed.findings + source_dates(parsed, TODAY)
    assert [f"{f.severity}: {f}" for f in found] == expected


def test_a_source_id_used_twice_is_reported_with_both_lines():
    entry = "{id: x, title: X, short: X, url: 'https://e.eu', verified: 2026-01-01}"
    parsed = parse_sources(f"sources:\n  - {entry}\n  - {entry}\n")
    assert [str(f) for f in parsed.findings] == [
        "hooks/policykit/legal_sources.yml:3: source id 'x' is used twice (first on line 2) "
        "— give each source its own id"]


# --- One rule, stated the same way on every page that states it --------------------------------

ONE_RULE = [
    # (pages, language, the rule as written, what contradicted it before)
    (("index", "quick-reference", "policy/disclosure"), "nl",
     "Zeg in het bericht zelf dat je hier werkt als je iets van ons aanprijst.",
     r"als je over ons werk of onze diensten schrijft"),
    (("index", "quick-reference", "policy/disclosure"), "en",
     "Say in the post itself that you work here when you promote something of ours.",
     r"when you write about our work or our services"),
    (("quick-reference", "policy/ai"), "nl",
     "Vermeld het als beeld, geluid of video door AI is gemaakt en echt lijkt.",
     r"vermeld AI-beelden"),
    (("quick-reference", "policy/ai"), "en",
     "Say so when images, sound or video were made by AI and look real.",
     r"disclose AI images"),
    (("quick-reference", "policy/escalation", "policy/wellbeing"), "nl",
     "meld het bij je leidinggevende", r"\| Je wordt online lastiggevallen \| \{\{ name_of"),
    (("quick-reference", "policy/escalation", "policy/wellbeing"), "en",
     "report it to your manager", r"\| You are harassed online \| \{\{ name_of"),
    (("quick-reference", "policy/escalation", "policy/privacy", "principles/confidentiality"), "nl",
     "meld een datalek binnen een uur", r"Meld het bij \{\{ who\('it_security'\) \}\} als vertrouwelijke"),
    (("quick-reference", "policy/escalation", "policy/privacy", "principles/confidentiality"), "en",
     "report a data breach within the hour", r"Report it to \{\{ who\('it_security'\) \}\} if confidential"),
    (("policy/scope",), "nl",
     "Alleen je werkgever in je profiel noemen, brengt je andere berichten niet onder dit beleid.",
     r"herkenbaar bent als iemand die hier werkt"),
    (("policy/scope",), "en",
     "Naming your employer in your profile does not bring your other posts under this policy.",
     r"can be recognised as someone who works here"),
    (("policy/monitoring",), "nl",
     "geeft {{ who('social_media_team') }} alleen dat ene bericht door aan {{ who('hr') }}",
     r"Alleen \{\{ who\('social_media_team'\) \}\} werkt|samen met \{\{ who\('privacy_officer'\)"),
    (("policy/monitoring",), "en",
     "passes on only that one post to {{ who('hr') }}",
     r"Only \{\{ who\('social_media_team'\) \}\} works|together with \{\{ who\('privacy_officer'\)"),
]


@pytest.mark.parametrize("pages,lang,rule,old", ONE_RULE, ids=lambda v: v if isinstance(v, str)
                         and len(v) < 4 else None)
def test_one_rule_everywhere(pages, lang, rule, old):
    for page in pages:
        text = flat(source(f"{page}.{lang}.md"))
        assert rule.lower() in text.lower(), f"{page}.{lang}.md lacks: {rule}"
        assert not re.search(old, text, re.I), f"{page}.{lang}.md contradicts it again: {old}"


def test_harassment_and_breach_routes_name_the_alternatives():
    for lang in LANGUAGES:
        wellbeing = source(f"policy/wellbeing.{lang}.md")
        assert "112" in wellbeing and "who('crisis_line')" in wellbeing
        assert "who('confidential_counsellor')" in wellbeing
        privacy = source(f"policy/privacy.{lang}.md")
        assert "who('crisis_line')" in privacy and "who('privacy_officer')" in privacy


# --- Topics an adopter expects -----------------------------------------------------------------

NEW_TOPICS = ("working-hours", "sick-leave", "manager-connections", "recording", "leaving",
              "contractors", "whistleblowing", "training", "retention", "advocacy", "elections",
              "executives", "crisis-communication", "accessibility", "platforms")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_new_topic_is_a_required_topic_with_a_page_in_each_language(lang: str):
    required = {t["id"]: t for t in TOPICS if "only_if" not in t}
    covered: dict[str, list[str]] = {}
    for path in page_files():
        if path.name.endswith(f".{lang}.md") and not front_matter(path).get("only_if"):
            for topic in front_matter(path)["topics"]:
                covered.setdefault(topic, []).append(path.name)
    for topic in NEW_TOPICS:
        assert topic in required and required[topic]["title"][lang], topic
        assert covered.get(topic), f"{lang}: no page covers '{topic}'"


# --- Flag pages at B1 --------------------------------------------------------------------------

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence of a page body; a list item, table cell or heading ends a sentence."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", _TEMPLATE.sub("X", body))
    blocks, current = [], []
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped or re.match(r"(#|[-*] |\d+\. |\|)", stripped):
            blocks.append(" ".join(current))
            current = []
            if stripped.startswith("|"):
                blocks += stripped.strip("|").split("|")
                continue
            stripped = re.sub(r"^(#+|[-*]|\d+\.)\s*", "", stripped)
        current.append(stripped)
    blocks.append(" ".join(current))
    sentences = [s for block in blocks for s in re.split(r"(?<=[.!?])\s+", block)]
    return [n for n in (len(re.findall(r"\w[\w'’-]*", s)) for s in sentences) if n]


def test_the_sentence_counter_counts_words_per_sentence():
    assert sentence_lengths("---\nx: 1\n---\n# Titel hier\n\nEen twee drie. Vier {{ who('hr') }}!\n"
                            "- vijf zes\n| a b | c |\n") == [2, 3, 2, 2, 2, 1]


FLAG_PAGES = ("policy/us-staff", "policy/listed-company", "policy/public-body")


@pytest.mark.parametrize("page", FLAG_PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_flag_pages_are_written_at_b1(page: str, lang: str):
    lengths = sentence_lengths(source(f"{page}.{lang}.md"))
    assert max(lengths) <= 25, f"a sentence of {max(lengths)} words"
    long_share = sum(n > 15 for n in lengths) / len(lengths)
    assert long_share <= 0.15, f"{long_share:.0%} of the sentences have more than 15 words"


# --- The built site ------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix,label,title", [
    ("", "art. 7:611 BW", "Bronnen"), ("en/", "art. 7:611 Dutch Civil Code", "Sources")])
def test_citations_link_to_the_sources_page_in_the_same_language(example_site, prefix, label,
                                                                 title):
    page = example_site.page(f"{prefix}policy/consequences.html")
    assert re.search(rf'<a href="\.\./sources\.html#bw-7-611" title="[^"]+">{re.escape(label)}</a>',
                     page)
    listing = example_site.page(f"{prefix}sources.html")
    assert "<h1" in listing and title in listing
    assert f'<strong id="bw-7-611">{label}</strong>' in listing
    assert 'href="https://wetten.overheid.nl/jci1.3:c:BWBR0005290&amp;boek=7' in listing
    assert "stericycle" not in listing.lower(), "a source only a switched-off page cites"


def test_the_sources_page_shows_watch_notes_with_their_date(example_site):
    listing = example_site.page("en/sources.html")
    row = re.search(r'<strong id="pay-transparency">.*?</tr>', listing, re.S).group(0)
    assert "1 January 2027" in row and "Then cite that act." in row


@pytest.fixture(scope="module")
def seeded_build(tmp_path_factory: pytest.TempPathFactory):
    """One build with a misspelt citation, a written-out article and an outdated source."""
    project = small_kit(tmp_path_factory.mktemp("citations") / "kit", keep=("policy/scope.md",))
    replace_in(project / "docs/policy/scope.nl.md", "{{ cite('bw-7-660') }}", "{{ cite('bw7-660') }}")
    replace_in(project / "docs/policy/scope.en.md", "Rules about your work",
               "Under article 7:660 rules about your work")
    replace_in(project / "hooks/policykit/legal_sources.yml",
               "    url: \"https://wetten.overheid.nl/BWBR0041268/\"\n    verified: 2026-11-20",
               "    url: \"https://wetten.overheid.nl/BWBR0041268/\"\n    verified: 2025-01-31")
    return project, build(project, env={"POLICYKIT_CHECKS": "sources"})


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_the_build_reports_citation_problems_with_their_line(seeded_build):
    project, result = seeded_build
    found = messages(result.output, "legal_sources.yml") + messages(result.output, "docs/policy/scope")
    cite_line = _line_of(project / "docs/policy/scope.nl.md", "cite('bw7-660')")
    wbb_line = _line_of(project / "hooks/policykit/legal_sources.yml", "  - id: wbb")
    assert result.returncode != 0
    assert f"docs/policy/scope.nl.md:{cite_line}: cite('bw7-660'): there is no source " \
           "'bw7-660' in hooks/policykit/legal_sources.yml — did you mean 'bw-7-660'?" in found
    assert any(m.startswith("warning, not failing yet: docs/policy/scope.en.md:") and
               "legal reference 'article 7:660' is written out instead of cited" in m
               for m in found), found
    assert f"warning, not failing yet: hooks/policykit/legal_sources.yml:{wbb_line}: source 'wbb' " \
           "was last verified on 2025-01-31, more than 12 months ago — compare the pages that " \
           "cite it with https://wetten.overheid.nl/BWBR0041268/ and update 'verified'" in found
    assert "Traceback" not in result.output


def test_the_kit_sources_file_is_the_one_the_build_reads():
    data = yaml.safe_load((REPO / "hooks/policykit/legal_sources.yml").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == list(SOURCES.sources)
