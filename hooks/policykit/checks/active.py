"""Active content: nothing in a built page runs code or sends the reader elsewhere by itself.

One set of rules for the build (each problem traced to the page or snippet that wrote it) and
for ``policykit publish`` (each at the built page's line). Refused: inline ``<script>`` other
than the kit's own (allowed by the sha256 hash the nginx Content-Security-Policy lists),
``on*`` event attributes, ``javascript:``/``vbscript:`` addresses anywhere and ``data:``
addresses where a browser follows or loads them, ``<base>``, ``<meta http-equiv=refresh>``,
forms that send to an address, ``<object>``/``<embed>``/``<applet>``, ``srcdoc``, SVG
references to hosts that are not allowed, and inline styles (the CSP blocks them). Frames and
other files loaded from another host are the privacy check's rule, applied with this one.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykit.checks import privacy
from policykit.checks.htmlscan import Tag, css_urls, inline_scripts, scan_html, start_tags
from policykit.checks.links import is_external
from policykit.findings import Finding

CSP_FILE = "deploy/nginx/snippets/policy-security-headers.conf"
_CSP_HASH = re.compile(r"'(sha(?:256|384|512)-[A-Za-z0-9+/=]+)'")
_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                        "background", "srcset"})
_SCHEME_JUNK = re.compile(r"[\x00-\x20]+")
_EMBEDDED = {"object": "<object>", "embed": "<embed>", "applet": "<applet>"}
_SVG_LOADS = {"use", "image", "feimage"}
_NO_SCRIPTS = "remove it: pages show text, links and images, never scripts"


@dataclass(frozen=True)
class Active:
    """One piece of active content: where it is, the text to find it by, what and the fix."""

    line: int
    text: str
    message: str
    fix: str


def script_hash(text: str) -> str:
    """The CSP source for an inline script: ``sha256-<base64 digest>``."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def csp_hashes(text: str) -> set[str]:
    """The ``'sha256-…'`` sources written in a web server configuration or CSP header."""
    return set(_CSP_HASH.findall(text))


def kit_script_hashes(root: Path) -> set[str] | None:
    """The hashes of the kit's own inline scripts (from the nginx CSP); None without the file."""
    path = Path(root) / CSP_FILE
    return csp_hashes(path.read_text(encoding="utf-8")) if path.is_file() else None


def page_active(source: str, allowed_hashes: set[str] | None,
                allow_hosts: Iterable[str] = ()) -> list[Active]:
    """Every piece of active content in one built page (see the module docstring).

    >>> [(a.line, a.message) for a in page_active('<p>\\n<a href="javascript:x()">a</a>', None)]
    [(2, '<a href="javascript:…"> runs a script')]
    """
    allow = tuple(allow_hosts)
    found = [Active(tag.line, *rule) for tag in start_tags(source)
             for rule in _tag_active(tag.name, tuple(tag.attrs.items()), allow)]
    if allowed_hashes is not None:
        for text, line in inline_scripts(source):
            source_hash = script_hash(text)
            if source_hash not in allowed_hashes:
                found.append(Active(line, text.strip()[:60] or "<script>",
                                    f"inline <script> ({source_hash}) is not one of the kit's own",
                                    f"{_NO_SCRIPTS} (kit maintainers: check the script, then add "
                                    f"'{source_hash}' to script-src in {CSP_FILE})"))
    return found


@lru_cache(maxsize=50_000)
def _tag_active(name: str, items: tuple[tuple[str, str], ...],
                allow: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(text, message, fix) of each rule one tag breaks; identical tags are judged once."""
    tag = Tag(name, dict(items), 0)
    out: list[tuple[str, str, str]] = []

    def add(text: str, message: str, fix: str) -> None:
        out.append((text, message, fix))

    for name, value in tag.attrs.items():
        scheme = _SCHEME_JUNK.sub("", value).lower()
        if re.fullmatch(r"on[a-z]+", name):
            add(value or name, f"<{tag.name} {name}=…> runs JavaScript when the reader "
                "acts", _NO_SCRIPTS)
        elif scheme.startswith(("javascript:", "vbscript:")):
            add(value, f"<{tag.name} {name}=\"{scheme.split(':')[0]}:…\"> runs a script",
                "link to a page or file instead")
        elif name in _URL_ATTRS and scheme.startswith("data:"):
            add(value[:60], f"<{tag.name} {name}=\"data:…\"> carries a file inside the page",
                "save the file under docs/assets/ and refer to it there")
        elif name == "srcdoc":
            add(value[:60] or name, f"<{tag.name} srcdoc> embeds a page of its own", _NO_SCRIPTS)
        elif name == "style" and value.strip():
            add(value, f"<{tag.name} style=…>: inline styles are blocked by the "
                "Content-Security-Policy", "use a class and put the rule in "
                "docs/assets/stylesheets/policykit.css")
    if tag.name == "base":
        add("<base", "<base> changes where every link of the page goes", "remove it")
    elif tag.name == "meta" and tag.attrs.get("http-equiv", "").strip().lower() == "refresh":
        add("refresh", "<meta http-equiv=refresh> sends the reader to another page by itself",
            "remove it and link to the page instead")
    elif tag.name == "form" and ("action" in tag.attrs or "method" in tag.attrs):
        add(tag.attrs.get("action") or "<form", f"<form> sends what a reader types to "
            f"'{tag.attrs.get('action', '')}'", "link to the form on its own site instead")
    elif tag.name in _EMBEDDED:
        add(f"<{tag.name}", f"{_EMBEDDED[tag.name]} embeds a program or document",
            "link to the file instead")
    elif tag.name in _SVG_LOADS:  # frames from other hosts: the privacy check's rule
        for name in ("src", "href", "xlink:href"):
            url = tag.attrs.get(name, "")
            if url and is_external(url) and not privacy.allowed(url, allow):
                add(url, f"<{tag.name}> shows '{url}' from another host "
                    f"({privacy.host_of(url)} is not allowed)",
                    "link to it instead, or add the host to checks.allowed_hosts in "
                    "variables/company.yml")
    return tuple(out)


def site_findings(site: Path, allowed_hashes: set[str] | None,
                  allow_hosts: Iterable[str] = ()) -> list[Finding]:
    """Active content and outside assets in every file of a built site (the publish check)."""
    allow = list(allow_hosts)
    findings: list[Finding] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        source = page.read_text(encoding="utf-8", errors="replace")
        findings += [Finding(rel, item.line, item.message, item.fix, check="active")
                     for item in page_active(source, allowed_hashes, allow)]
        findings += [Finding(rel, None, p.message, p.fix, check="privacy")
                     for p in privacy.page_problems({rel: scan_html(source)}, allow)]
    sheets = {sheet.relative_to(site).as_posix():
              css_urls(sheet.read_text(encoding="utf-8", errors="replace"))
              for sheet in sorted(site.rglob("*.css"))}
    findings += [Finding(p.page, None, p.message, p.fix, check="privacy")
                 for p in privacy.stylesheet_problems(sheets, allow)]
    return findings
