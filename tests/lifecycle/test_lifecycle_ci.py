"""Change by pull request: the CI files, CODEOWNERS, the PR template and pre-commit.

The CI files are validated with check-jsonschema's vendored schemas (no network: a dead proxy
makes any download fail), and a broken copy must fail, so the validation is not vacuous.
The pre-commit configuration is validated and run for real in a temporary git repository.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import QUIET_ENV, REPO, copy_kit, replace_in
from gitrepo import IDENTITY, init_repo

BIN = Path(sys.executable).parent
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
WORKFLOW = REPO / ".github/workflows/policy.yml"
GITLAB = REPO / ".gitlab-ci.yml"


def run(*command: str, cwd: Path = REPO, env: dict[str, str] | None = None):
    full_env = {**os.environ, **QUIET_ENV, **(env or {})}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=full_env,
                          timeout=600)


def check_schema(schema: str, path: Path):
    return run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path), env=OFFLINE)


@pytest.mark.parametrize(("schema", "path"), [
    # vendored schema name, CI file it validates
    ("vendor.github-workflows", WORKFLOW),
    ("vendor.gitlab-ci", GITLAB),
])
def test_ci_files_match_their_vendored_schemas_offline(schema, path, tmp_path):
    import check_jsonschema
    vendored = Path(check_jsonschema.__file__).parent / "builtin_schemas/vendor"
    assert (vendored / f"{schema.split('.', 1)[1]}.json").is_file()
    done = check_schema(schema, path)
    assert done.returncode == 0, done.stdout + done.stderr
    # The same check rejects a broken file: a job without a runner / script.
    broken = tmp_path / path.name
    text = path.read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs-on: [1, 2]", 1)
                      .replace("  script:\n    - make check-variables", "  scrip:\n    - x", 1),
                      encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != text
    assert check_schema(schema, broken).returncode != 0


def test_github_workflow_builds_strictly_on_pull_requests_and_keeps_a_preview():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key "on" as true
    assert "pull_request" in triggers
    steps = flow["jobs"]["build"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0
    commands = [step.get("run") for step in steps]
    assert "make check-variables" in commands and "make site" in commands
    upload = next(step for step in steps if str(step.get("uses", "")).startswith(
        "actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == "site/"
    assert commands.index("make site") < steps.index(upload)
    # The spelling check runs (Hunspell installed before the build); the kit's cache is kept.
    hunspell = next(i for i, c in enumerate(commands) if c and "hunspell-nl" in c)
    cache = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@"))
    assert hunspell < commands.index("make site") and cache < commands.index("make site")
    assert steps[cache]["with"]["path"] == "~/.cache/policykit"
    assert "bash .ci/run" in flow["jobs"]["test"]["steps"][-1]["run"]
    # hashFiles() is only available in a step's condition; in a job's it breaks the workflow.
    for name, job in flow["jobs"].items():
        assert "hashFiles" not in str(job.get("if", "")), name
    assert "--strict" in (REPO / "Makefile").read_text(encoding="utf-8").split("\nsite:")[1]


def test_gitlab_ci_builds_strictly_on_merge_requests_and_exposes_a_preview():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in ci["workflow"]["rules"]
    assert ci["variables"]["GIT_DEPTH"] == "0"
    site = ci["site"]
    assert site["script"][0] == "make check-variables" and site["script"][-1] == "make site"
    # Hunspell for the spelling check; cache files a merge request commits are never read.
    assert any("hunspell-nl" in line for line in site["script"])
    assert "git ls-files -z -- .cache | xargs -0 -r rm -f --" in site["script"]
    assert site["variables"]["POLICYKIT_CACHE"].startswith("$CI_PROJECT_DIR/.cache/")
    assert site["artifacts"]["expose_as"] == "site preview"
    assert site["artifacts"]["paths"] == ["site/"]
    assert ci["tests"]["script"] == ["bash .ci/run"]


def codeowners_rules(path: Path) -> list[tuple[str, list[str]]]:
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def test_codeowners_patterns_match_files_and_every_rule_has_owners():
    files = [p.relative_to(REPO).as_posix() for p in REPO.rglob("*")
             if p.is_file() and not {".git", ".venv", "site", "__pycache__"} & set(p.parts)]
    rules = codeowners_rules(REPO / ".github/CODEOWNERS")
    assert rules[0][0] == "*"
    for pattern, owners in rules:
        assert owners and all(owner.startswith("@") for owner in owners), pattern
        anchored = pattern.lstrip("/")
        glob = anchored + "*" if anchored.endswith("/") else anchored
        assert any(fnmatch.fnmatch(name, glob) for name in files), f"{pattern} matches nothing"
    # Policy pages and the variables are reviewed by the policy owner, not only by IT.
    owners_of = dict(rules)
    assert owners_of["/docs/"] == owners_of["/variables/"] != owners_of["*"]


def test_pull_request_template_has_a_review_checklist():
    text = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    # GitLab's default merge request template is the same text.
    gitlab = REPO / ".gitlab/merge_request_templates/Default.md"
    assert gitlab.read_text(encoding="utf-8") == text
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 8
    for needed in ("policy.history", "variables/company.yml", "site-preview", "CODEOWNERS",
                   ".nl.md", "works council"):
        assert needed in text, needed


def test_pre_commit_config_is_valid():
    done = run(str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in hooks["repos"]] == ["local"]


@pytest.mark.build
def test_pre_commit_hooks_stop_a_broken_commit(tmp_path):
    project = copy_kit(tmp_path / "kit")
    for name in (".pre-commit-config.yaml", "Makefile"):
        (project / name).write_bytes((REPO / name).read_bytes())
    (project / ".venv").symlink_to(BIN.parent)  # the test's environment, already installed
    # ...and up to date for make: a pyproject.toml newer than its stamp would make the hooks
    # reinstall the kit into the test's own environment from this temporary copy.
    stamp = BIN.parent / ".kit-installed"
    if stamp.exists():
        older = stamp.stat().st_mtime - 1
        os.utime(project / "pyproject.toml", (older, older))
    init_repo(project)
    env = {**IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    pre_commit = str(BIN / "pre-commit")

    clean = run(pre_commit, "run", "--all-files", cwd=project, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    replace_in(project / "variables/company.yml", 'email: "hr@brugwerk.example"',
               'email: "hr-at-brugwerk"')
    (project / "docs/broken.yml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (project / "docs/merged.nl.md").write_text("# x\n<<<<<<< HEAD\nours\n=======\ntheirs\n"
                                               ">>>>>>> main\n", encoding="utf-8")
    run("git", "add", "-A", cwd=project)
    broken = run(pre_commit, "run", "--all-files", cwd=project, env=env)
    assert broken.returncode != 0
    assert "contacts.hr.email: 'hr-at-brugwerk' is not an e-mail address" in broken.stdout
    assert "docs/broken.yml:2: key 'a' is written twice (first on line 1)" in broken.stdout
    assert "docs/merged.nl.md:2:<<<<<<< HEAD" in broken.stdout


def _lowest_versions_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("lowest_versions", REPO / ".ci/lowest_versions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lowest_versions_pin_every_dependency_to_its_floor():
    lowest = _lowest_versions_module()
    assert lowest.lowest_pins(["mkdocs>=1.6,<2", "pkg[extra] >= 2.0.1 ; python_version<'4'"]) == [
        "mkdocs==1.6", "pkg==2.0.1"]
    with pytest.raises(ValueError, match="'jinja2<4' has no lower bound"):
        lowest.lowest_pins(["jinja2<4"])
    import tomllib
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["dependencies"]
    pins = dict(pin.split("==") for pin in lowest.lowest_pins(dependencies))
    # Floors that security fixes need (issue 17): Material's search.suggest XSS, Jinja's
    # xmlattr XSS and sandbox escapes (the pages are templates).
    for name, fixed in {"mkdocs-material": (9, 7, 7), "jinja2": (3, 1, 6)}.items():
        assert tuple(int(part) for part in pins[name].split(".")) >= fixed, (name, pins[name])


def test_ci_runs_the_build_tests_at_the_lowest_versions():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    github = " ".join(str(step.get("run", "")) for step in flow["jobs"]["lowest"]["steps"])
    gitlab = " ".join(yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["lowest-versions"]["script"])
    for commands in (github, gitlab):
        assert "python .ci/lowest_versions.py > lowest-versions.txt" in commands
        assert "pip install -c lowest-versions.txt -e '.[test]'" in commands
        assert "pytest -q tests/test_build.py" in commands
