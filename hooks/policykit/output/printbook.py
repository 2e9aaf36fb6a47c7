"""The print version: every policy page in navigation order in one HTML file, after a cover.

Pure strings in, HTML out. Each page's rendered content becomes a section that starts on a
new sheet; its ids get a per-page prefix so they stay unique, and links between pages of the
book become links inside the book (they still work as links in the PDF).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policykit.dates import long_date
from policykit.labels import words
from policykit.names import capitalise, name_in, name_values
from policykit.text import pick

BOOK_FILE = "print.html"
STYLESHEET = "assets/stylesheets/print.css"

# id, href, src and srcset attributes, with double, single or no quotes around the value.
_ATTRIBUTE = re.compile(r"""(?P<lead>\s(?P<name>id|href|src|srcset)\s*=\s*)"""
                        r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>"']+))""",
                        re.IGNORECASE)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)


@dataclass(frozen=True)
class BookPage:
    """A rendered page: its URL in the site (``policy/principles.html``), title and HTML."""

    url: str
    title: str
    html: str


@dataclass(frozen=True)
class Cover:
    """What the cover says, already in the book's language."""

    organisation: str
    title: str
    version: str
    effective: str
    approved_by: str
    approved_on: str
    owner: str
    intranet: str
    draft: bool


def cover_from_variables(data: Mapping[str, Any], lang: str) -> Cover:
    """The cover of the ``lang`` book from the validated variables."""
    policy = data["policy"]
    return Cover(
        organisation=data["organisation"]["legal_name"],
        title=pick(policy["title"], lang),
        version=str(policy["version"]),
        effective=long_date(policy["effective_date"], lang),
        approved_by=capitalise(name_in(name_values(data)["approved_by"], lang, lang).in_sentence()),
        approved_on=long_date(policy["approved_date"], lang),
        owner=name_in(policy["owner_role"], lang, lang).display(),
        intranet=data["organisation"].get("intranet", ""),
        draft=bool(policy.get("draft")),
    )


def anchor_of(url: str) -> str:
    """The id of a page's section in the book.

    >>> anchor_of("policy/principles.html")
    'p-policy-principles'
    """
    stem = url[:-5] if url.endswith(".html") else url
    return "p-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def rebase(content: str, page_url: str, book_url: str, in_book: set[str]) -> str:
    """``content`` of the page at ``page_url`` made to work inside the book at ``book_url``."""
    anchor = anchor_of(page_url)
    page_dir = posixpath.dirname(page_url)
    book_dir = posixpath.dirname(book_url)

    def moved(value: str, name: str) -> str:
        if _SCHEME.match(value) or value.startswith("/"):
            return value
        if value.startswith("#"):
            return f"#{anchor}--{value[1:]}" if value[1:] else f"#{anchor}"
        path, _, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join(page_dir, path)) if path else page_url
        if name == "href" and target in in_book:
            target_anchor = anchor_of(target)
            return f"#{target_anchor}--{fragment}" if fragment else f"#{target_anchor}"
        return posixpath.relpath(target, book_dir or ".") + (f"#{fragment}" if fragment else "")

    def rewrite(match: re.Match[str]) -> str:
        name = match["name"].lower()
        value = html.unescape(next(v for v in match.group("dq", "sq", "uq") if v is not None))
        if name == "id":
            new = f"{anchor}--{value}"
        elif name == "srcset":
            new = ", ".join(" ".join([moved(part.split()[0], name), *part.split()[1:]])
                            for part in value.split(",") if part.split())
        else:
            new = moved(value, name)
        return f'{match["lead"]}"{html.escape(new, quote=True)}"'

    return _ATTRIBUTE.sub(rewrite, _HEADERLINK.sub("", content))


def render_book(cover: Cover, pages: Sequence[BookPage], lang: str, book_url: str) -> str:
    """The whole print version as one HTML document."""
    labels = words("book", lang)
    e = html.escape
    in_book = {page.url for page in pages}
    stylesheet = posixpath.relpath(STYLESHEET, posixpath.dirname(book_url) or ".")
    contents = "\n".join(
        f'<li><a href="#{anchor_of(p.url)}">{e(_plain(p.title))}</a></li>' for p in pages)
    sections = "\n".join(
        f'<section class="pk-book-page" id="{anchor_of(p.url)}" data-page="{e(p.url)}">\n'
        f'{rebase(p.html, p.url, book_url, in_book)}\n</section>' for p in pages)
    draft = f'<div class="pk-cover-draft">{e(labels["draft"])}</div>' if cover.draft else ""
    intranet = (f'<p class="pk-cover-current">{e(labels["current"])} {e(cover.intranet)}</p>'
                if cover.intranet else "")
    return f"""<!doctype html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{e(cover.title)} {e(cover.version)} · {e(cover.organisation)} · {
    e(labels["printed"])}</title>
<link rel="stylesheet" href="{e(stylesheet)}">
</head>
<body class="pk-book">
<section class="pk-cover">
<div class="pk-cover-organisation">{e(cover.organisation)}</div>
<h1 class="pk-cover-title">{e(cover.title)}</h1>
{draft}
<dl class="pk-cover-facts">
<dt>{e(labels["version"])}</dt><dd>{e(cover.version)}</dd>
<dt>{e(labels["effective"])}</dt><dd>{e(cover.effective)}</dd>
<dt>{e(labels["approved"])}</dt><dd>{
    e(cover.approved_by)} {e(labels["on"])} {e(cover.approved_on)}</dd>
<dt>{e(labels["owner"])}</dt><dd>{e(cover.owner)}</dd>
</dl>
{intranet}
</section>
<nav class="pk-book-contents">
<h2>{e(labels["contents"])}</h2>
<ol>
{contents}
</ol>
</nav>
{sections}
</body>
</html>
"""


def _plain(title: str) -> str:
    """A page title without markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", title))
