"""Real builds of temporary copies of the kit, asserting on exit codes, messages and HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, BuildResult, build, copy_kit, replace_in, small_kit, small_repository
from policykit.names import parse_name

VARIABLES = yaml.safe_load((REPO / "variables/company.yml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.build


def text_of(page_html: str) -> str:
    """The visible text of the article, tags removed and entities decoded."""
    match = re.search(r'<article[^>]*>(.*?)</article>', page_html, re.S)
    assert match, "no <article> in page"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --- The example organisation ------------------------------------------------------------

def test_example_builds_in_both_languages_with_values_from_variables(example_site):
    nl = example_site.page("index.html")
    en = example_site.page("en/index.html")
    assert '<html lang="nl"' in nl and '<html lang="en"' in en
    org = VARIABLES["organisation"]["trade_name"]
    team = VARIABLES["contacts"]["social_media_team"]
    assert org in text_of(nl) and org in text_of(en)
    cards = parse_name(team["name"]["nl"], "nl").display(), parse_name(team["name"]["en"], "en").display()
    assert cards[0] in text_of(nl) and cards[1] in text_of(en)
    assert f'href="mailto:{team["email"]}"' in nl
    version = VARIABLES["policy"]["version"]
    assert version in text_of(nl)


def test_editors_guide_asks_for_both_published_languages(example_site):
    for rel, other in (("maintain/how-to-change.html", "reiskosten.en.md"),
                       ("en/maintain/how-to-change.html", "travel.nl.md")):
        guide = example_site.page(rel)
        assert other in guide and "index.nl.md" in guide and "index.en.md" in guide, rel
    assert "Do the same in the Dutch file" in example_site.page("en/maintain/how-to-change.html")
    assert "Doe hetzelfde in het Engelse bestand" in example_site.page("maintain/how-to-change.html")


def test_no_template_code_is_left_in_any_output_page(example_site):
    pages = example_site.html_pages()
    assert len(pages) >= 8
    for page in pages:
        content = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"),
                         flags=re.S)
        for marker in ("{{", "}}", "{%", "%}"):
            assert marker not in content, f"{marker} left in {page.relative_to(example_site.site)}"


def test_footer_shows_organisation_version_effective_date_and_owner(example_site):
    policy = VARIABLES["policy"]
    nl = html.unescape(example_site.page("index.html"))
    en = html.unescape(example_site.page("en/index.html"))
    assert f"versie {policy['version']}" in nl and "geldig vanaf 1 september 2026" in nl
    assert "eigenaar: Manager Communicatie" in nl  # the name without its article
    assert f"version {policy['version']}" in en and "in force from 1 September 2026" in en
    assert "owner: Head of Communications" in en
    assert VARIABLES["organisation"]["legal_name"] in nl
    assert "pk-draft" not in nl  # the example is not a draft


def test_language_switcher_keeps_the_reader_on_the_same_page(example_site):
    nl = example_site.page("contacts.html")
    en = example_site.page("en/contacts.html")
    assert re.search(r'href="en/contacts\.html"\s+hreflang="en"', nl)
    assert re.search(r'href="\.\./contacts\.html"\s+hreflang="nl"', en)


def test_search_index_stems_dutch_and_english(example_site):
    index = json.loads((example_site.site / "search/search_index.json").read_text())
    assert set(index["config"]["lang"]) == {"nl", "en"}
    locations = {doc["location"] for doc in index["docs"]}
    assert "contacts.html" in locations and "en/contacts.html" in locations


def test_contacts_and_accounts_are_generated_from_variables(example_site):
    contacts = example_site.page("en/contacts.html")
    for contact in VARIABLES["contacts"].values():
        assert f'href="mailto:{contact["email"]}"' in contacts
        assert parse_name(contact["name"]["en"], "en").display() in html.unescape(contacts)
    accounts = example_site.page("accounts.html")
    for account in VARIABLES["accounts"]:
        assert f'href="{account["url"]}"' in accounts
        assert account["handle"] in html.unescape(accounts)


def test_no_asset_loads_from_outside(example_site):
    for page in example_site.html_pages():
        content = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in content and "fonts.gstatic" not in content
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", content):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{page}: {tag}"


# --- Mistakes fail the build with a message that points at the fix -----------------------

def _variables(kit: Path) -> Path:
    return kit / "variables/company.yml"


BAD_VARIABLES = [
    # (id, group, old text, new text, needle for the expected line, expected message part).
    # Cases of one group are seeded into one copy and built once: the build reports every
    # problem of the variables file at once. A YAML syntax error hides the rest: alone.
    ("malformed-yaml", 1, '  trade_name: "Brugwerk"', '  trade_name: "Brugwerk', "trade_name:",
     "YAML syntax error"),
    ("missing-key", 2, '  trade_name: "Brugwerk"', "", "organisation:",
     "organisation.trade_name: required key is missing"),
    ("wrong-type", 2, "  draft: false", "  draft: [yes]", "draft:",
     "policy.draft: expected true or false, found a list"),
    ("bad-email", 2, '"pers@brugwerk.example"', '"pers(at)brugwerk"', "pers(at)brugwerk",
     "contacts.press_office.email: 'pers(at)brugwerk' is not an e-mail address"),
    ("unknown-key", 3, "  draft: false", "  drafts: false", "drafts:",
     "policy.drafts: unknown key — did you mean 'draft'?"),
]


@pytest.fixture(scope="module")
def bad_variables(tmp_path_factory) -> dict[int, tuple[Path, BuildResult]]:
    """One build per group of BAD_VARIABLES: group → (kit, result)."""
    builds = {}
    for group in sorted({row[1] for row in BAD_VARIABLES}):
        kit = copy_kit(tmp_path_factory.mktemp(f"bad-variables-{group}") / "kit")
        for _id, in_group, old, new, _needle, _expected in BAD_VARIABLES:
            if in_group == group:
                replace_in(_variables(kit), old, new)
        builds[group] = (kit, build(kit))
    return builds


@pytest.mark.parametrize(("group", "needle", "expected"),
                         [(row[1], *row[4:]) for row in BAD_VARIABLES],
                         ids=[row[0] for row in BAD_VARIABLES])
def test_bad_variables_stop_the_build_with_file_line_and_key(bad_variables, group, needle,
                                                             expected):
    kit, result = bad_variables[group]
    assert result.returncode != 0, result.explain()
    line = line_of(_variables(kit), needle)
    assert re.search(rf"variables/company\.yml:{line}(:\d+)?: " + re.escape(expected),
                     result.output), result.explain()
    assert "Traceback" not in result.output
    assert not (kit / "site" / "index.html").exists()


@pytest.fixture(scope="module")
def page_mistakes(tmp_path_factory) -> tuple[Path, BuildResult, BuildResult]:
    """One copy with mistakes in two pages, built as usual and with -q: (kit, loud, quiet)."""
    kit = small_kit(tmp_path_factory.mktemp("page-mistakes") / "kit")
    replace_in(kit / "docs/contacts.en.md", "# Contacts",
               "# Contacts\n\nCall {{ contacts.hr.phon }} or {{ nonsense }}.")
    replace_in(kit / "docs/contacts.nl.md", "\n# ",
               "\n{{ contact_card('hrr') }}\n\n{{ mailto() }}\n\n# ")
    # (A page with template mistakes is replaced by their list, so the link is elsewhere.)
    replace_in(kit / "docs/glossary.nl.md", "# Woordenlijst",
               "# Woordenlijst\n\nZie [weg](verdwenen.md).")
    return kit, build(kit), build(kit, "-q", site=kit / "site-quiet")


def test_undefined_variable_in_a_page_names_page_line_and_guess(page_mistakes):
    kit, result, _ = page_mistakes
    page = kit / "docs/contacts.en.md"
    assert result.returncode != 0, result.explain()
    line = line_of(page, "contacts.hr.phon")
    assert (f"docs/contacts.en.md:{line}: unknown variable 'contacts.hr.phon' — "
            "did you mean 'contacts.hr.phone'?") in result.output, result.explain()
    assert f"docs/contacts.en.md:{line}: unknown variable 'nonsense'" in result.output


def test_macro_with_a_wrong_key_or_arguments_names_page_line_and_fix(page_mistakes):
    kit, result, _ = page_mistakes
    page = kit / "docs/contacts.nl.md"
    assert result.returncode != 0, result.explain()
    line = line_of(page, "contact_card('hrr')")
    assert (f"docs/contacts.nl.md:{line}: contact_card('hrr'): there is no contact 'hrr' in "
            "contacts in variables/company.yml — did you mean 'hr'?") in result.output
    assert (f"docs/contacts.nl.md:{line + 2}: mailto(): missing a required argument: 'email' "
            "— write it as {{ mailto(email) }}") in result.output
    assert "Traceback" not in result.output and "KeyError" not in result.output


def test_strict_does_not_depend_on_verbosity(page_mistakes):
    kit, loud, quiet = page_mistakes
    warnings = len(re.findall(r"^WARNING ", loud.output, re.MULTILINE))
    line = line_of(kit / "docs/glossary.nl.md", "verdwenen.md")
    assert f"docs/glossary.nl.md:{line}: broken link 'verdwenen.md'" in loud.output
    assert warnings >= 5, loud.explain()
    for result in (loud, quiet):  # -q hides the warnings, but every one of them still counts
        assert result.returncode != 0, result.explain()
        assert f"Aborted with {warnings} warnings in strict mode!" in result.output, \
            result.explain()
    assert "broken link" not in quiet.output


@pytest.fixture(scope="module")
def changed_values(tmp_path_factory) -> BuildResult:
    """A copy with a hostile trade name and the draft flag on, built once."""
    kit = small_kit(tmp_path_factory.mktemp("changed-values") / "kit")
    replace_in(_variables(kit), '  trade_name: "Brugwerk"', f"  trade_name: '{HOSTILE}'")
    replace_in(_variables(kit), "  draft: false", "  draft: true")
    return build(kit)


HOSTILE = "<script>alert(1)</script> {{ 7*7 }} *stars* R&D"


def test_html_and_template_code_in_a_value_stay_literal_text(changed_values):
    result = changed_values
    assert result.returncode == 0, result.explain()
    for rel in ("index.html", "en/index.html"):
        page = result.page(rel)
        assert "<script>alert" not in page
        assert "{{" not in page and "49" not in text_of(page)
        assert HOSTILE in text_of(page)
        assert HOSTILE in html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))


def test_draft_flag_shows_a_banner_on_every_page(changed_values):
    result = changed_values
    assert result.returncode == 0, result.explain()
    for rel in ("index.html", "contacts.html", "en/accounts.html"):
        assert 'class="pk-draft"' in result.page(rel)
    assert "CONCEPT" in result.page("index.html") and "DRAFT" in result.page("en/index.html")


# --- Another organisation ------------------------------------------------------------------

SECOND_ORG = {
    "organisation": {"legal_name": "Zeehaven Logistiek N.V.", "trade_name": "Zeehaven",
                     "website": "https://zeehaven.example.org", "email_domains": ["zeehaven.example.org"]},
}


def make_second_org(kit: Path) -> dict:
    """English-only organisation with its own name, contacts and accounts."""
    data = yaml.safe_load(_variables(kit).read_text(encoding="utf-8"))
    data["organisation"] = {"legal_name": "Harbour Freight Ltd", "trade_name": "Harbour Freight",
                            "website": "https://harbour.example.org",
                            "email_domains": ["harbour.example.org"]}
    for key, contact in data["contacts"].items():
        contact["email"] = f"{key.replace('_', '.')}@harbour.example.org"
        contact["name"] = {"en": f"Harbour {key.replace('_', ' ')}"}
        contact.pop("hours", None)
    data["accounts"] = [{"platform": "Mastodon", "handle": "@harbour",
                         "url": "https://social.example.org/@harbour", "team": {"en": "Comms"}}]
    data["spokespeople"] = [{"name": "Sam Quill", "role": {"en": "spokesperson"}}]
    data["related_policies"] = []
    data["disclosure"] = {"tags": {"en": ["#harbourstaff"]},
                          "disclaimer": {"en": "Views are my own."}}
    data["monitoring"]["tool"] = {"en": "no monitoring tool"}
    data["acknowledgement"] = {"form_url": "https://harbour.example.org/acknowledge"}
    data["languages"] = {"published": ["en"], "default": "en"}

    def english_only(node):
        if isinstance(node, dict):
            if node and set(node) <= {"nl", "en"}:
                return {"en": node.get("en", "")}
            return {k: english_only(v) for k, v in node.items()}
        if isinstance(node, list):
            return [english_only(v) for v in node]
        return node

    data = english_only(data)
    _variables(kit).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
    return data


def test_second_organisation_builds_without_a_trace_of_the_example(kit):
    make_second_org(kit)
    result = build(kit)
    assert result.returncode == 0, result.explain()
    assert not (result.site / "en").exists(), "only English is published: it lives at the root"
    index = result.page("index.html")
    assert '<html lang="en"' in index and "Harbour Freight" in text_of(index)
    assert "@harbour" in result.page("accounts.html")
    for path in result.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            content = path.read_text(encoding="utf-8", errors="replace").lower()
            assert "brugwerk" not in content, f"example name left in {path}"


# --- ProperDocs --------------------------------------------------------------------------

def test_properdocs_also_stops_on_bad_variables(kit):
    replace_in(_variables(kit), "  draft: false", "  drafts: false")
    # A hook that says which engine loaded it: the build is ProperDocs's own (the tests'
    # build server forks it from a process with ProperDocs, never MkDocs, imported).
    (kit / "hooks/engine_probe.py").write_text(
        "import mkdocs\nprint('engine:', mkdocs.__file__)\n", encoding="utf-8")
    replace_in(kit / "mkdocs.yml", "\nhooks:\n", "\nhooks:\n  - hooks/engine_probe.py\n")
    result = build(kit, engine="properdocs")
    assert result.returncode != 0
    assert "policy.drafts: unknown key" in result.output and "Traceback" not in result.output
    assert re.search(r"^engine: .*/properdocs/__init__\.py$", result.output, re.M), result.output


# --- The kit's own commands ------------------------------------------------------------------

@pytest.mark.parametrize("target", ["site", "properdocs"])
def test_make_targets_build_strictly_without_upstream_banners(tmp_path, target, example_site):
    """``make properdocs`` builds the repository as it is and makes the same pages as MkDocs
    (the shared example build), with the same text; ``make site`` is tried on a smaller copy
    (every page of the example is built in ``example_site``)."""
    from gitrepo import make

    site = tmp_path / "out"
    project = small_repository(tmp_path / "kit") if target == "site" else REPO
    done = make(project, target, f"SITE={site}", quiet=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert (site / "index.html").exists() and (site / "en/index.html").exists()
    if target == "site":  # the kit's findings and one line with the result, no engine chatter
        assert re.search(r"^Built in \d+\.\d s, \d+ pages checked: ", output, re.M), output
        assert "[macros]" not in output and "mkdocs_static_i18n" not in output
    else:
        assert "--strict" in output
        ours = {p.relative_to(site) for p in site.rglob("*.html")}
        assert ours == {p.relative_to(example_site.site) for p in example_site.html_pages()}
        for page in ("en/contacts.html", "policy/principles.html"):  # (git gives dates here)
            assert _words_without_date((site / page).read_text(encoding="utf-8")) \
                == _words_without_date(example_site.page(page))


def _words_without_date(page: str) -> list[str]:
    """The words of a page without its "last changed" line (only a git checkout has one)."""
    return text_of(re.sub(r'<span class="pk-last-changed".*?</time></span>', "", page,
                          flags=re.S)).split()


def test_not_found_page_speaks_the_default_language(example_site, tmp_path):
    kit = small_kit(tmp_path / "kit")
    page = example_site.page("404.html")
    assert '<html lang="nl"' in page and "Pagina niet gevonden" in page
    assert 'href="/index.html"' in page
    english_first = kit / "variables/company.yml"
    replace_in(english_first, "  default: nl ", "  default: en ")
    result = build(kit)
    assert result.returncode == 0, result.explain()
    assert '<html lang="en"' in result.page("404.html")
    assert "Page not found" in result.page("404.html")


def test_every_page_links_to_the_print_version_of_its_language(example_site):
    nl = example_site.page("principles/confidentiality.html")
    en = example_site.page("en/principles/confidentiality.html")
    assert re.search(r'href="\.\./print\.html" class="pk-print-link">printversie', nl)
    assert re.search(r'href="\.\./\.\./en/print\.html" class="pk-print-link">print version', en)
    assert (example_site.site / "print.html").exists() and (example_site.site / "en/print.html").exists()


def test_look_and_print_of_registers_acknowledgement_and_coverage(example_site):
    contacts = example_site.page("contacts.html")
    assert '<td data-label="E-mail"><a href="mailto:pers@brugwerk.example">' in contacts
    css = (REPO / "docs/assets/stylesheets/policykit.css").read_text(encoding="utf-8")
    assert '.md-typeset a[href^="mailto:"], .md-typeset a[href^="tel:"] { white-space: nowrap; }' in css
    # The on-screen instruction is marked so print and PDF leave it out; the form stays.
    ack = example_site.page("acknowledgement.html")
    assert re.search(r'<p class="pk-screen-only">Print deze pagina met Ctrl\+P', ack)
    assert "Lever" not in re.search(r'<p class="pk-screen-only">.*?</p>', ack).group(0)
    book = example_site.page("print.html")
    assert 'class="pk-screen-only"' in book and ".pk-book .pk-screen-only { display: none; }" in \
        (REPO / "docs/assets/stylesheets/print.css").read_text(encoding="utf-8")
    # The coverage page names pages by their title in every language column, not by file.
    coverage = example_site.page("coverage.html")
    row = re.search(r"<tr>\s*<td>[^<]*\(<code>responsibility</code>\).*?</tr>", coverage, re.S).group(0)
    assert "You are responsible for what you post" in row and ".en.md" not in row
