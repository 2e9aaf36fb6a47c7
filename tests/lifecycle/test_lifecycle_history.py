"""History: each page's last-change date from git, the version table, local pages.

Real builds in temporary git repositories with fixed commit dates, including a shallow clone
and a copy outside any repository.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import build, replace_in, small_kit
from gitrepo import commit_all, git, init_repo
from policykit.checks.yamlcheck import check_yaml
from policykit.output.changelog import check_history, periods, version_on
from policykit.sources.gitdates import PageDate, parse_log, read_history
from policykit.sources.localpages import folder_titles, local_pages, menu_translations, with_local_pages

LAST_CHANGED = re.compile(
    r'class="pk-last-changed"[^>]*>([^<]*)<time datetime="(\d{4}-\d\d-\d\d)">([^<]*)</time>')


def last_changed(html: str) -> tuple[str, str, str] | None:
    """(label, ISO date, date as written) of a page, or None when the page shows no date."""
    found = LAST_CHANGED.findall(html)
    assert len(found) <= 1, found
    return found[0] if found else None


# --- pure functions -------------------------------------------------------------------------

def test_parse_log_keeps_the_newest_date_and_marks_shallow_boundary():
    log = ("\x1eccc 2026-02-10\x00\nindex.nl.md\x00"
           "\x1ebbb 2025-03-04\x00\nindex.nl.md\x00contacts.nl.md\x00"
           "\x1eaaa 2024-01-02\x00\ncontacts.nl.md\x00accounts.nl.md\x00")
    dates = parse_log(log, boundary={"aaa"})
    assert dates == {
        "index.nl.md": PageDate(dt.date(2026, 2, 10)),
        "contacts.nl.md": PageDate(dt.date(2025, 3, 4)),
        "accounts.nl.md": PageDate(dt.date(2024, 1, 2), exact=False),
    }


def test_read_history_uses_two_git_calls_however_many_pages(tmp_path):
    calls = []
    names = "".join(f"page{i}.nl.md\x00" for i in range(500))

    def fake_git(args, cwd):
        calls.append(args)
        if args[0] == "rev-parse":
            return "false\n.git/shallow\n"
        return f"\x1eabc 2026-01-05\x00\n{names}"

    history = read_history(tmp_path, run=fake_git)
    assert len(history.dates) == 500
    assert len(calls) == 2
    assert history.note == ""


def test_a_change_merged_from_a_branch_dates_from_the_merge(tmp_path):
    (tmp_path / "docs").mkdir()
    for name in ("a.md", "b.md"):
        (tmp_path / "docs" / name).write_text("x\n", encoding="utf-8")
    init_repo(tmp_path, day="2024-01-01")
    git(tmp_path, "checkout", "-q", "-b", "edit")
    (tmp_path / "docs/a.md").write_text("changed on a branch\n", encoding="utf-8")
    commit_all(tmp_path, "edit a", day="2024-02-01")
    git(tmp_path, "checkout", "-q", "main")
    (tmp_path / "docs/b.md").write_text("changed on main\n", encoding="utf-8")
    commit_all(tmp_path, "edit b", day="2024-03-01")
    git(tmp_path, "merge", "-q", "--no-ff", "edit", "-m", "merge", day="2024-04-01")
    dates = read_history(tmp_path / "docs").dates
    assert dates == {"a.md": PageDate(dt.date(2024, 4, 1)), "b.md": PageDate(dt.date(2024, 3, 1))}


def test_read_history_outside_git_returns_no_dates_and_a_note(tmp_path):
    history = read_history(tmp_path)
    assert history.dates == {}
    assert "not a git repository" in history.note


HISTORY = [{"version": "1.0", "effective_date": "2024-03-01", "changes": {"nl": "a", "en": "a"}},
           {"version": "2.1", "effective_date": "2026-09-01", "changes": {"nl": "c", "en": "c"}},
           {"version": "2.0", "effective_date": "2025-06-01", "changes": {"nl": "b", "en": "b"}}]


@pytest.mark.parametrize(("day", "version"), [
    # day asked about, version in force that day (None: before the first version)
    ("2024-02-29", None),
    ("2024-03-01", "1.0"),
    ("2025-05-31", "1.0"),
    ("2025-06-01", "2.0"),
    ("2026-08-31", "2.0"),
    ("2026-09-01", "2.1"),
    ("2030-01-01", "2.1"),
])
def test_version_on_a_given_day(day, version):
    assert version_on(HISTORY, dt.date.fromisoformat(day)) == version


def test_periods_end_the_day_before_the_next_version():
    got = [(p.version, p.start.isoformat(), p.until and p.until.isoformat())
           for p in periods(HISTORY)]
    assert got == [("2.1", "2026-09-01", None), ("2.0", "2025-06-01", "2026-08-31"),
                   ("1.0", "2024-03-01", "2025-05-31")]


def test_check_history_reports_contradictions_with_lines():
    policy = {"version": "2.2", "effective_date": "2026-09-01",
              "history": HISTORY + [{"version": "2.0", "effective_date": "2025-06-01"}]}
    messages = [f"{f.line}: {f.message}" for f in
                check_history(policy, "variables/company.yml", lambda where: len(where))]
    assert messages == [
        "4: policy.history: version 2.0 is listed twice",
        "4: policy.history: two versions take effect on 2025-06-01",
        "2: policy.history: the current version 2.2 is not listed",
    ]
    policy["version"], policy["history"] = "2.1", HISTORY
    assert check_history(policy, "variables/company.yml") == []


def test_check_history_reports_a_version_in_force_before_its_approval():
    history = [{**HISTORY[1], "approved_date": "2026-07-14"},
               {**HISTORY[2], "approved_date": "2025-06-02"}, HISTORY[0]]
    policy = {"version": "2.1", "effective_date": "2026-09-01", "approved_date": "2026-09-02",
              "history": history}
    messages = [str(f) for f in
                check_history(policy, "variables/company.yml", lambda where: len(where))]
    assert messages == [
        "variables/company.yml:4: policy.history: version 2.1 was approved on 2026-07-14, "
        "but policy.approved_date says 2026-09-02 — write the same date in both places",
        "variables/company.yml:2: policy.approved_date 2026-09-02 lies after "
        "policy.effective_date 2026-09-01: version 2.1 would apply before it was approved — "
        "correct one of the two dates; a version takes effect on or after the day it is "
        "approved",
        "variables/company.yml:4: policy.history: version 2.0 is approved on 2025-06-02, "
        "after it takes effect on 2025-06-01 — correct one of the two dates; a version takes "
        "effect on or after the day it is approved",
    ]
    policy["approved_date"] = history[0]["approved_date"]
    history[1]["approved_date"] = "2025-06-01"  # approved on the day it takes effect: fine
    assert check_history(policy, "variables/company.yml") == []


def test_local_pages_are_added_once_to_the_nav(tmp_path):
    docs = tmp_path / "docs"
    (docs / "local" / "_drafts").mkdir(parents=True)
    for name in ("travel.nl.md", "travel.en.md", "events.nl.md", "_drafts/x.nl.md"):
        (docs / "local" / name).write_text("# x\n", encoding="utf-8")
    (docs / "local" / ".gitkeep").write_text("", encoding="utf-8")
    pages = local_pages(docs)
    assert pages == ["local/events.md", "local/travel.md"]
    nav = with_local_pages(["index.md", {"Beleid": ["local/events.md"]}], pages)
    assert nav == ["index.md", {"Beleid": ["local/events.md"]},
                   {"Van onze organisatie": ["local/travel.md"]}]
    assert with_local_pages(nav, pages) == nav
    assert with_local_pages(None, pages) is None


def test_local_sub_folders_are_titled_by_their_index_page(tmp_path):
    docs = tmp_path / "docs"
    for name, text in (("hr/index.nl.md", "---\nowner: hr\n---\n\n# Personeelszaken\n"),
                       ("hr/index.en.md", "# Human resources #\n"), ("hr/a.nl.md", "# A\n"),
                       ("it/index.md", "# {{ organisation.trade_name }} ICT\n"),
                       ("it/index.en.md", "# IT\n")):
        (docs / "local" / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / "local" / name).write_text(text, encoding="utf-8")
    titles = folder_titles(docs, ["nl", "en"], "nl")
    assert titles == {"local/hr": {"nl": "Personeelszaken", "en": "Human resources"},
                      "local/it": {"en": "IT"}}  # template code is no menu title
    assert menu_translations(titles, "nl", "en") == {"Personeelszaken": "Human resources",
                                                    "It": "IT"}
    nav = with_local_pages([], local_pages(docs), folder_titles={"local/hr": "Personeelszaken"})
    assert nav == [{"Van onze organisatie": [
        {"Personeelszaken": ["local/hr/index.md", "local/hr/a.md"]},
        {"It": ["local/it/index.md"]}]}]


def test_local_sub_folders_become_sub_sections(tmp_path):
    docs = tmp_path / "docs"
    for name in ("werving-en-selectie/vacatures.nl.md", "werving-en-selectie/intake.nl.md",
                 "werving-en-selectie/stage/bpv.nl.md", "reizen.nl.md", "ict_beheer/a.nl.md"):
        (docs / "local" / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / "local" / name).write_text("# x\n", encoding="utf-8")
    nav = with_local_pages(["index.md"], local_pages(docs))
    assert nav == ["index.md", {"Van onze organisatie": [
        "local/reizen.md",
        {"Ict beheer": ["local/ict_beheer/a.md"]},
        {"Werving en selectie": ["local/werving-en-selectie/intake.md",
                                 "local/werving-en-selectie/vacatures.md",
                                 {"Stage": ["local/werving-en-selectie/stage/bpv.md"]}]},
    ]}]


def test_yaml_check_finds_syntax_errors_and_repeated_keys():
    assert check_yaml("a: 1\nb: !ENV [X]\n", "ok.yml") == []
    assert [str(f) for f in check_yaml("a: 1\nb:\n  c: 2\na: 3\n", "x.yml")] == [
        "x.yml:4: key 'a' is written twice (first on line 1)"
        " — keep one of the two and delete the other"]
    (finding,) = check_yaml("a: [1, 2\nb: 3\n", "y.yml")
    assert finding.path == "y.yml" and finding.line == 2
    assert "YAML syntax error" in finding.message


# --- real builds ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dated_repo(tmp_path_factory) -> Path:
    """A kit copy in git: everything committed on 2025-03-04, the principles changed 2026-02-10."""
    project = small_kit(tmp_path_factory.mktemp("dated") / "kit", keep=("policy/principles.md",))
    init_repo(project, day="2025-03-04")
    replace_in(project / "docs/policy/principles.nl.md", "# Principes", "# Principes\n\nNieuw.")
    commit_all(project, "change principles (nl)", day="2026-02-10")
    return project


@pytest.mark.build
def test_pages_show_their_last_change_from_git(dated_repo, tmp_path):
    result = build(dated_repo, site=tmp_path / "site")
    assert result.returncode == 0, result.explain()
    assert last_changed(result.page("policy/principles.html")) == (
        "Laatst gewijzigd: ", "2026-02-10", "10 februari 2026")
    assert last_changed(result.page("index.html")) == (
        "Laatst gewijzigd: ", "2025-03-04", "4 maart 2025")
    # The English page did not change in the second commit, and speaks English.
    assert last_changed(result.page("en/policy/principles.html")) == (
        "Last changed: ", "2025-03-04", "4 March 2025")
    assert "shallow" not in result.output


@pytest.mark.build
def test_properdocs_build_shows_the_same_dates_and_versions(dated_repo, tmp_path):
    result = build(dated_repo, engine="properdocs", site=tmp_path / "site")
    assert result.returncode == 0, result.explain()
    assert last_changed(result.page("policy/principles.html"))[1] == "2026-02-10"
    assert last_changed(result.page("en/index.html"))[1] == "2025-03-04"
    assert '<tr id="version-2.0"><td>2.0</td>' in result.page("maintain/changes.html")


@pytest.mark.build
def test_shallow_clone_builds_with_on_or_before_dates(dated_repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{dated_repo}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    result = build(clone)
    assert result.returncode == 0, result.explain()
    assert "page dates: shallow clone" in result.output
    # Only the newest commit is there: every page changed on or before its date.
    assert last_changed(result.page("index.html")) == (
        "Laatst gewijzigd: ", "2026-02-10", "op of vóór 10 februari 2026")
    assert last_changed(result.page("en/contacts.html")) == (
        "Last changed: ", "2026-02-10", "on or before 10 February 2026")


@pytest.mark.build
def test_outside_git_builds_without_dates(example_site):
    # example_site is a copy in a temporary folder that is not a git repository.
    assert "page dates: not a git repository" in example_site.output
    for page in example_site.html_pages():
        assert "pk-last-changed" not in page.read_text(encoding="utf-8"), page


@pytest.mark.build
def test_what_changed_page_lists_versions_with_periods(example_site):
    html = example_site.page("maintain/changes.html")
    rows = re.findall(r'<tr id="version-([\d.]+)"><td>(.*?)</td><td><time datetime="([\d-]+)">'
                      r"(.*?)</time></td><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("2.1", "2026-09-01", "—"),
        ("2.0", "2025-06-01", "31 augustus 2026"),
        ("1.0", "2024-03-01", "31 mei 2025"),
    ]
    assert "(huidige versie)" in rows[0][1]
    assert "<li>Nieuw: regels voor het gebruik van AI-tools" in rows[0][5]
    english = example_site.page("en/maintain/changes.html")
    assert "<th>In force until</th>" in english
    assert "31 August 2026" in english and "(current version)" in english
    assert "First version." in english


@pytest.mark.build
def test_contradicting_history_fails_the_build_with_the_line(tmp_path):
    kit = small_kit(tmp_path / "kit")
    variables = kit / "variables/company.yml"
    replace_in(variables, '- version: "2.0"', '- version: "2.1"')
    lines = variables.read_text(encoding="utf-8").splitlines()
    first, second = [n for n, text in enumerate(lines, 1) if text == '    - version: "2.1"']
    result = build(kit)
    assert result.returncode != 0
    assert (f"variables/company.yml:{second}: policy.history: version 2.1 is listed twice"
            " — keep one entry per version") in result.output


@pytest.mark.build
def test_local_pages_appear_in_the_navigation_in_both_languages(tmp_path):
    kit = small_kit(tmp_path / "kit")
    local = kit / "docs/local"
    local.mkdir(exist_ok=True)
    front = "---\ntopics: []\nowner: hr\nlast_reviewed: 2026-08-20\n---\n\n"
    for name, body in (("reiskosten.nl.md", "# Reiskosten delen\n\nTekst.\n"),
                       ("reiskosten.en.md", "# Sharing travel costs\n\nText.\n")):
        (local / name).write_text(front + body, encoding="utf-8")
    (local / "werving").mkdir()
    for name, body in (("vacatures.nl.md", "# Vacatures plaatsen\n"),
                       ("vacatures.en.md", "# Vacancies\n"), ("intake.nl.md", "# Intake\n"),
                       ("intake.en.md", "# Intake\n")):
        text = "Text" if name.endswith(".en.md") else "Tekst"  # spelt in the page's language
        (local / "werving" / name).write_text(f"{front}{body}\n{text}.\n", encoding="utf-8")
    (local / "ict").mkdir()
    for name, body in (("index.nl.md", "# Computers en telefoons\n"),
                       ("index.en.md", "# Computers and phones\n"), ("mail.nl.md", "# Mail\n"),
                       ("mail.en.md", "# Mail\n")):
        text = "Text" if name.endswith(".en.md") else "Tekst"
        (local / "ict" / name).write_text(f"{front}{body}\n{text}.\n", encoding="utf-8")
    result = build(kit)
    assert result.returncode == 0, result.explain()
    assert "Reiskosten delen" in result.page("local/reiskosten.html")
    index = result.page("index.html")
    assert re.search(r"Van onze organisatie.*?href=\"local/reiskosten.html\"", index, re.S)
    english = result.page("en/index.html")
    assert re.search(r"From our organisation.*?href=\"local/reiskosten.html\"", english, re.S)
    assert "Sharing travel costs" in english

    # A sub-folder is a sub-section; with navigation.prune a closed one is a single link to
    # its first page, and only the open one lists its pages.
    assert re.search(r"href=\"local/werving/intake.html\"[^>]*>(\s|<[^a][^>]*>)*Werving", index)
    assert "local/werving/vacatures.html" not in index
    vacancies = result.page("local/werving/vacatures.html")
    assert 'href="intake.html"' in vacancies and "Vacatures plaatsen" in vacancies
    assert "Vacancies" in result.page("en/local/werving/vacatures.html")
    # A sub-folder with an index page is titled by its heading, in each language.
    assert re.search(r'href="local/ict/index.html"[^>]*>(\s|<[^a][^>]*>)*Computers en telefoons',
                     index)
    assert re.search(r'href="local/ict/index.html"[^>]*>(\s|<[^a][^>]*>)*Computers and phones',
                     english)
    assert "Ict" not in re.sub(r"<[^>]*>", " ", index).split()
