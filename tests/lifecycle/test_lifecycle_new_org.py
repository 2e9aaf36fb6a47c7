"""Start a new organisation from the kit with copier, then take in a later kit version.

Real git repositories in temporary folders: the kit as a tagged template repository, an
organisation's repository made from an answers file with `make new-org`, a second kit version,
and `make update-kit` in the organisation's repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BuildResult, build, replace_in, switch_off_policy_pages
from gitrepo import commit_all, files_with_conflicts, git, kit_template, make, new_org
from policykit.lifecycle.copierspeed import speed_up
from policykit.lifecycle.neworg import explain_answer_error, read_answers

pytestmark = pytest.mark.build

ANSWERS = """\
legal_name: "Zorggroep Oost B.V."
trade_name: "Zorggroep Oost"
domain: zorggroep-oost.test
effective_date: 2027-01-01
phone: "+31 50 123 4567"
languages: [nl, en]
default_language: nl
accounts:
  - {platform: Mastodon, handle: "@zorggroep", url: "https://social.zorggroep-oost.test/@zorggroep"}
draft: false
reviewers_policy: "@zorggroep-oost/communicatie"
"""
KIT_TEXT_V2 = "Deze zin kwam met versie 2 van de kit."


@pytest.fixture(scope="module")
def kit_repo(tmp_path_factory) -> Path:
    """The whole repository as a git repository with tag v1.0.0 (the template)."""
    return kit_template(tmp_path_factory.mktemp("template") / "kit")


@pytest.fixture(scope="module")
def org(kit_repo, tmp_path_factory) -> Path:
    """An organisation's repository made with `make new-org` from an answers file."""
    return new_org(kit_repo, tmp_path_factory.mktemp("org"), ANSWERS)


def test_new_org_copies_the_kit_and_fills_in_only_the_variables(kit_repo, org):
    variables = (org / "variables/company.yml").read_text(encoding="utf-8")
    assert 'legal_name: "Zorggroep Oost B.V."' in variables
    assert 'email: "pers@zorggroep-oost.test"' in variables
    assert "Brugwerk" not in variables and "brugwerk" not in variables
    # Pages and build files are the kit's, byte for byte, mkdocs-macros' {{ }} included.
    for rel in ("docs/index.nl.md", "docs/contacts.en.md", "mkdocs.yml", "Makefile",
                "hooks/macros.py", ".github/workflows/policy.yml", ".gitlab-ci.yml"):
        assert (org / rel).read_bytes() == (kit_repo / rel).read_bytes(), rel
    assert "{{ policy.title }}" in (org / "docs/index.nl.md").read_text(encoding="utf-8")
    # The kit's own tests and template questions stay with the kit.
    for rel in ("tests", "copier.yml", ".ci", "variables/company.yml.jinja"):
        assert not (org / rel).exists(), rel
    codeowners = (org / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/docs/                 @zorggroep-oost/communicatie" in codeowners
    answers = (org / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "_commit: v1.0.0" in answers and f"_src_path: {kit_repo}" in answers
    assert git(org, "status", "--porcelain") == ""
    assert git(org, "log", "--format=%s") .strip() == (
        "Start our social media policy from the Social Media Policy Kit")


def test_new_org_site_builds_at_once_with_its_own_values(org, tmp_path):
    site = tmp_path / "site"
    done = make(org, "site", f"SITE={site}")  # the very command the README gives
    assert done.returncode == 0, done.stdout + done.stderr
    result = BuildResult(done.returncode, done.stdout + done.stderr, site, ["make", "site"])
    index = result.page("index.html")
    assert "Zorggroep Oost" in index
    assert "Socialemediabeleid · Zorggroep Oost" in index
    assert 'href="mailto:online@zorggroep-oost.test"' in index
    assert "https://social.zorggroep-oost.test/@zorggroep" in result.page("accounts.html")
    assert "Eerste versie van het socialemediabeleid van Zorggroep Oost." in result.page(
        "maintain/changes.html")
    for page in result.html_pages():
        assert "Brugwerk" not in page.read_text(encoding="utf-8"), page
    # The new repository's history dates every page.
    assert 'class="pk-last-changed"' in index


def test_kit_update_brings_new_text_and_keeps_the_organisation_s_own(kit_repo, org, tmp_path):
    # The organisation changes its values and adds a page of its own.
    replace_in(org / "variables/company.yml", 'email: "hr@zorggroep-oost.test"',
               'email: "personeelszaken@zorggroep-oost.test"')
    switch_off_policy_pages(org)  # pages it does without (and a smaller site to build below)
    local = org / "docs/local"
    front = "---\ntopics: []\nowner: hr\nlast_reviewed: 2026-10-15\n---\n\n"
    (local / "fiets.nl.md").write_text(front + "# Fietsregeling\n", encoding="utf-8")
    (local / "fiets.en.md").write_text(front + "# Cycle scheme\n", encoding="utf-8")
    commit_all(org, "Our HR address and cycle scheme page")
    own_variables = (org / "variables/company.yml").read_bytes()

    # The kit improves a page and the variables template, and tags v2.0.0.
    replace_in(kit_repo / "docs/index.nl.md", "# {{ policy.title }}\n",
               f"# {{{{ policy.title }}}}\n\n{KIT_TEXT_V2}\n")
    replace_in(kit_repo / "variables/company.yml.jinja", "# Everything that differs",
               "# Kit v2. Everything that differs")
    commit_all(kit_repo, "Kit v2", day="2026-11-01")
    git(kit_repo, "tag", "v2.0.0")

    done = make(org, "update-kit")
    assert done.returncode == 0, done.stdout + done.stderr
    assert KIT_TEXT_V2 in (org / "docs/index.nl.md").read_text(encoding="utf-8")
    assert (org / "variables/company.yml").read_bytes() == own_variables
    assert (local / "fiets.nl.md").exists() and (local / "fiets.en.md").exists()
    assert "_commit: v2.0.0" in (org / ".copier-answers.yml").read_text(encoding="utf-8")
    assert files_with_conflicts(org) == []
    changed = sorted(line[3:] for line in git(org, "status", "--porcelain").splitlines())
    assert changed == [".copier-answers.yml", "docs/index.nl.md"]

    commit_all(org, "Kit v2.0.0")
    result = build(org, site=tmp_path / "site")
    assert result.returncode == 0, result.explain()
    assert KIT_TEXT_V2 in result.page("index.html")
    assert 'href="mailto:personeelszaken@zorggroep-oost.test"' in result.page("contacts.html")
    assert "Fietsregeling" in result.page("local/fiets.html")


@pytest.mark.parametrize(("old", "new", "said"), [
    ("domain: zorggroep-oost.test", "domain: https://x",
     ":3: domain: Write a domain such as example.nl, without https:// or www"),
    ("default_language: nl", "default_language: de",
     ":7: default_language: 'de' is not in ['nl', 'en']"),  # a choice copier offers
])
def test_a_bad_answer_is_reported_with_its_line_and_no_traceback(kit_repo, tmp_path, old, new,
                                                                 said):
    answers = tmp_path / "answers.yml"
    answers.write_text(ANSWERS.replace(old, new), encoding="utf-8")
    done = make(kit_repo, "new-org", f"DEST={tmp_path / 'org'}", f"ANSWERS={answers}")
    assert done.returncode != 0
    assert f"{answers}{said} — correct the answer and run the command again" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "org").exists()


def test_a_missing_answer_names_the_question(tmp_path):
    answers = tmp_path / "a.yml"
    answers.write_text("legal_name: X\n", encoding="utf-8")
    assert read_answers(answers) == {"legal_name": "X"}
    message = explain_answer_error(ValueError('Question "phone" is required'), answers)
    assert message == (f"{answers}: phone: no answer — add a line 'phone: ...' to the answers "
                       "file (copier.yml says what the question asks)")


def test_english_only_org_with_us_staff_builds_in_english(kit_repo, tmp_path):
    answers = (ANSWERS.replace("languages: [nl, en]", "languages: [en]")
               .replace("default_language: nl", "default_language: en") + "us_staff: true\n")
    org = new_org(kit_repo, tmp_path, answers)
    variables = (org / "variables/company.yml").read_text(encoding="utf-8")
    assert "published: [en]" in variables
    # The e-mail addresses it was not asked for are English words, not the Dutch defaults.
    for local in ("press", "legal", "confidential", "integrity"):
        assert f'email: "{local}@zorggroep-oost.test"' in variables, local
    for local in ("pers", "juridisch", "vertrouwenspersoon", "melden"):
        assert f'"{local}@' not in variables, local
    # Every page of an English-only organisation is built in test_build (the second
    # organisation); here the pages these answers change (the US page has its flag and stays).
    result = build(switch_off_policy_pages(org))
    assert result.returncode == 0, result.explain()
    assert "Social media policy · Zorggroep Oost" in result.page("index.html")
    assert not (result.site / "en").exists()
    assert "Staff in the United States" in result.page("policy/us-staff.html")
    # The editors' guide asks for the one published language only.
    guide = result.page("maintain/how-to-change.html")
    assert "in English (<code>travel.en.md</code>)" in guide
    assert "an <code>index.en.md</code>. Its first heading" in guide
    for both in ("travel.nl.md", "name.nl.md", "index.nl.md", "Do the same in the Dutch file"):
        assert both not in guide, both


def test_update_reports_a_clash_with_a_changed_kit_page(kit_repo, tmp_path):
    org = new_org(kit_repo, tmp_path, ANSWERS)
    replace_in(org / "docs/contacts.nl.md", "# Contact", "# Contact bij ons")
    commit_all(org, "We changed a kit page (not recommended)")
    replace_in(kit_repo / "docs/contacts.nl.md", "# Contact", "# Contact en hulp")
    commit_all(kit_repo, "Kit v3", day="2026-11-15")
    git(kit_repo, "tag", "v3.0.0")
    done = make(org, "update-kit")
    assert done.returncode != 0
    assert "The kit's v3.0.0 changes clash with changes made here, in:\n  docs/contacts.nl.md" \
        in done.stderr
    assert "To finish: make site, then git add -A && git commit -m 'Kit v3.0.0'" in done.stderr
    assert "To abort and keep everything as it was: git checkout -- . && git clean -fd" in done.stderr
    assert "Traceback" not in done.stderr


def test_answers_with_quotes_colons_and_accents_give_valid_variables(kit_repo, tmp_path):
    from policykit.project import Project
    answers = (ANSWERS.replace('legal_name: "Zorggroep Oost B.V."',
                               """legal_name: 'Stichting "De Brug": zorg & welzijn'""")
               .replace('trade_name: "Zorggroep Oost"', 'trade_name: "Café De Brug #1"'))
    org = new_org(kit_repo, tmp_path, answers)
    data = Project(org).load_variables().data  # raises with every finding if invalid
    assert data["organisation"]["legal_name"] == 'Stichting "De Brug": zorg & welzijn'
    assert data["organisation"]["trade_name"] == "Café De Brug #1"
    assert data["disclosure"]["tags"]["nl"] == ["#medewerker", "#werkenbijcafédebrug1"]
    assert data["disclosure"]["disclaimer"]["en"] == (
        "I work at Café De Brug #1. The views here are my own.")


def test_hashtags_leave_out_the_article_of_a_trade_name(kit_repo, tmp_path):
    from policykit.project import Project
    org = new_org(kit_repo, tmp_path, ANSWERS.replace('trade_name: "Zorggroep Oost"',
                                                      'trade_name: "het Zorghuis Oost"'))
    tags = Project(org).load_variables().data["disclosure"]["tags"]
    assert tags == {"nl": ["#medewerker", "#werkenbijzorghuisoost"],
                    "en": ["#employee", "#workingatzorghuisoost"]}


@pytest.mark.parametrize("file_mode", ["false", "true", None])
def test_copier_syncs_executable_bits_only_where_git_ignores_file_modes(tmp_path, file_mode):
    """Copier's own rule, with git asked once per destination instead of once per file."""
    import types

    git(tmp_path, "init", "-q")
    if file_mode is None:  # git init writes it; unset, git's default (true) applies
        git(tmp_path, "config", "--unset", "core.fileMode")
    else:
        git(tmp_path, "config", "core.fileMode", file_mode)
    synced = []

    class Worker:
        jinja_env = __import__("jinja2").Environment()
        subproject = types.SimpleNamespace(local_abspath=tmp_path)

        def _render_context(self):
            return {}

        def _render_string(self, string, extra_context=None):
            raise AssertionError

        def _sync_git_index_executable_bit(self, dst_relpath, src_mode):
            synced.append(dst_relpath)

    speed_up(types.SimpleNamespace(_main=types.SimpleNamespace(Worker=Worker)))
    worker = Worker()
    for name in ("Makefile", ".ci/run"):
        worker._sync_git_index_executable_bit(Path(name), 0o755)
    assert synced == ([Path("Makefile"), Path(".ci/run")] if file_mode == "false" else [])
    assert worker._render_string("docs/{{ 'x' }}.md") == "docs/x.md"
