"""Internal links, images and anchors of the built site; well-formed mailto: and tel: links.

Works on the final HTML, so links from Markdown, raw HTML, macro output and the theme
overrides are all checked the same way. Every finding names the source page, the line the
link can be traced to and the link itself.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, urlsplit

from policykit.checks.htmlscan import PageScan, Reference
from policykit.findings import Finding, did_you_mean
from policykit.sources.localtext import SWITCHED_OFF
from policykit.sources.pages import base_name
from policykit.sources.trace import Origin, Tracer, link_candidates

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_PHONE = re.compile(r"^\+[0-9](?:[0-9().-]*[0-9])?$")
_SKIPPED_SCHEMES = ("javascript:", "data:", "blob:", "about:")
# Pages a web server shows at any address; MkDocs writes their links from the site root.
ROOT_RELATIVE_PAGES = frozenset({"404.html"})


@dataclass(frozen=True)
class Problem:
    """A broken reference before it is traced to a source line."""

    page: str        # built page, relative to the site folder
    url: str         # as written in the HTML
    message: str
    fix: str
    target: str = ""  # the resolved site path, when known


def is_external(url: str) -> bool:
    """True for links to another host: ``https://…``, ``http://…`` and ``//host/…``."""
    return url.startswith(("http://", "https://", "//")) or \
        url.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class SiteShape:
    """What explains a missing page: the language folders (``en/``) and the pages switched off
    by a flag (``policy/us-staff.md`` → ``us_staff``)."""

    language_folders: tuple[str, ...] = ()
    switched_off: Mapping[str, str] = field(default_factory=dict)

    def page_source(self, target: str) -> str:
        """``en/policy/a.html`` → ``policy/a.md``: the page a site path stands for."""
        for folder in self.language_folders:
            if target.startswith(folder):
                target = target[len(folder):]
                break
        stem, dot, extension = target.rpartition(".")
        return f"{stem}.md" if dot and extension in ("html", "md") else target


def site_problems(pages: Mapping[str, PageScan], files: set[str],
                  shape: SiteShape | None = None,
                  only: Collection[str] | None = None) -> list[Problem]:
    """Every broken internal link, image, anchor and malformed mailto:/tel: in the site
    (or in the pages ``only`` names; ``pages`` are still the targets links can point to)."""
    problems: list[Problem] = []
    # Pages in one folder share their navigation: judge each (folder, link) once.
    judged: dict[tuple[str, str, str], Problem | None] = {}
    for page, scan in pages.items():
        if only is not None and page not in only:
            continue
        folder = posixpath.dirname(page)
        seen: set[str] = set()
        for ref in scan.references:
            if ref.url in seen:
                continue
            seen.add(ref.url)
            own = ref.url.startswith("#") or page in ROOT_RELATIVE_PAGES
            key = (page if own else folder, ref.url, ref.kind)
            if key not in judged:
                judged[key] = check_reference(page, ref, pages, files, shape)
            problem = judged[key]
            if problem:
                problems.append(problem if problem.page == page else replace(problem, page=page))
    return problems


def check_reference(page: str, ref: Reference, pages: Mapping[str, PageScan],
                    files: set[str], shape: SiteShape | None = None) -> Problem | None:
    """The problem with one reference of ``page``, or None when it is fine."""
    url = ref.url.strip()
    lower = url.lower()
    if not url or is_external(url) or lower.startswith(_SKIPPED_SCHEMES):
        return None
    if lower.startswith("mailto:"):
        return _check_mailto(page, url)
    if lower.startswith("tel:"):
        return _check_tel(page, url)
    parts = urlsplit(url)
    if parts.scheme:
        return None  # another protocol (ftp:, sms:, ...): not ours to judge
    what = "image" if ref.kind == "image" else ("file" if ref.kind == "resource" else "link")
    path = unquote(parts.path)
    if path.startswith("/"):
        if page not in ROOT_RELATIVE_PAGES:
            return Problem(page, url, f"{what} '{url}' starts with '/' and breaks when the site "
                           "is not at the root of the web server", "write a relative link")
        path = path.lstrip("/") or "index.html"
        page = "index.html"
    target = resolve(page, path)
    if target is None:
        return Problem(page, url, f"broken {what} '{url}': it points outside the site",
                       "remove a '../' from the start of the link")
    if target not in files:
        return _missing(page, url, what, target, files, shape or SiteShape())
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in pages[target].ids:
        return Problem(page, url,
                       f"broken anchor '{url}': '{target}' has no heading or id '{fragment}'",
                       _anchor_fix(fragment, pages[target].ids), f"{target}#{fragment}")
    return None


def resolve(page: str, path: str) -> str | None:
    """The site-relative file a relative ``path`` in ``page`` points to; None outside the site.

    >>> resolve("en/policy/a.html", "../contacts.html"), resolve("a.html", "x/")
    ('en/contacts.html', 'x/index.html')
    """
    if not path:
        return page
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined


def _check_mailto(page: str, url: str) -> Problem | None:
    address = unquote(url.split(":", 1)[1].split("?", 1)[0])
    addresses = [a.strip() for a in address.split(",")]
    bad = [a for a in addresses if not _EMAIL.match(a)]
    if bad or not address:
        return Problem(page, url, f"malformed e-mail link '{url}': '{bad[0] if bad else ''}' is "
                       "not an e-mail address", "write it as mailto:name@example.org")
    return None


def _check_tel(page: str, url: str) -> Problem | None:
    number = unquote(url.split(":", 1)[1])
    if not _PHONE.match(number):
        return Problem(page, url, f"malformed phone link '{url}'",
                       "write tel: followed by + and the digits, e.g. tel:+31301234567")
    return None


def _missing(page: str, url: str, what: str, target: str, files: set[str],
             shape: SiteShape) -> Problem:
    """The problem of a link whose target is not in the site, explained where possible."""
    source = shape.page_source(target)
    flag = shape.switched_off.get(source)
    if flag == SWITCHED_OFF and what == "link":
        return Problem(page, url, f"broken link '{url}': the page '{source}' is switched off "
                       "in local.pages_off", "remove the link, or switch the page on again in "
                       "variables/company.yml", target)
    if flag and what == "link":
        return Problem(page, url, f"broken link '{url}': the page '{source}' is switched off "
                       f"(only_if: {flag}, and flags.{flag} is false)",
                       f"remove the link, or set flags.{flag}: true in variables/company.yml",
                       target)
    plain = base_name(source)
    if what == "link" and plain != source:
        language = source.rsplit(".", 2)[1]  # policy/ai.en.md → en
        return Problem(page, url, f"broken link '{url}': a link names the page without a "
                       f"language ('.{language}' is too much)",
                       f"link to '{posixpath.basename(plain)}': each language then shows its "
                       "own version", target)
    return Problem(page, url, f"broken {what} '{url}': '{target}' does not exist in the built "
                   "site", _missing_fix(what, target, files), target)


def _missing_fix(what: str, target: str, files: set[str]) -> str:
    folder, name = posixpath.split(target)
    names = {posixpath.basename(f): f for f in files if posixpath.dirname(f) == folder}
    guess = difflib.get_close_matches(name, list(names), n=1, cutoff=0.75)
    if guess:
        return f"did you mean '{names[guess[0]]}'? Correct the link"
    if what == "image":
        return "put the image under docs/ or correct the path"
    return "correct the link or create the page"


def _anchor_fix(fragment: str, ids: set[str]) -> str:
    visible = [i for i in ids if not i.startswith("__")]
    return did_you_mean(fragment, visible,
                        "link to a heading that exists (see the page's table of contents)",
                        "did you mean '#{}'?")


def trace_problems(problems: list[Problem], sources: Mapping[str, str], tracer: Tracer,
                   check: str = "links") -> list[Finding]:
    """Findings for ``problems``, each at the source line it can be traced to.

    A problem that comes from a shared place (theme override, variables) appears on many
    pages; it is reported once, at that place, with the number of pages it affects.
    """
    grouped: dict[tuple[Origin, str], list[Problem]] = {}
    for problem in problems:
        source = sources.get(problem.page)
        origin = tracer.trace(source, link_candidates(problem.url))
        # The same theme link is written differently on every page (../x.html, x.html).
        what = problem.target if origin.shared and problem.target else problem.message
        grouped.setdefault((origin, what), []).append(problem)
    findings = []
    for (origin, _), items in grouped.items():
        message, fix = items[0].message, items[0].fix
        if origin.shared:
            pages = sorted({sources.get(p.page, p.page) for p in items})
            where = pages[0] if len(pages) == 1 else f"{len(pages)} pages, e.g. {pages[0]}"
            message = f"{message} (on {where})"
        findings.append(Finding(origin.path, origin.line, message, fix, check=check))
    return findings
