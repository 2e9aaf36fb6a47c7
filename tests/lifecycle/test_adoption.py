"""Three organisations unlike the example, each made with `make new-org` from an answers file and
built once: a Dutch-only municipality, a US-listed company with English as default, and a
healthcare foundation. Their names are written with and without articles, some with remarks in
brackets. The assertions read the built text of every page.
"""

from __future__ import annotations

import functools
import html
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from conftest import BuildResult, replace_in
from gitrepo import commit_all, files_with_conflicts, git, kit_template, make, new_org
from policykit.names import name_values, parse_name
from policykit.sources.localtext import fingerprint

pytestmark = pytest.mark.build

ORGANISATIONS = {
    "municipality": """\
legal_name: "Gemeente Waterdam"
trade_name: "Gemeente Waterdam"
kind: municipality
domain: waterdam.test
effective_date: 2027-01-01
phone: "+31 70 123 4567"
languages: [nl]
default_language: nl
approved_by_nl: "Het college van burgemeester en wethouders"
owner_role_nl: "teamleider Communicatie"
draft: false
contact_names:
  hr: {nl: "Team P&O"}
  crisis_line: {nl: "Piketlijn Communicatie (buiten kantoortijd)"}
  confidential_counsellor: {nl: "de vertrouwenspersoon"}
  press_office: {nl: "Persvoorlichting"}
  social_media_team: {nl: "Team Online Dienstverlening"}
""",
    "us_company": """\
legal_name: "Northwind Analytics Inc."
trade_name: "Northwind"
kind: company
domain: northwind.test
effective_date: 2027-02-01
phone: "+1 206 555 0100"
languages: [en, nl]
default_language: en
approved_by_en: "The Board of Directors"
approved_by_nl: "de Raad van Bestuur"
owner_role_en: "Chief Communications Officer"
owner_role_nl: "de directeur Communicatie"
listed_company: true
us_staff: true
draft: false
contact_names:
  whistleblower: {en: "the Ethics Hotline (24/7)", nl: "Ethics Hotline"}
  hr: {en: "HR", nl: "HR"}
  legal: {en: "Legal Affairs", nl: "de juridische afdeling"}
  privacy_officer: {en: "Data protection officer", nl: "Functionaris gegevensbescherming"}
""",
    "healthcare": """\
legal_name: "Stichting Zorgkring Noord"
trade_name: "Zorgkring Noord"
kind: healthcare
domain: zorgkring.test
effective_date: 2027-03-01
phone: "+31 50 765 4321"
languages: [nl, en]
default_language: nl
owner_role_nl: "Afdelingshoofd Communicatie"
owner_role_en: "Head of Communications"
draft: false
contact_names:
  hr: {nl: "HR-servicepunt", en: "HR service desk"}
  confidential_counsellor: {nl: "Vertrouwenspersoon", en: "Confidential counsellor"}
  crisis_line: {nl: "Crisisdienst (dag en nacht)", en: "Crisis service (day and night)"}
""",
}
SECTOR_WORDS = {  # words each kind's policy must use, and words it must not
    "municipality": (["inwoners"], ["klanten", "klant "]),
    "us_company": (["clients"], ["residents", "inwoners"]),
    "healthcare": (["cliënten"], ["klanten", "klant "]),
}
EXAMPLE_WORDS = ("brugwerk", "Ilse Verhoeven", "Karim Bouzid")
KIT_NOTICE = ("geen juridisch advies", "not legal advice", "Laat hem dan eerst toetsen",
              "have it reviewed by a lawyer")
ARTICLES = r"(?:de|het|the)"
DOUBLED = re.compile(rf"\b(?!het\s+de\b){ARTICLES}\s+{ARTICLES}\b", re.I)  # "als het de naam": pronoun
SENTENCE_END = re.compile(r"(?:^|[.!?]\s+|\n\s*)([a-zà-ÿ][\w-]*)")


def page_text(markup: str) -> str:
    """The visible text of a page, block elements on their own lines."""
    markup = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", markup, flags=re.S).replace("\n", " ")
    markup = re.sub(r"</?(p|li|td|th|h[1-6]|dd|dt|div|tr|summary|br)\b[^>]*>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.fixture(scope="module")
def kit_repo(tmp_path_factory) -> Path:
    return kit_template(tmp_path_factory.mktemp("kit") / "kit")


@pytest.fixture(scope="module")
def sites(kit_repo, tmp_path_factory) -> dict[str, BuildResult]:
    """Every organisation made with `make new-org` and built with `make site` (side by side)."""
    folders = {key: tmp_path_factory.mktemp(key) for key in ORGANISATIONS}

    def make_and_build(key: str) -> BuildResult:
        org = new_org(kit_repo, folders[key], ORGANISATIONS[key])
        done = make(org, "site", f"SITE={org / 'site'}")
        return BuildResult(done.returncode, done.stdout + done.stderr, org / "site", ["make", "site"])

    with ThreadPoolExecutor(max_workers=3) as pool:
        built = dict(zip(ORGANISATIONS, pool.map(make_and_build, ORGANISATIONS), strict=True))
    for result in built.values():
        assert result.returncode == 0, result.explain()
    return built


@functools.cache
def _texts(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): page_text(path.read_text(encoding="utf-8"))
            for path in sorted(site.rglob("*.html")) if "search" not in path.parts}


def texts(site: BuildResult) -> dict[str, str]:
    """The text of every page of ``site`` by its path (read once per module)."""
    return _texts(site.site)


@pytest.mark.parametrize("key", ORGANISATIONS)
def test_every_page_reads_right_with_the_organisation_s_own_names(sites, key):
    pages = texts(sites[key])
    assert len(pages) > 40
    for rel, text in pages.items():
        doubled = DOUBLED.findall(text)
        assert not doubled, f"{key} {rel}: doubled articles {doubled}"
        for word in EXAMPLE_WORDS:
            assert word.lower() not in text.lower(), f"{key} {rel}: example word {word!r}"
        for notice in KIT_NOTICE:
            assert notice not in text, f"{key} {rel}: kit notice {notice!r}"
        # Remarks in brackets stay out of sentences (cards show them).
        for remark in ("(buiten kantoortijd)", "(24/7)", "(dag en nacht)", "(day and night)"):
            for line in text.splitlines():
                assert not (remark in line and len(line.split()) > 8), f"{key} {rel}: {line!r}"


@pytest.mark.parametrize("key", ORGANISATIONS)
def test_inserted_names_never_start_a_sentence_in_lower_case(sites, key):
    data = yaml.safe_load((sites[key].site.parent / "variables/company.yml").read_text("utf-8"))
    forms = {lang: {parse_name(name_in_lang, lang).in_sentence()
                    for value in name_values(data).values()
                    if (name_in_lang := value.get(lang)) and lang in data["languages"]["published"]}
             for lang in ("nl", "en")}
    lower = {lang: [form for form in found if form[:1].islower()] for lang, found in forms.items()}
    assert lower["nl"] or lower["en"], "the organisations have names with an article"
    # One pattern per language: any of its lower-case forms where a sentence starts.
    starts = {lang: re.compile(r"(?:^\s*|[.!?]\s+)(?:"
                               + "|".join(re.escape(form) for form in sorted(found)) + r")\b")
              for lang, found in lower.items() if found}
    for rel, text in texts(sites[key]).items():
        lang = "en" if rel.startswith("en/") or (key == "us_company" and not rel.startswith("nl/")) \
            else "nl"
        if lang not in starts:
            continue
        for paragraph in text.split("\n"):
            assert not starts[lang].search(paragraph), f"{key} {rel}: {paragraph.strip()[:80]!r}"


@pytest.mark.parametrize("key", ORGANISATIONS)
def test_each_kind_of_organisation_uses_its_own_words(sites, key):
    wanted, unwanted = SECTOR_WORDS[key]
    every = "\n".join(texts(sites[key]).values())
    for word in wanted:
        assert word in every, f"{key}: {word!r} missing"
    for word in unwanted:  # with a capital too: a title, a sentence start, the Coverage page
        assert word.lower() not in every.lower(), f"{key}: {word!r} appears"


def test_names_read_right_in_both_languages(sites):
    muni = texts(sites["municipality"])
    assert "lever hem in bij het team P&O" in muni["acknowledgement.html"]
    assert "Het team P&O bewaart de verklaring" in muni["acknowledgement.html"]  # capital at the start
    assert "buiten kantoortijd bij de Piketlijn Communicatie" in muni["policy/escalation.html"]
    assert "vaststelling door het college van burgemeester en wethouders" in muni[
        "policy/governance.html"]
    assert "Vertrouwenspersoon" in muni["contacts.html"]  # the card: no article
    assert not (sites["municipality"].site / "en").exists()
    # Taking clients along when you leave is a company's worry, not a municipality's.
    assert "Noem daarbij geen inwoners." in muni["policy/leaving.html"]
    assert "meeneemt" not in muni["policy/leaving.html"]
    assert "Do not name any clients." in texts(sites["healthcare"])["en/policy/leaving.html"]
    assert "you are taking or want to take with you" in texts(sites["us_company"])[
        "policy/leaving.html"]
    # A public body publishes an accessibility statement, linked from every page's footer.
    statement = muni["accessibility.html"]
    assert "nog niet onderzocht op de eisen van de Europese toegankelijkheidsnorm EN 301 549" in statement
    assert "Laat het weten aan het Team Online Dienstverlening" in statement
    assert 'class="pk-accessibility-link"' in sites["municipality"].page("policy/ai.html")
    assert "accessibility.html" not in texts(sites["us_company"])
    assert 'pk-accessibility-link' not in sites["us_company"].page("index.html")
    us = texts(sites["us_company"])  # English at the root
    assert "after adoption by the Board of Directors" in us["policy/governance.html"]
    assert "the data protection officer" in us["policy/monitoring.html"]
    assert "the Ethics Hotline" not in us["contacts.html"] and "Ethics Hotline" in us["contacts.html"]
    assert "Legal Affairs" in us["policy/sensitive.html"] and "the Legal Affairs" not in us[
        "policy/sensitive.html"]
    assert "de juridische afdeling" in us["nl/policy/sensitive.html"]
    care = texts(sites["healthcare"])
    assert "bij het HR-servicepunt" in care["acknowledgement.html"]
    assert "hand it to the HR service desk" in care["en/acknowledgement.html"]
    assert "vaststelling door de raad van bestuur" in care["policy/governance.html"]
    assert "Het beleid als geheel is van het Afdelingshoofd Communicatie" in care[
        "maintain/how-to-change.html"]


def test_update_kit_across_two_tags_keeps_slots_replacements_and_pages_off(kit_repo, sites):
    """A real `make update-kit` from v1.0.0 to v1.1.0 for an organisation that used every way of
    adding its own text: no conflict, the new variable arrives, and the build warns about the
    replaced page whose kit original changed."""
    org = sites["healthcare"].site.parent
    readme = (org / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Socialemediabeleid — Zorgkring Noord") and str(kit_repo) in readme
    assert "Brugwerk" not in readme
    # The organisation's own text: a slot file, a slot value, a replaced page, a page off.
    slots, replace = org / "docs/local/_slots/policy", org / "docs/local/_replace/policy"
    slots.mkdir(parents=True)
    replace.mkdir(parents=True)
    (slots / "escalation.end.nl.md").write_text("## Onze piketdienst\n\nBel de piketdienst.\n",
                                                encoding="utf-8")
    original = (org / "docs/policy/wellbeing.nl.md").read_text(encoding="utf-8")
    mine = original.replace("---\n", f"---\nreplaces: {fingerprint(original)}\n", 1)
    mine = re.sub(r"(?m)^# .*$", "# Welzijn bij Zorgkring Noord", mine, count=1)
    (replace / "wellbeing.nl.md").write_text(mine, encoding="utf-8")
    variables = org / "variables/company.yml"
    text = variables.read_text(encoding="utf-8").replace(
        "  slots: {}", '  slots:\n    "policy/escalation.intro": {nl: "Dit geldt ook voor '
        'vrijwilligers.", en: "This also applies to volunteers."}\n  # my own comment', 1)
    text = text.replace("  pages_off: []", '  pages_off:\n    - {page: policy/ai.md, reason: '
                        '"Wij gebruiken geen AI-tools voor berichten."}', 1)
    variables.write_text(text, encoding="utf-8")
    (org / "notes.txt").write_text("draft", encoding="utf-8")
    dirty = make(org, "update-kit")
    assert dirty.returncode != 0 and "notes.txt" in dirty.stderr and "commit them" in dirty.stderr
    (org / "notes.txt").unlink()
    commit_all(org, "Our own text")
    lost = make(org, "update-kit", "KIT=/nowhere/kit")
    assert lost.returncode != 0
    assert "the kit is not at /nowhere/kit" in lost.stderr and "make update-kit KIT=" in lost.stderr

    # Kit v1.1.0: the replaced page, another page and the README change; a variable is added.
    replace_in(kit_repo / "docs/policy/wellbeing.nl.md", "\n# ", "\nNieuwe kitzin.\n\n# ")
    replace_in(kit_repo / "docs/policy/respect.nl.md", "\n# ", "\nKit v1.1.0 over respect.\n\n# ")
    replace_in(kit_repo / "README.md", "# ", "# (v1.1.0) ")
    replace_in(kit_repo / "CHANGELOG.md", "## v1.0.0", "## v1.1.0\n\nWhat needs your action\n"
               "- Check monitoring.alerts.\n\n## v1.0.0")
    schema = kit_repo / "variables/company.schema.json"
    replace_in(schema, '"retention_days": {"type": "integer", "minimum": 0, "maximum": 3650}',
               '"retention_days": {"type": "integer", "minimum": 0, "maximum": 3650},\n'
               '        "alerts": {"type": "boolean"}')
    with (kit_repo / "variables/new-keys.yml").open("a", encoding="utf-8") as keys:
        keys.write("- key: monitoring.alerts\n  value: false\n  comment: \"true: alerts\"\n"
                   "  since: v1.1.0\n")
    commit_all(kit_repo, "Kit v1.1.0", day="2026-12-01")
    git(kit_repo, "tag", "v1.1.0")

    done = make(org, "update-kit")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Kit v1.0.0 → v1.1.0." in done.stdout
    assert "docs/policy/respect.nl.md" in done.stdout and "Check monitoring.alerts." in done.stdout
    assert "Added to variables/company.yml with their default (check them): monitoring.alerts" \
        in done.stdout
    assert files_with_conflicts(org) == []
    after = variables.read_text(encoding="utf-8")
    assert re.search(r"\n  alerts: false +# true: alerts \(added by the kit v1.1.0\)\n", after)
    assert "# my own comment" in after and 'email: "hr@zorgkring.test"' in after
    assert (org / "README.md").read_text(encoding="utf-8") == readme
    assert (replace / "wellbeing.nl.md").read_text(encoding="utf-8") == mine
    commit_all(org, "Kit v1.1.0")

    site = org / "site-after"
    built = make(org, "site", f"SITE={site}")
    assert built.returncode == 0, built.stdout + built.stderr
    assert ("docs/local/_replace/policy/wellbeing.nl.md:2: the kit changed "
            "docs/policy/wellbeing.nl.md since you replaced it") in built.stdout + built.stderr
    pages = _texts(site)
    assert "Welzijn bij Zorgkring Noord" in pages["policy/wellbeing.html"]
    assert "Nieuwe kitzin" not in pages["policy/wellbeing.html"]
    assert "Kit v1.1.0 over respect" in pages["policy/respect.html"]
    escalation = pages["policy/escalation.html"]
    assert "Onze piketdienst" in escalation and "Dit geldt ook voor vrijwilligers." in escalation
    assert "This also applies to volunteers." in pages["en/policy/escalation.html"]
    assert "policy/ai.html" not in pages and not (site / "policy/ai.html").exists()
