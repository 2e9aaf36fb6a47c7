"""Read built HTML for what a browser would load: inline scripts and outside assets.

Used before publishing (every inline script must be allowed by the web server's
Content-Security-Policy, nothing may load from another host) and by the offline build's tests.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Attributes through which a page makes the browser fetch something by itself.
# <a href> is left out on purpose: a link is only followed when someone clicks it.
_LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "audio": ("src",), "video": ("src", "poster"), "embed": ("src",), "object": ("data",),
    "link": ("href",), "input": ("src",), "track": ("src",),
}
# <link rel=...> values that do not fetch anything when the page loads.
_NON_LOADING_LINKS = {"alternate", "canonical", "prev", "next", "author", "license", "help"}
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"(?:url\(|@import)\s*['\"]?((?:[a-z][a-z0-9+.-]*:)?//[^'\")\s;]+)",
                      re.IGNORECASE)
_CSP_HASH = re.compile(r"'(sha(?:256|384|512)-[A-Za-z0-9+/=]+)'")


@dataclass(frozen=True)
class Reference:
    """One thing a page loads from outside: where it is written and the address."""

    line: int
    tag: str
    url: str


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.external: list[Reference] = []
        self.inline_styles: list[int] = []
        self._script: list[str] | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if tag == "script" and "src" not in values \
                and values.get("type", "").strip().lower() in _EXECUTABLE_TYPES:
            self._script = []
        if tag == "style":
            self._style = True
        if tag == "style" or "style" in values:
            self.inline_styles.append(line)
        if tag == "link" and set(values.get("rel", "").lower().split()) <= _NON_LOADING_LINKS \
                and values.get("rel"):
            return
        for name in _LOADING_ATTRIBUTES.get(tag, ()):
            for url in _urls(values.get(name, ""), name):
                if _EXTERNAL.match(url):
                    self.external.append(Reference(line, tag, url.strip()))
        for url in _CSS_URL.findall(values.get("style", "")):
            self.external.append(Reference(line, f"{tag} style", url))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        if tag == "style":
            self._style = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._style:
            line = self.getpos()[0]
            self.external.extend(Reference(line, "style", url) for url in _CSS_URL.findall(data))


def _urls(value: str, attribute: str) -> list[str]:
    if attribute == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value] if value else []


def _scan(html: str) -> _Scanner:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    return _scan(html).scripts


def external_references(html: str) -> list[Reference]:
    """Everything the page would load from another host when it is opened."""
    return _scan(html).external


def script_hash(text: str) -> str:
    """The CSP source for an inline script: ``sha256-<base64 digest>``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def csp_hashes(text: str) -> set[str]:
    """The ``'sha256-…'`` sources written in a web server configuration or CSP header.

    >>> csp_hashes("script-src 'self' 'sha256-AbC+/=';")
    {'sha256-AbC+/='}
    """
    return set(_CSP_HASH.findall(text))


def site_problems(site: Path, allowed_hashes: set[str] | None = None) -> list[str]:
    """Problems in a built site, one line each (``page: what — fix``).

    Flags assets loaded from another host. With ``allowed_hashes`` (the script hashes of the
    Content-Security-Policy) also inline scripts not allowed by it and inline styles, which
    the policy's ``style-src 'self'`` blocks: the browser would refuse both.
    """
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        scanner = _scan(page.read_text(encoding="utf-8"))
        for ref in scanner.external:
            problems.append(f"{rel}:{ref.line}: <{ref.tag}> loads {ref.url} from outside the "
                            "site — keep the file inside the site (nothing may load from the "
                            "internet)")
        if allowed_hashes is None:
            continue
        for script in scanner.scripts:
            source = script_hash(script)
            if source not in allowed_hashes:
                problems.append(f"{rel}: inline script {source} is not allowed by the "
                                "Content-Security-Policy — add '" + source + "' to script-src "
                                "in deploy/nginx/snippets/policy-security-headers.conf "
                                "(after checking the script)")
        for line in scanner.inline_styles:
            problems.append(f"{rel}:{line}: inline style is blocked by the "
                            "Content-Security-Policy — use a class and put the rule in "
                            "docs/assets/stylesheets/policykit.css")
    for sheet in sorted(site.rglob("*.css")):
        rel = sheet.relative_to(site).as_posix()
        for url in _CSS_URL.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{rel}: loads {url} from outside the site — keep the file inside "
                            "the site (nothing may load from the internet)")
    return problems
