"""Privacy: the built site loads nothing from another host.

Scripts, styles, fonts, images, frames, media and workers must come from the site itself, so
that reading the policy tells no third party who reads it. Links a reader clicks are fine.
Deliberate exceptions go in ``checks.allowed_hosts`` of the variables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from policykit.checks.htmlscan import PageScan
from policykit.checks.links import Problem, is_external

_WHAT = {"script": "a script", "link": "a style sheet, font or icon", "style": "a style or font",
         "img": "an image", "source": "an image or media file", "iframe": "an embedded frame",
         "frame": "an embedded frame", "video": "a video", "audio": "an audio file",
         "track": "subtitles", "embed": "an embedded object", "object": "an embedded object",
         "input": "an image", "css": "a font or image from a style sheet"}


def host_of(url: str) -> str:
    """``https://fonts.example.com/x`` → ``fonts.example.com``."""
    return (urlsplit(url if not url.startswith("//") else "https:" + url).hostname or "").lower()


def allowed(url: str, allow_hosts: Iterable[str]) -> bool:
    """True when the host is on the allow-list (``cdn.example.org`` or ``*.example.org``).

    >>> allowed("https://cdn.example.org/a.js", ["*.example.org"]), allowed("https://x.org/", [])
    (True, False)
    """
    host = host_of(url)
    for item in allow_hosts:
        item = item.lower()
        if host == item or (item.startswith("*.") and host.endswith(item[1:])):
            return True
    return False


def page_problems(pages: Mapping[str, PageScan], allow_hosts: Iterable[str] = ()) -> list[Problem]:
    """Every external resource a page makes the browser load."""
    allow = list(allow_hosts)
    problems = []
    for page, scan in pages.items():
        for ref in scan.references:
            if ref.kind == "link" or not is_external(ref.url) or allowed(ref.url, allow):
                continue
            problems.append(_problem(page, ref.url, ref.tag))
    return problems


def stylesheet_problems(sheets: Mapping[str, Iterable[str]],
                        allow_hosts: Iterable[str] = ()) -> list[Problem]:
    """External ``url(...)`` / ``@import`` in the site's CSS files (path → urls)."""
    allow = list(allow_hosts)
    return [_problem(path, url, "css") for path, urls in sheets.items() for url in urls
            if is_external(url) and not allowed(url, allow)]


def _problem(page: str, url: str, tag: str) -> Problem:
    return Problem(page, url,
                   f"the page loads {_WHAT.get(tag, 'a file')} from another host: '{url}' "
                   f"({host_of(url)} learns who reads the policy)",
                   "save the file under docs/assets/ and refer to it there, or add the host "
                   "to checks.allowed_hosts in variables/company.yml")
