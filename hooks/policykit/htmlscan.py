"""Read what the checks need from one built HTML page in a single pass.

A page becomes a :class:`PageScan`: the ids a link can jump to, the links a reader clicks,
the resources a browser loads by itself (scripts, styles, images, frames, ...) and the
visible text. Regular expressions instead of a DOM: the checks only need attributes and
text, and this is several times faster than building a tree for every page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# A comment, a <script>/<style> element with its body, or any other tag.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style)\b(?P<rawattrs>[^>]*)>(?P<body>.*?)</(?P=raw)\s*>"
    r"|<(?P<close>/)?(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\"[^\"]*\"|'[^']*'|[^'\">])*)>",
    re.DOTALL | re.IGNORECASE,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)"""
                      r"""|@import\s+["']([^"']+)["']""")

# Attributes whose URL the browser fetches without a click, per tag.
_LOADED = {
    "img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
}
# <link rel=...> values that make the browser fetch or connect.
LOADING_RELS = frozenset({
    "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
    "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest",
})
_CODE_TAGS = frozenset({"code", "pre"})


@dataclass(frozen=True)
class Reference:
    """One URL in a page: ``kind`` is ``link`` (clicked), ``image`` or ``resource`` (loaded)."""

    url: str
    kind: str
    tag: str


@dataclass
class PageScan:
    """What one built page contains, as far as the checks are concerned."""

    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    text: str = ""                # visible text, entities decoded
    raw_text: str = ""            # visible text as written in the HTML, outside <code>/<pre>


def scan_html(source: str) -> PageScan:
    """Scan one HTML document.

    >>> s = scan_html('<h2 id="a">T</h2><a href="x.html#a">x</a><img src="i.png">')
    >>> sorted(s.ids), [(r.url, r.kind) for r in s.references], s.text
    (['a'], [('x.html#a', 'link'), ('i.png', 'image')], 'T x')
    """
    scan = PageScan()
    texts: list[str] = []
    raw_texts: list[str] = []
    code_depth = 0
    position = 0
    for match in _TOKEN.finditer(source):
        chunk = source[position:match.start()]
        position = match.end()
        if chunk.strip():
            texts.append(chunk)
            if not code_depth:
                raw_texts.append(chunk)
        if match.group("raw"):
            attrs = _attributes(match.group("rawattrs"))
            tag = match.group("raw").lower()
            if tag == "script" and attrs.get("src"):
                scan.references.append(Reference(attrs["src"], "resource", "script"))
            elif tag == "style":
                scan.references.extend(Reference(u, "resource", "style")
                                       for u in css_urls(match.group("body")))
            _collect_id(scan, attrs)
            continue
        tag = match.group("tag")
        if tag is None:
            continue  # a comment
        tag = tag.lower()
        if match.group("close"):
            if tag in _CODE_TAGS and code_depth:
                code_depth -= 1
            continue
        if tag in _CODE_TAGS and not match.group("attrs").rstrip().endswith("/"):
            code_depth += 1
        attrs = _attributes(match.group("attrs"))
        if not attrs:
            continue
        _collect_id(scan, attrs)
        _collect_references(scan, tag, attrs)
    tail = source[position:]
    if tail.strip():
        texts.append(tail)
        if not code_depth:
            raw_texts.append(tail)
    scan.text = " ".join(html.unescape(" ".join(t.split())) for t in texts)
    scan.raw_text = "\n".join(raw_texts)
    return scan


def css_urls(css: str) -> list[str]:
    """URLs a stylesheet loads: ``url(...)`` and ``@import``."""
    urls = []
    for match in _CSS_URL.finditer(css):
        url = next((g for g in match.groups() if g), "")
        if url and not url.startswith("data:"):
            urls.append(url)
    return urls


def srcset_urls(value: str) -> list[str]:
    """The URLs in a ``srcset``: ``a.png 1x, b.png 2x`` → ``['a.png', 'b.png']``."""
    return [part.split()[0] for part in value.split(",") if part.split()]


def _attributes(text: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        if name not in attrs:
            attrs[name] = html.unescape(value) if "&" in value else value
    return attrs


def _collect_id(scan: PageScan, attrs: dict[str, str]) -> None:
    if "id" in attrs:
        scan.ids.add(attrs["id"])


def _collect_references(scan: PageScan, tag: str, attrs: dict[str, str]) -> None:
    refs = scan.references
    if tag == "a":
        if "name" in attrs:
            scan.ids.add(attrs["name"])
        if "href" in attrs:
            refs.append(Reference(attrs["href"], "link", tag))
    elif tag == "area" and "href" in attrs:
        refs.append(Reference(attrs["href"], "link", tag))
    elif tag == "link" and "href" in attrs:
        rels = set(attrs.get("rel", "").lower().split())
        refs.append(Reference(attrs["href"], "resource" if rels & LOADING_RELS else "link", tag))
    elif tag in _LOADED:
        kind = "image" if tag in ("img", "source", "input") else "resource"
        for name in _LOADED[tag]:
            value = attrs.get(name)
            if not value:
                continue
            for url in (srcset_urls(value) if name == "srcset" else [value]):
                refs.append(Reference(url, kind, tag))
    if "style" in attrs and "url(" in attrs["style"]:
        refs.extend(Reference(u, "resource", tag) for u in css_urls(attrs["style"]))
