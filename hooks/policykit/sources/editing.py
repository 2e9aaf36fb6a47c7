"""Where the organisation edits its policy: the ``editing`` part of the variables.

``editing.repository`` is the web address of the policy's Git repository on the
organisation's Git host; ``editing.host`` says which kind of host it is. Both feed the
"Edit this page" links (``policykit.output.editlinks``) and the web editor's backend
(``policykit.output.editorconfig``). Without a repository there is no button and no editor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from policykit.findings import Finding

HOSTS = ("github", "gitlab", "gitea", "forgejo", "azure")
HOST_NAMES = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea", "forgejo": "Forgejo",
              "azure": "Azure DevOps"}
_REPOSITORY_FORM = {
    "github": "https://github.com/OWNER/REPOSITORY",
    "gitlab": "https://gitlab.example.org/GROUP/PROJECT",
    "gitea": "https://git.example.org/OWNER/REPOSITORY",
    "forgejo": "https://git.example.org/OWNER/REPOSITORY",
    "azure": "https://dev.azure.com/ORGANISATION/PROJECT/_git/REPOSITORY",
}


@dataclass(frozen=True)
class Repository:
    """The policy's repository on the organisation's Git host."""

    host: str              # one of HOSTS
    base_url: str          # https://github.com (scheme and host of the Git host)
    repo: str              # owner/name, group/sub/project or org/project/name (Azure)
    branch: str = "main"

    @property
    def url(self) -> str:
        """The repository's web address."""
        if self.host == "azure":
            organisation, project, name = self.repo.split("/", 2)
            return f"{self.base_url}/{organisation}/{project}/_git/{name}"
        return f"{self.base_url}/{self.repo}"


@dataclass(frozen=True)
class Editing:
    """What the editing features need: the repository (None: not set up) and the web editor."""

    repository: Repository | None = None
    web_editor: bool = False
    app_id: str = ""
    auth_url: str = ""
    tenant_id: str = ""


def parse_repository(host: str, url: str) -> tuple[str, str] | None:
    """``(base_url, repo)`` of a repository's web address, or None when it has the wrong form.

    >>> parse_repository("gitlab", "https://git.example.org/hr/policy/site.git")
    ('https://git.example.org', 'hr/policy/site')
    >>> parse_repository("azure", "https://dev.azure.com/acme/hr/_git/policy")
    ('https://dev.azure.com', 'acme/hr/policy')
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        return None
    base = f"{parts.scheme}://{parts.netloc}"
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[-1].endswith(".git"):
        segments[-1] = segments[-1][:-4]
    if host == "azure":
        if len(segments) != 4 or segments[2] != "_git":
            return None
        return base, f"{segments[0]}/{segments[1]}/{segments[3]}"
    if host == "gitlab":
        return (base, "/".join(segments)) if len(segments) >= 2 and "-" not in segments else None
    return (base, "/".join(segments)) if len(segments) == 2 else None


def editing_from_variables(data: Mapping[str, Any], display_path: str,
                           key_line: Callable[[tuple[Any, ...]], int] | None = None,
                           local: bool = False) -> tuple[Editing, list[Finding]]:
    """The editing settings of the validated variables ``data``, with findings for a
    repository address that does not fit its host kind, or a web editor without what it needs
    to sign in to the Git host.

    ``key_line`` maps a key path to its line in the variables file (for the findings);
    ``local``: the editor runs on the local backend (``make editor``), on whatever the
    variables say, and signs in nowhere."""
    section = data.get("editing") or {}
    line = key_line or (lambda _path: None)
    url = str(section.get("repository") or "").strip()
    host = section.get("host") or "github"
    web_editor = bool(section.get("web_editor", False)) and not local
    findings: list[Finding] = []
    repository = None
    if url:
        parsed = parse_repository(host, url)
        if parsed is None:
            findings.append(Finding(
                display_path, line(("editing", "repository")),
                f"editing.repository: '{url}' is not a {HOST_NAMES[host]} repository address",
                f"write it as {_REPOSITORY_FORM[host]} (or change editing.host)", check="editing"))
        else:
            repository = Repository(host, *parsed, branch=str(section.get("branch") or "main"))
    elif web_editor:
        findings.append(Finding(
            display_path, line(("editing", "web_editor")),
            "editing.web_editor: true, but editing.repository is empty",
            "write the repository's web address under editing.repository (`make editor` tries "
            "the editor on your own machine without one)", check="editing"))
    if web_editor and repository and repository.host in ("gitlab", "gitea", "forgejo", "azure") \
            and not section.get("app_id"):
        findings.append(Finding(
            display_path, line(("editing", "web_editor")),
            f"editing.app_id: the web editor signs in to {HOST_NAMES[repository.host]} with an "
            "OAuth application, but no app_id is given",
            "register an OAuth application on the Git host (see the editors' guide) and write "
            "its client id under editing.app_id", check="editing"))
    if web_editor and repository and repository.host == "azure" and not section.get("tenant_id"):
        findings.append(Finding(
            display_path, line(("editing", "web_editor")),
            "editing.tenant_id: Azure DevOps sign-in needs the Microsoft Entra tenant id",
            "write your tenant id under editing.tenant_id", check="editing"))
    return Editing(repository=repository, web_editor=local or (web_editor and not findings),
                   app_id=str(section.get("app_id") or ""),
                   auth_url=str(section.get("auth_url") or ""),
                   tenant_id=str(section.get("tenant_id") or "")), findings
