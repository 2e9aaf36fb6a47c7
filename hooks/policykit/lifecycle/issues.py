"""Open or update one reminder issue per owner on GitHub or GitLab, with the platform's token.

Each owner's issue carries a marker (``<!-- policykit-due owner=hr -->``) in its body and the
label ``policy-review``; the next run finds it by that marker and updates it instead of
opening another one. An owner with nothing due any more gets their issue closed. Only the
standard library's ``urllib`` is used; the API address comes from the CI environment
(``GITHUB_API_URL`` / ``CI_API_V4_URL``), so a test can point it at a fake server.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

LABEL = "policy-review"


class IssueError(Exception):
    """The platform refused or could not be reached; the message says what to do."""


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str


@dataclass(frozen=True)
class Wanted:
    """The issue an owner should have: ``body`` None means nothing is due (close it)."""

    marker: str
    title: str
    body: str | None


class _Api:
    """JSON over HTTP with one authorisation header."""

    def __init__(self, base: str, headers: Mapping[str, str], timeout: float = 30) -> None:
        self.base = base.rstrip("/")
        self.headers = {"Accept": "application/json", "User-Agent": "policykit-due",
                        **headers}
        self.timeout = timeout

    def call(self, method: str, path: str, payload: Mapping[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        headers = {**self.headers, **({"Content-Type": "application/json"} if data else {})}
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise IssueError(f"{method} {path}: HTTP {error.code} — check that the job's token "
                             "may write issues (GitHub: permissions: issues: write; GitLab: "
                             "POLICYKIT_ISSUES_TOKEN with the api scope)") from None
        except (urllib.error.URLError, OSError) as error:
            raise IssueError(f"{method} {self.base}{path}: {error} — is the API address "
                             "right?") from None
        return json.loads(text) if text.strip() else None

    def every_page(self, path: str, params: Mapping[str, Any]) -> list[dict]:
        """All items of a paged GET (100 a page), until a page comes back short."""
        found: list[dict] = []
        page = 1
        while True:
            query = urllib.parse.urlencode({**params, "per_page": 100, "page": page})
            batch = self.call("GET", f"{path}?{query}") or []
            found += batch
            if len(batch) < 100:
                return found
            page += 1


class GitHub:
    """Issues of one repository through the GitHub REST API."""

    def __init__(self, env: Mapping[str, str]) -> None:
        token, repo = env.get("GITHUB_TOKEN"), env.get("GITHUB_REPOSITORY")
        if not token or not repo:
            raise IssueError("GITHUB_TOKEN and GITHUB_REPOSITORY are not set — run this in a "
                             "GitHub Actions job with 'GITHUB_TOKEN: ${{ github.token }}'")
        self.api = _Api(env.get("GITHUB_API_URL") or "https://api.github.com",
                        {"Authorization": f"Bearer {token}",
                         "X-GitHub-Api-Version": "2022-11-28"})
        self.path = f"/repos/{repo}/issues"

    def open_issues(self) -> list[Issue]:
        batch = self.api.every_page(self.path, {"state": "open", "labels": LABEL})
        return [Issue(i["number"], i["title"], i.get("body") or "") for i in batch
                if "pull_request" not in i]

    def create(self, title: str, body: str) -> None:
        self.api.call("POST", self.path, {"title": title, "body": body, "labels": [LABEL]})

    def update(self, number: int, title: str, body: str) -> None:
        self.api.call("PATCH", f"{self.path}/{number}", {"title": title, "body": body})

    def close(self, number: int) -> None:
        self.api.call("PATCH", f"{self.path}/{number}", {"state": "closed"})


class GitLab:
    """Issues of one project through the GitLab REST API (v4)."""

    def __init__(self, env: Mapping[str, str]) -> None:
        token, project = env.get("POLICYKIT_ISSUES_TOKEN"), env.get("CI_PROJECT_ID")
        if not token or not project:
            raise IssueError("POLICYKIT_ISSUES_TOKEN or CI_PROJECT_ID is not set — create a "
                             "project access token (Settings > Access tokens, role Reporter, "
                             "scope api) and add it as masked CI/CD variable "
                             "POLICYKIT_ISSUES_TOKEN")
        self.api = _Api(env.get("CI_API_V4_URL") or "https://gitlab.com/api/v4",
                        {"PRIVATE-TOKEN": token})
        self.path = f"/projects/{urllib.parse.quote(project, safe='')}/issues"

    def open_issues(self) -> list[Issue]:
        batch = self.api.every_page(self.path, {"state": "opened", "labels": LABEL})
        return [Issue(i["iid"], i["title"], i.get("description") or "") for i in batch]

    def create(self, title: str, body: str) -> None:
        self.api.call("POST", self.path, {"title": title, "description": body,
                                          "labels": LABEL})

    def update(self, number: int, title: str, body: str) -> None:
        self.api.call("PUT", f"{self.path}/{number}", {"title": title, "description": body})

    def close(self, number: int) -> None:
        self.api.call("PUT", f"{self.path}/{number}", {"state_event": "close"})


def platform(name: str, env: Mapping[str, str] | None = None) -> GitHub | GitLab:
    """The tracker for ``github``, ``gitlab`` or ``auto`` (from the CI's environment)."""
    env = os.environ if env is None else env
    if name == "auto":
        name = "github" if env.get("GITHUB_ACTIONS") else "gitlab" if env.get("GITLAB_CI") \
            else ""
    if name == "github":
        return GitHub(env)
    if name == "gitlab":
        return GitLab(env)
    raise IssueError("cannot tell the platform — pass --open-issues github or gitlab")


def matching(existing: Sequence[Issue], marker: str) -> list[Issue]:
    """The open issues that carry ``marker`` (one, unless someone copied it by hand).

    >>> found = [Issue(1, "a", "x"), Issue(2, "b", "<!-- policykit-due owner=hr -->")]
    >>> [i.number for i in matching(found, "<!-- policykit-due owner=hr -->")]
    [2]
    """
    return [issue for issue in existing if marker in issue.body]


def sync(tracker: GitHub | GitLab, wanted: Sequence[Wanted]) -> list[str]:
    """Make the open issues match ``wanted``; returns what was done, one line per issue."""
    existing = tracker.open_issues()
    done = []
    for want in wanted:
        matches = matching(existing, want.marker)
        if want.body is None:
            for issue in matches:
                tracker.close(issue.number)
                done.append(f"closed #{issue.number} {issue.title}")
            continue
        if not matches:
            tracker.create(want.title, want.body)
            done.append(f"opened: {want.title}")
            continue
        first = matches[0]
        if (first.title, first.body) != (want.title, want.body):
            tracker.update(first.number, want.title, want.body)
            done.append(f"updated #{first.number} {want.title}")
        else:
            done.append(f"unchanged #{first.number} {want.title}")
    return done
