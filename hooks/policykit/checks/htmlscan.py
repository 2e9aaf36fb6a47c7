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
from functools import lru_cache

# Comments as the HTML tokenizer ends them (``<!-->`` and ``--!>`` close one too), and the
# bodies of scripts and styles (their opening tag is kept).
_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.DOTALL)
_SCRIPT_BODY = re.compile(r"(<script\b[^>]*>).*?</script\s*>", re.DOTALL | re.IGNORECASE)
_STYLE_BODY = re.compile(r"(<style\b[^>]*>).*?</style\s*>", re.DOTALL | re.IGNORECASE)
# Tags that can carry a URL. Other tags are skipped by the regular expression engine itself,
# which matters on sites whose navigation repeats hundreds of links on every page.
_URL_TAG = re.compile(
    r"<(a|area|link|img|iframe|frame|source|video|audio|track|embed|object|input|script)\b"
    r"([^>]*)>", re.IGNORECASE)
_LOADING_TAG = re.compile(
    r"<(link|img|iframe|frame|source|video|audio|track|embed|object|input|script)\b([^>]*)>",
    re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*url\([^"]*)"|'([^']*url\([^']*)')""")
_CODE = re.compile(r"<(pre|code)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
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


# Start tags and their attributes as the HTML tokenizer reads them: a name runs to a space,
# '/', '>' or '='; a quoted value may hold '>'; an unquoted one runs to a space or '>'.
_TAG_OPEN = re.compile(r"<([a-zA-Z][^\s/>]*)")
_NEXT_ATTR = re.compile(r"""[\s/]*(?:(>)|([^\s/>][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?)""")
# A tag with only plain names and double-quoted values: read as the tokenizer would, faster.
_PLAIN_TAG = re.compile(r"""<([a-zA-Z][^\s/>"'=]*)((?:\s+[^\s/>"'=]+(?:="[^"]*")?)*)\s*/?>""")
_PLAIN_ATTR = re.compile(r"""([^\s/>"'=]+)(?:="([^"]*)")?""")
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.DOTALL | re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


@dataclass(frozen=True)
class Tag:
    """A start tag: lower-case name, attributes (values decoded) and its line in the page."""

    name: str
    attrs: dict[str, str]
    line: int


def start_tags(source: str) -> list[Tag]:
    """Every start tag outside comments and script/style bodies, in page order."""
    visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    visible = _SCRIPT_BODY.sub(lambda m: m.group(1) + "\n" * m.group(0).count("\n") + "</script>",
                               visible)
    tags, line, last = [], 1, 0
    for match in _TAG_OPEN.finditer(visible):
        if match.start() < last:
            continue  # inside the previous tag's quoted value
        line += visible.count("\n", last, match.start())
        plain = _PLAIN_TAG.match(visible, match.start())
        if plain:  # the common case: names and double-quoted values only (parsed once)
            attrs, pos = dict(_plain_attrs(plain.group(2))), plain.end()
        else:
            attrs, pos = _tokenized_attrs(visible, match.end())
        tags.append(Tag(match.group(1).lower(), attrs, line))
        line += visible.count("\n", match.start(), pos)
        last = pos
    return tags


@lru_cache(maxsize=50_000)
def _plain_attrs(text: str) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for name, value in _PLAIN_ATTR.findall(text):
        found.setdefault(name.lower(), html.unescape(value) if "&" in value else value)
    return tuple(found.items())


def _tokenized_attrs(text: str, pos: int) -> tuple[dict[str, str], int]:
    """Attributes from ``pos`` to the end of the tag, as the HTML tokenizer reads them."""
    attrs: dict[str, str] = {}
    while True:
        part = _NEXT_ATTR.match(text, pos)
        if part is None or part.end() == pos:
            return attrs, pos
        pos = part.end()
        if part.group(1):
            return attrs, pos
        name, value = part.group(2).lower(), part.group(3) or ""
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
            value = value[1:-1]
        attrs.setdefault(name, html.unescape(value) if "&" in value else value)


def inline_scripts(source: str) -> list[tuple[str, int]]:
    """The text and line of every inline script a browser would run."""
    scripts = []
    for match in _INLINE_SCRIPT.finditer(_COMMENT.sub(" ", source)):
        attrs = _attributes(match.group(1))
        if "src" not in attrs and attrs.get("type", "").strip().lower() in _SCRIPT_TYPES:
            scripts.append((match.group(2), source.count("\n", 0, match.start()) + 1))
    return scripts


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
    markup: str = ""              # the HTML without comments and script/style bodies

    @property
    def text(self) -> str:
        """Visible text, entities decoded, whitespace collapsed."""
        return html.unescape(" ".join(_TAG.sub(" ", self.markup).split()))

    @property
    def raw_text(self) -> str:
        """Visible text as written in the HTML, without what is inside <code>/<pre>."""
        return _TAG.sub("\n", _CODE.sub(" ", self.markup))


def scan_html(source: str) -> PageScan:
    """Scan one HTML document.

    >>> s = scan_html('<h2 id="a">T</h2><a href="x.html#a">x</a><img src="i.png">')
    >>> sorted(s.ids), [(r.url, r.kind) for r in s.references], s.text
    (['a'], [('x.html#a', 'link'), ('i.png', 'image')], 'T x')
    """
    scan = PageScan()
    visible = _COMMENT.sub(" ", source) if "<!--" in source else source
    visible = _SCRIPT_BODY.sub(r"\1</script>", visible)
    if "<style" in visible:
        visible = _STYLE_BODY.sub(r"\1</style>", visible)
    references, ids = scan.references, scan.ids
    for tag, attr_text in _URL_TAG.findall(visible):
        refs, names = _tag_references(tag, attr_text)
        references.extend(refs)
        if names:
            ids.update(names)
    for match in _STYLE_BLOCK.finditer(source):
        scan.references.extend(Reference(u, "resource", "style") for u in css_urls(match.group(1)))
    if "url(" in visible:
        for match in _STYLE_ATTR.finditer(visible):
            scan.references.extend(
                Reference(u, "resource", "div")
                for u in css_urls(html.unescape(match.group(1) or match.group(2))))
    for quote in ('"', "'"):
        for chunk in visible.split(f" id={quote}")[1:]:
            scan.ids.add(chunk[:chunk.find(quote)])
    scan.markup = visible
    return scan


def loaded_references(source: str) -> list[Reference]:
    """Only what a page loads by itself (no links, ids or text): a cheaper scan for pages
    whose links are checked elsewhere, such as the print version that repeats every page."""
    visible = _SCRIPT_BODY.sub(r"\1</script>", _COMMENT.sub(" ", source))
    refs = [ref for tag, attr_text in _LOADING_TAG.findall(visible)
            for ref in _tag_references(tag, attr_text)[0] if ref.kind != "link"]
    for match in _STYLE_BLOCK.finditer(source):
        refs.extend(Reference(u, "resource", "style") for u in css_urls(match.group(1)))
    return refs


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


@lru_cache(maxsize=100_000)
def _tag_references(tag: str, attr_text: str) -> tuple[tuple[Reference, ...], tuple[str, ...]]:
    """References and link target names of one tag; identical tags are parsed once."""
    tag = tag.lower()
    attrs = _attributes(attr_text)
    refs: list[Reference] = []
    names: tuple[str, ...] = ()
    if tag == "a":
        if "name" in attrs:
            names = (attrs["name"],)
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
            if value:
                refs.extend(Reference(url, kind, tag)
                            for url in (srcset_urls(value) if name == "srcset" else [value]))
    return tuple(refs), names
