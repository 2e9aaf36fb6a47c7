"""The "Edit this page" address: a page's own source file in the Git host's web editor.

Each language has its own file (``name.nl.md``, ``name.en.md``), so the English page links to
the English file. The link is built from the file the page was really rendered from, not from
``edit_uri`` (mkdocs-static-i18n renames files, and ``repo_url`` would make the theme fetch
repository facts from the internet).
"""

from __future__ import annotations

from urllib.parse import quote

from policykit.sources.editing import Repository


def edit_url(repository: Repository, path: str) -> str:
    """The web editor address of ``path`` (relative to the repository root, ``/`` separated).

    >>> from policykit.sources.editing import Repository as R
    >>> edit_url(R("github", "https://github.com", "acme/policy"), "docs/ai.en.md")
    'https://github.com/acme/policy/edit/main/docs/ai.en.md'
    >>> edit_url(R("azure", "https://dev.azure.com", "acme/hr/policy", "live"), "docs/ai.nl.md")
    'https://dev.azure.com/acme/hr/_git/policy?path=/docs/ai.nl.md&version=GBlive&_a=contents'
    """
    file = quote(path.lstrip("/"), safe="/")
    branch = quote(repository.branch, safe="/")
    base = repository.url
    if repository.host == "github":
        return f"{base}/edit/{branch}/{file}"
    if repository.host == "gitlab":
        return f"{base}/-/edit/{branch}/{file}"
    if repository.host in ("gitea", "forgejo"):
        return f"{base}/_edit/{branch}/{file}"
    if repository.host == "azure":
        return f"{base}?path=/{file}&version=GB{branch}&_a=contents"
    raise ValueError(f"unknown Git host kind {repository.host!r}")
