"""Editing in the browser: "Edit this page" addresses, the web editor's generated Decap
configuration, and the editor's data file (``variables/editor/people.yml``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build, replace_in, small_kit
from jsonschema import Draft202012Validator
from policykit.checks.coverage import load_kit_topics
from policykit.output.editlinks import edit_url
from policykit.output.editorconfig import decap_config, menu_sections, page_titles
from policykit.sources.editing import Editing, Repository, editing_from_variables, parse_repository
from policykit.sources.people import PEOPLE_FILE, merge_people, split_people
from policykit.sources.variables import load_schema, validate_text
from policykit.sources.yamlfile import parse_yaml

SCHEMA = load_schema(REPO / "variables/company.schema.json")
COMPANY = (REPO / "variables/company.yml").read_text(encoding="utf-8")
DATA = yaml.safe_load(COMPANY)
DECAP_OPTIONS = json.loads((Path(__file__).parent / "decap-config.schema.json").read_text())
NAV = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]


@pytest.mark.parametrize(("host", "url", "path", "expected"), [
    ("github", "https://github.com/brugwerk/beleid", "docs/policy/ai.en.md",
     "https://github.com/brugwerk/beleid/edit/main/docs/policy/ai.en.md"),
    ("github", "https://git.brugwerk.example/comms/beleid.git", "docs/index.nl.md",
     "https://git.brugwerk.example/comms/beleid/edit/main/docs/index.nl.md"),
    ("gitlab", "https://gitlab.brugwerk.example/hr/policy/site", "docs/local/reis kosten.nl.md",
     "https://gitlab.brugwerk.example/hr/policy/site/-/edit/main/docs/local/reis%20kosten.nl.md"),
    ("gitea", "https://gitea.brugwerk.example/hr/beleid", "docs/policy/ai.nl.md",
     "https://gitea.brugwerk.example/hr/beleid/_edit/main/docs/policy/ai.nl.md"),
    ("forgejo", "https://codeberg.example/hr/beleid", "docs/policy/ai.en.md",
     "https://codeberg.example/hr/beleid/_edit/main/docs/policy/ai.en.md"),
    ("azure", "https://dev.azure.com/brugwerk/hr/_git/beleid", "docs/policy/ai.en.md",
     "https://dev.azure.com/brugwerk/hr/_git/beleid?path=/docs/policy/ai.en.md&version=GBmain&_a=contents"),
])
def test_edit_url_opens_the_language_file_in_the_hosts_editor(host, url, path, expected):
    base, repo = parse_repository(host, url)
    assert edit_url(Repository(host, base, repo), path) == expected


@pytest.mark.parametrize(("host", "url"), [
    ("github", "https://github.com/brugwerk"),               # no repository name
    ("github", "https://github.com/a/b/c"),                   # too deep for GitHub
    ("gitlab", "https://gitlab.example/hr/site/-/tree/main"),  # a page of the repository
    ("azure", "https://dev.azure.com/brugwerk/beleid"),      # no _git/name
    ("gitea", "ftp://git.example/a/b"),
])
def test_wrong_repository_addresses_are_reported_with_their_line(host, url):
    data = {**DATA, "editing": {"host": host, "repository": url}}
    editing, findings = editing_from_variables(data, "variables/company.yml", lambda path: 7)
    assert editing.repository is None
    assert [str(f).split(" — ")[0] for f in findings] == [
        f"variables/company.yml:7: editing.repository: '{url}' is not a "
        f"{ {'github': 'GitHub', 'gitlab': 'GitLab', 'gitea': 'Gitea', 'azure': 'Azure DevOps'}[host]} "
        "repository address"]


def test_web_editor_needs_a_repository_and_sign_in_settings_but_not_locally():
    def findings(section, local=False):
        return [f.message for f in editing_from_variables({"editing": section}, "c.yml", local=local)[1]]
    assert findings({"web_editor": True}) == [
        "editing.web_editor: true, but editing.repository is empty"]
    assert findings({"web_editor": True}, local=True) == []
    assert editing_from_variables({"editing": {"web_editor": False}}, "c.yml", local=True)[0].web_editor
    gitlab = {"web_editor": True, "host": "gitlab", "repository": "https://gitlab.example/hr/site"}
    assert [m.split(":")[0] for m in findings(gitlab)] == ["editing.app_id"]
    azure = {"web_editor": True, "host": "azure", "app_id": "x",
             "repository": "https://dev.azure.com/brugwerk/hr/_git/beleid"}
    assert [m.split(":")[0] for m in findings(azure)] == ["editing.tenant_id"]
    assert findings({**azure, "tenant_id": "t"}) == []
    # Off, and nothing set: no button, no editor, no finding (the example organisation).
    assert editing_from_variables(DATA, "c.yml") == (Editing(), [])


EDITINGS = {
    "github": Editing(Repository("github", "https://github.com", "brugwerk/beleid"), True,
                      auth_url="https://auth.brugwerk.example"),
    "github-enterprise": Editing(Repository("github", "https://git.brugwerk.example", "c/b"), True),
    "gitlab": Editing(Repository("gitlab", "https://gitlab.brugwerk.example", "hr/policy/site"), True,
                      app_id="abc"),
    "gitea": Editing(Repository("gitea", "https://gitea.brugwerk.example", "hr/beleid"), True,
                     app_id="abc"),
    "forgejo": Editing(Repository("forgejo", "https://code.brugwerk.example", "hr/beleid"), True,
                       app_id="abc"),
    "azure": Editing(Repository("azure", "https://dev.azure.com", "brugwerk/hr/beleid", "live"), True,
                     app_id="abc", tenant_id="tenant"),
}


def _config(editing: Editing, local: str | None = None, people: bool = True) -> dict:
    sections = menu_sections(NAV, DATA["organisation"]["trade_name"])
    return decap_config(
        sections=sections,
        titles=page_titles(REPO / "docs", [p for s in sections for p in s.pages], ["nl", "en"]),
        editing=editing, languages=["nl", "en"], default="nl",
        topics=[{"id": t.id, "title": t.title} for t in load_kit_topics()],
        contacts=DATA["contacts"], flags=list(DATA["flags"]), schema=SCHEMA, people=people,
        local_backend=local)


def _fields(fields):
    for field in fields:
        yield field
        yield from _fields(field.get("fields", []))


_COLLECTIONS_CHECKED: dict[str, list[str]] = {}


def _decap_errors(config: dict) -> list[str]:
    """Where ``config`` breaks DECAP_OPTIONS. The collections (nearly all of a config, and the
    same for every backend) are checked once per distinct content: their rules do not depend
    on the backend, so the rest is checked with the first collection standing in."""
    validator = Draft202012Validator(DECAP_OPTIONS)

    def found(part: dict) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validator.iter_errors(part)]

    key = json.dumps(config.get("collections"), sort_keys=True)
    if key not in _COLLECTIONS_CHECKED:
        _COLLECTIONS_CHECKED[key] = found(config)
        return _COLLECTIONS_CHECKED[key]
    rest = found({**config, "collections": config["collections"][:1]})
    return sorted(set(rest) | set(_COLLECTIONS_CHECKED[key]))


@pytest.mark.parametrize("kind", [*EDITINGS, "local"])
def test_generated_config_uses_only_decaps_documented_options(kind):
    local = "http://127.0.0.1:8081/api/v1" if kind == "local" else None
    config = _config(EDITINGS.get(kind, Editing()), local)
    assert _decap_errors(config) == []
    for collection in config["collections"]:  # Decap's own rule: the identifier is a field
        if "folder" in collection:
            names = [f["name"] for f in collection["fields"]]
            assert collection.get("identifier_field", "title") in names
        for field in _fields(collection.get("fields") or
                             [f for file in collection.get("files", []) for f in file["fields"]]):
            if "pattern" in field:
                re.compile(field["pattern"][0])   # JSON Schema patterns here are JavaScript-safe


def test_config_backends_per_host_kind():
    backends = {kind: _config(editing)["backend"] for kind, editing in EDITINGS.items()}
    assert backends["github"] == {"name": "github", "repo": "brugwerk/beleid", "branch": "main",
                                  "base_url": "https://auth.brugwerk.example"}
    assert backends["github-enterprise"]["api_root"] == "https://git.brugwerk.example/api/v3"
    assert backends["gitlab"] == {
        "name": "gitlab", "repo": "hr/policy/site", "branch": "main", "auth_type": "pkce",
        "app_id": "abc", "api_root": "https://gitlab.brugwerk.example/api/v4",
        "base_url": "https://gitlab.brugwerk.example", "auth_endpoint": "oauth/authorize"}
    assert backends["gitea"]["api_root"] == "https://gitea.brugwerk.example/api/v1"
    assert backends["forgejo"]["name"] == "forgejo"
    assert backends["azure"] == {"name": "azure", "repo": "brugwerk/hr/beleid", "branch": "live",
                                 "tenant_id": "tenant", "app_id": "abc"}
    assert {_config(e)["publish_mode"] for e in EDITINGS.values()} == {"editorial_workflow"}
    local = _config(Editing(), "http://127.0.0.1:9/api/v1")
    assert local["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:9/api/v1",
                                "branch": "main"}
    assert local["publish_mode"] == "simple"   # decap-server's file mode saves into the tree


def test_config_collections_follow_the_menu_topics_and_contacts():
    config = _config(EDITINGS["gitlab"])
    collections = {c["name"]: c for c in config["collections"]}
    sections = [next(iter(item)) for item in NAV if isinstance(item, dict)]
    assert [c["label"] for c in config["collections"]][1:len(sections) + 1] == sections
    principles = collections["principes"]["files"]
    assert [f["file"] for f in principles[:2]] == ["docs/policy/principles.nl.md",
                                                   "docs/policy/principles.en.md"]
    assert principles[1]["label"].endswith("(en)")
    every_file = [f["file"] for c in config["collections"] for f in c.get("files", [])]
    for lang in ("nl", "en"):   # every menu page, in both languages, exactly once
        menu_pages = [p for s in menu_sections(NAV, "x") for p in s.pages]
        assert sorted(f for f in every_file if f.endswith(f".{lang}.md")) == sorted(
            f"docs/{p.removesuffix('.md')}.{lang}.md" for p in menu_pages)
    fields = {f["name"]: f for f in principles[0]["fields"]}
    assert [o["value"] for o in fields["topics"]["options"]] == [t.id for t in load_kit_topics()]
    assert [o["value"] for o in fields["owner"]["options"]] == list(DATA["contacts"])
    assert fields["last_reviewed"]["format"] == "YYYY-MM-DD"
    assert fields["body"]["modes"] == ["raw"]     # rich text would escape footnotes and admonitions
    local = collections["local"]
    assert (local["folder"], local["create"], local["i18n"]) == ("docs/local", True, True)
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["nl", "en"],
                              "default_locale": "nl"}
    people = collections["people"]
    assert people["folder"] == str(Path(PEOPLE_FILE).parent)
    contact = next(f for f in people["fields"] if f["name"] == "contacts")["fields"][0]
    email = next(f for f in contact["fields"] if f["name"] == "email")
    assert email["hint"] == "An e-mail address such as name@example.nl"
    assert contact["comment"] == "Questions from journalists."
    assert "people" not in {c["name"] for c in _config(EDITINGS["gitlab"], people=False)["collections"]}


def test_split_people_keeps_the_rest_of_company_yml_byte_for_byte():
    company, people = split_people(COMPANY)
    moved = yaml.safe_load(people)
    assert list(moved) == ["contacts", "accounts", "spokespeople"]
    assert moved["contacts"] == DATA["contacts"]
    kept = yaml.safe_load(company)
    assert set(kept) == set(DATA) - set(moved)
    assert "# Each contact has a name" in people and "# questions from journalists" in people
    # Every line of company.yml is in exactly one of the two files, in order.
    pointer = company.index("# --- Contacts, official accounts, spokespeople")
    rest = company[:pointer] + company[company.index("\n\n", pointer) + 2:]
    assert sorted((rest + people).splitlines()) == sorted(COMPANY.splitlines())


def test_people_file_errors_name_their_own_file_and_line():
    company, people = split_people(COMPANY)
    bad = people.replace('"hr@brugwerk.example"', '"hr-at-brugwerk"')
    line = bad.splitlines().index('    email: "hr-at-brugwerk"') + 1
    assert [str(f) for f in validate_text(company, SCHEMA, "variables/company.yml",
                                          (bad, PEOPLE_FILE))] == [
        f"{PEOPLE_FILE}:{line}: contacts.hr.email: 'hr-at-brugwerk' is not an e-mail address — "
        "write an e-mail address such as name@example.nl"]
    assert validate_text(company, SCHEMA, "variables/company.yml", (people, PEOPLE_FILE)) == []
    both = validate_text(COMPANY, SCHEMA, "variables/company.yml", ("contacts: {}\nflags: {}\n", PEOPLE_FILE))
    assert [str(f).split(" — ")[0] for f in both] == [
        f"{PEOPLE_FILE}:1: contacts: is in this file and in variables/company.yml "
        f"(line {COMPANY.splitlines().index('contacts:') + 1})",
        f"{PEOPLE_FILE}:2: flags: unknown key"]
    merged, findings = merge_people(parse_yaml(company, "c"), parse_yaml(people, "p"), "c", "p")
    assert not findings and merged.file_of(("accounts", 0, "url"), "c") == "p"
    assert merged.file_of(("flags",), "c") == "c"


@pytest.mark.build
def test_edit_links_in_a_build_point_at_each_languages_own_file(tmp_path, example_site):
    """One build with a GitLab repository; the example site (none set) has no button."""
    kit = small_kit(tmp_path / "kit", keep=("policy/ai.md",))
    assert 'rel="edit"' not in example_site.page("policy/ai.html")
    assert not (example_site.site / "admin").exists()
    replace_in(kit / "variables/company.yml", "  host: github ", "  host: gitlab ")
    replace_in(kit / "variables/company.yml", '  repository: ""',
               '  repository: "https://gitlab.brugwerk.example/comms/beleid"')
    result = build(kit)
    assert result.returncode == 0, result.explain()
    edit = re.compile(r'<a href="([^"]+)" title="([^"]+)" class="md-content__button md-icon" rel="edit"')
    base = "https://gitlab.brugwerk.example/comms/beleid/-/edit/main/docs/"
    assert edit.findall(result.page("policy/ai.html")) == [(base + "policy/ai.nl.md", "Wijzig deze pagina")]
    assert edit.findall(result.page("en/policy/ai.html")) == [(base + "policy/ai.en.md", "Edit this page")]
    assert edit.findall(result.page("en/index.html"))[0][0] == base + "index.en.md"
    assert not (result.site / "admin").exists()   # the web editor stays off unless switched on
