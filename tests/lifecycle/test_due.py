"""Review reminders: ``policykit due`` on a fixed date, the issue sync against a fake API on
127.0.0.1, and the scheduled jobs in the GitHub and GitLab CI files."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import REPO, copy_kit
from policykit.lifecycle import cli, issues
from test_lifecycle_ci import check_schema

REVIEWS = REPO / ".github/workflows/reviews-due.yml"


@pytest.fixture(scope="module")
def reviewed_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kit with every page reviewed on 2026-11-20, except three pages of known owners."""
    kit = copy_kit(tmp_path_factory.mktemp("due") / "kit")
    for path in (kit / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2026-11-20", text,
                               count=1), encoding="utf-8")
    dates = {"docs/policy/privacy.nl.md": ("privacy_officer", "2025-12-01"),   # late
             "docs/policy/respect.en.md": ("hr", "2026-01-10"),                # due in 9 days
             "docs/policy/security.nl.md": ("it_security", "2026-03-01")}      # not yet
    for rel, (owner, day) in dates.items():
        path = kit / rel
        text = re.sub(r"(?m)^owner: .*$", f"owner: {owner}", path.read_text(encoding="utf-8"),
                      count=1)
        path.write_text(re.sub(r"(?m)^last_reviewed: .*$", f"last_reviewed: {day}", text,
                               count=1), encoding="utf-8")
    variables = kit / "variables/company.yml"
    variables.write_text(re.sub(r"(?m)^  next_review: \S+", "  next_review: 2027-01-15",
                                variables.read_text(encoding="utf-8"), count=1),
                         encoding="utf-8")
    return kit


def due(kit: Path, capsys, *args: str) -> str:
    assert cli.main(["due", "--root", str(kit), "--today", "2027-01-01", *args]) == 0
    return capsys.readouterr().out


def test_due_lists_per_owner_the_pages_and_policy_review_falling_due(reviewed_kit, capsys):
    report = json.loads(due(reviewed_kit, capsys, "--within", "30", "--format", "json"))
    listed = {o["owner"]: [(i["path"], i["due"], i["state"]) for i in o["items"]]
              for o in report["owners"]}
    assert listed == {
        "privacy_officer": [("docs/policy/privacy.nl.md", "2026-12-01", "late")],
        "hr": [("docs/policy/respect.en.md", "2027-01-10", "soon")],
        "policy": [("variables/company.yml", "2027-01-15", "soon")],
    }
    narrow = json.loads(due(reviewed_kit, capsys, "--within", "5", "--format", "json"))
    assert [o["owner"] for o in narrow["owners"]] == ["privacy_officer"]
    text = due(reviewed_kit, capsys, "--within", "30")
    assert "docs/policy/privacy.nl.md — uiterlijk 2026-12-01 (te laat)" in text
    assert "security" not in text
    markdown = due(reviewed_kit, capsys, "--within", "30", "--format", "markdown")
    assert "<!-- policykit-due owner=hr -->" in markdown
    assert "- [ ] docs/policy/respect.en.md" in markdown


class FakeTracker(BaseHTTPRequestHandler):
    """Just enough of the GitHub and GitLab issue APIs, kept in ``server.issues``."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status: int, payload) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self) -> bool:
        ok = self.headers.get("Authorization") == "Bearer gh-token" or \
            self.headers.get("PRIVATE-TOKEN") == "gl-token"
        if not ok:
            self._send(401, {"message": "Bad credentials"})
        return ok

    def do_GET(self):
        if not self._authorised():
            return
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        self.server.requests.append(("GET", url.path))
        page, per_page = int(query["page"][0]), int(query["per_page"][0])
        wanted_state = query["state"][0]
        found = [i for i in self.server.issues if i["state"] == wanted_state
                 and query["labels"][0] in i["labels"]]
        rows = [{"number": i["id"], "iid": i["id"], "title": i["title"], "body": i["body"],
                 "description": i["body"]} for i in found]
        self._send(200, rows[(page - 1) * per_page:page * per_page])

    def _change(self, method: str):
        if not self._authorised():
            return
        path = urlsplit(self.path).path
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((method, path))
        gitlab = path.startswith("/api/v4/")
        if method == "POST":
            labels = payload["labels"] if not gitlab else payload["labels"].split(",")
            issue = {"id": len(self.server.issues) + 1, "title": payload["title"],
                     "body": payload.get("body", payload.get("description")),
                     "labels": labels, "state": "opened" if gitlab else "open"}
            self.server.issues.append(issue)
            return self._send(201, issue)
        issue = self.server.issues[int(path.rsplit("/", 1)[1]) - 1]
        issue.update({k: v for k, v in (("title", payload.get("title")),
                                        ("body", payload.get("body", payload.get("description"))))
                      if v is not None})
        if payload.get("state") == "closed" or payload.get("state_event") == "close":
            issue["state"] = "closed"
        self._send(200, issue)

    def do_POST(self):
        self._change("POST")

    def do_PATCH(self):
        self._change("PATCH")

    def do_PUT(self):
        self._change("PUT")


@pytest.fixture
def fake_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTracker)
    server.issues, server.requests = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_issue_per_owner_is_opened_then_updated_never_duplicated(reviewed_kit, fake_api,
                                                                  monkeypatch, capsys, platform):
    base = f"http://127.0.0.1:{fake_api.server_port}"
    env = {"github": {"GITHUB_ACTIONS": "true", "GITHUB_TOKEN": "gh-token",
                      "GITHUB_REPOSITORY": "org/policy", "GITHUB_API_URL": base},
           "gitlab": {"GITLAB_CI": "true", "POLICYKIT_ISSUES_TOKEN": "gl-token",
                      "CI_PROJECT_ID": "42", "CI_API_V4_URL": base + "/api/v4"}}[platform]
    for key in ("GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    # Someone else's issue with the same label is left alone.
    fake_api.issues.append({"id": 1, "title": "Other", "body": "not ours",
                            "labels": [issues.LABEL], "state": "opened" if platform == "gitlab"
                            else "open"})
    due(reviewed_kit, capsys, "--within", "30", "--open-issues", "auto")
    ours = [i for i in fake_api.issues if "policykit-due" in i["body"]]
    assert sorted(re.search(r"owner=(\w+)", i["body"]).group(1) for i in ours) == \
        ["hr", "policy", "privacy_officer"]
    assert all(issues.LABEL in i["labels"] for i in ours)
    hr = yaml.safe_load((reviewed_kit / "variables/company.yml").read_text())["contacts"]["hr"]
    assert f"Reviews die eraan komen: {hr['name']['nl']}" in {i["title"] for i in ours}
    # A week later with a wider window: the same issues are updated, one more owner is added.
    due(reviewed_kit, capsys, "--within", "70", "--open-issues", platform)
    ours = [i for i in fake_api.issues if "policykit-due" in i["body"]]
    owners = [re.search(r"owner=(\w+)", i["body"]).group(1) for i in ours]
    assert sorted(owners) == ["hr", "it_security", "policy", "privacy_officer"]
    assert len(owners) == len(set(owners))   # never a second issue for an owner
    privacy = next(i for i in ours if "owner=privacy_officer" in i["body"])
    assert "70" in privacy["body"]           # updated, not reopened
    # With a narrow window the owners with nothing due get their issue closed.
    due(reviewed_kit, capsys, "--within", "5", "--open-issues", platform)
    still_open = {re.search(r"owner=(\w+)", i["body"]).group(1) for i in fake_api.issues
                  if "policykit-due" in i["body"] and i["state"] != "closed"}
    assert still_open == {"privacy_officer"}
    assert fake_api.issues[0]["state"] != "closed" and fake_api.issues[0]["body"] == "not ours"


def test_issue_sync_reports_a_refused_token(reviewed_kit, fake_api, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_TOKEN", "wrong")
    monkeypatch.setenv("GITHUB_REPOSITORY", "org/policy")
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{fake_api.server_port}")
    assert cli.main(["due", "--root", str(reviewed_kit), "--today", "2027-01-01",
                     "--open-issues", "github"]) == 1
    assert "HTTP 401 — check that the job's token may write issues" in capsys.readouterr().err
    monkeypatch.delenv("GITHUB_TOKEN")
    with pytest.raises(issues.IssueError, match="GITHUB_TOKEN and GITHUB_REPOSITORY"):
        issues.platform("github")


def test_scheduled_jobs_validate_and_use_only_the_platform_token(tmp_path):
    assert check_schema("vendor.github-workflows", REVIEWS).returncode == 0
    flow = yaml.safe_load(REVIEWS.read_text(encoding="utf-8"))
    assert flow[True]["schedule"][0]["cron"].endswith("* * 1")    # weekly, on Mondays
    assert flow["permissions"] == {"contents": "read", "issues": "write"}
    step = flow["jobs"]["due"]["steps"][-1]
    assert step["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    assert "make due" in step["run"] and "ISSUES=github" in step["run"]
    broken = tmp_path / "reviews-due.yml"
    broken.write_text(REVIEWS.read_text(encoding="utf-8").replace("issues: write", "issues: always"))
    assert check_schema("vendor.github-workflows", broken).returncode != 0

    ci = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in [
        {"if": rule["if"]} for rule in ci["workflow"]["rules"] if "if" in rule]
    job = ci["reviews-due"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert job["script"] == ["make due WITHIN=30 FORMAT=markdown ISSUES=gitlab"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"} in ci["tests"]["rules"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--open-issues $(ISSUES)" in makefile.split("\ndue:")[1].split("\n\n")[0]
