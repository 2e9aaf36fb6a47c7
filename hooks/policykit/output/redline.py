"""Redline: the rendered text of two versions compared word by word, as a track-changes view.

Pure: page texts in, a comparison and HTML out. Words are compared with the standard
library's ``difflib.SequenceMatcher`` (no extra dependency; it aligns word tokens well and is
deterministic). Block boundaries (a new paragraph, heading or list item) are tokens too, so a
paragraph added in the middle of a page shows as one inserted block. Pages are matched by
their URL; a page that disappeared and a new page with mostly the same text are one page that
was moved or renamed, compared with each other.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from policykit.labels import words
from policykit.sources.versions import Block, PageText

RENAME_SIMILARITY = 0.5   # share of equal words above which a removed + added page is a rename
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_MARK = "\x00"


STYLESHEET = "redline.css"   # written beside the redlines (write_redlines, hooks/versions.py)
STYLE = """
body{font:11pt/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
ins{color:#065f20;background:#e3f7e8;text-decoration:underline}
del{color:#9b1111;background:#fde8e8;text-decoration:line-through}
.pk-rl-page{border-top:1px solid #bbb;margin-top:2rem}
.pk-rl-status{font-size:.85em;text-transform:uppercase;letter-spacing:.05em;color:#444}
.pk-rl-break{font-size:.8em}
td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
table{border-collapse:collapse}
@page{size:A4;margin:18mm 16mm}
"""


@dataclass(frozen=True)
class Piece:
    """A run of words with the same fate: ``=`` kept, ``+`` inserted, ``-`` deleted."""

    op: str
    text: str


@dataclass(frozen=True)
class DiffBlock:
    """One block of the compared text; ``op`` says whether the block itself is new or gone."""

    kind: str
    op: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class PageChange:
    """How one page changed: ``changed``, ``added``, ``removed``, ``renamed`` or ``unchanged``."""

    status: str
    old: PageText | None
    new: PageText | None
    blocks: tuple[DiffBlock, ...] = ()

    @property
    def page(self) -> PageText:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def inserted(self) -> list[str]:
        return [p.text for b in self.blocks for p in b.pieces if p.op == "+"]

    @property
    def deleted(self) -> list[str]:
        return [p.text for b in self.blocks for p in b.pieces if p.op == "-"]

    @property
    def has_changes(self) -> bool:
        return self.status != "unchanged"


def tokens(blocks: Sequence[Block]) -> list[str]:
    """Word and punctuation tokens, each block opened by a marker token of its kind.

    >>> tokens([Block("p", "Bel HR, binnen 2.5 dagen.")])[1:]
    ['Bel', 'HR', ',', 'binnen', '2.5', 'dagen', '.']
    """
    out: list[str] = []
    for block in blocks:
        out.append(_MARK + block.kind)
        out.extend(_WORD.findall(block.text))
    return out


def diff_blocks(old: Sequence[Block], new: Sequence[Block]) -> tuple[DiffBlock, ...]:
    """The blocks of ``new`` and the deleted ones of ``old``, with their words marked."""
    a, b = tokens(old), tokens(new)
    marked: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            marked += [("=", t) for t in b[j1:j2]]
        else:
            marked += [("-", t) for t in a[i1:i2]]
            marked += [("+", t) for t in b[j1:j2]]
    marked = _blocks_first(marked)
    out: list[DiffBlock] = []
    kind, block_op, pieces = "p", "=", []   # words before any marker: none in practice
    for op, token in marked:
        if token.startswith(_MARK):
            if pieces:
                out.append(DiffBlock(kind, block_op, tuple(_joined(pieces))))
            kind, block_op, pieces = token[1:], op, []
            continue
        pieces.append((op, token))
    if pieces:
        out.append(DiffBlock(kind, block_op, tuple(_joined(pieces))))
    return tuple(out)


def _blocks_first(marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Put a whole inserted or deleted block behind its own marker.

    difflib may align ``¶ new words ¶`` as *kept ¶, inserted "new words ¶"*; the same text
    read as *inserted "¶ new words", kept ¶* shows the new paragraph as one block."""
    out = list(marked)
    index = 0
    while index < len(out):
        op = out[index][0]
        if op == "=" or index == 0 or out[index - 1][0] != "=" \
                or not out[index - 1][1].startswith(_MARK):
            index += 1
            continue
        end = index
        while end < len(out) and out[end][0] == op:
            end += 1
        if out[end - 1][1] == out[index - 1][1]:
            out[index - 1], out[end - 1] = (op, out[index - 1][1]), ("=", out[end - 1][1])
        index = end
    return out


def _joined(tokens_: Sequence[tuple[str, str]]) -> list[Piece]:
    """Runs of tokens with one op, joined as text (no space before punctuation)."""
    runs: list[Piece] = []
    for op, token in tokens_:
        if runs and runs[-1].op == op:
            glue = "" if _tight(token) or runs[-1].text[-1:] in "(‘“" else " "
            runs[-1] = Piece(op, runs[-1].text + glue + token)
        else:
            runs.append(Piece(op, token))
    return runs


def _tight(token: str) -> bool:
    return len(token) == 1 and token in ".,;:!?)’”%"


def compare(old: Sequence[PageText], new: Sequence[PageText]) -> list[PageChange]:
    """Every page of both versions, in the new version's order (removed pages at the end)."""
    old_by_url = {p.url: p for p in old}
    new_urls = {p.url for p in new}
    removed = [p for p in old if p.url not in new_urls]
    added = [p for p in new if p.url not in old_by_url]
    renamed = _renames(removed, added)
    changes: list[PageChange] = []
    for page in new:
        before = old_by_url.get(page.url) or renamed.get(page.url)
        if before is None:
            changes.append(PageChange("added", None, page, diff_blocks((), page.blocks)))
        elif before.blocks == page.blocks and before.url == page.url:
            changes.append(PageChange("unchanged", before, page))
        else:
            status = "renamed" if before.url != page.url else "changed"
            changes.append(PageChange(status, before, page, diff_blocks(before.blocks,
                                                                        page.blocks)))
    followed = {p.url for p in renamed.values()}
    changes += [PageChange("removed", p, None, diff_blocks(p.blocks, ()))
                for p in removed if p.url not in followed]
    return changes


def _renames(removed: Sequence[PageText], added: Sequence[PageText]) -> dict[str, PageText]:
    """New URL → old page, for each added page that is mostly a removed page's text."""
    found: dict[str, PageText] = {}
    taken: set[str] = set()
    for new in added:
        words = tokens(new.blocks)
        best, score = None, RENAME_SIMILARITY
        for old in removed:
            if old.url in taken:
                continue
            matcher = difflib.SequenceMatcher(None, tokens(old.blocks), words, autojunk=False)
            if matcher.quick_ratio() > score and matcher.ratio() > score:
                best, score = old, matcher.ratio()
        if best is not None:
            found[new.url] = best
            taken.add(best.url)
    return found


def render_html(changes: Sequence[PageChange], lang: str, heading: Mapping[str, str]) -> str:
    """The redline as an HTML document; its style is ``redline.css`` beside it (no inline
    style: the site's Content-Security-Policy allows stylesheets from the site only).

    ``heading``: ``organisation``, ``title``, ``from`` and ``to`` (version names), shown on top.
    """
    labels = words("redline", lang)
    e = html.escape
    title = (f"{labels['title']} {labels['version']} {heading['from']} → {heading['to']}")
    return (f'<!doctype html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f"<title>{e(title)} · {e(heading.get('organisation', ''))}</title>\n"
            f'<link rel="stylesheet" href="{STYLESHEET}">\n</head>\n<body class="pk-redline">\n'
            f"<p>{e(heading.get('organisation', ''))} · {e(heading.get('title', ''))}</p>\n"
            f"<h1>{e(title)}</h1>\n{render_body(changes, lang)}\n</body>\n</html>\n")


def render_body(changes: Sequence[PageChange], lang: str, level: int = 2,
                context: int | None = None) -> str:
    """Overview, then each changed page with its marked text (for the redline and dossier).

    ``context``: show only the changed blocks, this many blocks around them and the page's
    title (``…`` marks what is left out); None shows whole pages."""
    labels = words("redline", lang)
    e = html.escape
    changed = [c for c in changes if c.has_changes]
    unchanged = [c for c in changes if not c.has_changes]
    overview = "".join(
        f'<li><a href="#{_anchor(c)}">{e(c.page.title)}</a> — {e(labels[c.status])}'
        + (f" ({labels['was']} {e(c.old.url)})" if c.status == "renamed" and c.old else "")
        + "</li>" for c in changed)
    parts = [f"<p class=\"pk-rl-legend\">{e(labels['legend'])}</p>",
             f"<h{level}>{e(labels['summary'])}</h{level}>",
             f"<ul class=\"pk-rl-overview\">{overview}</ul>" if changed
             else f"<p>{e(labels['no_changes'])}</p>"]
    for change in changed:
        status = labels[change.status] + (
            f" — {labels['was']} {change.old.url}" if change.status == "renamed" and change.old
            else "")
        parts.append(f'<section class="pk-rl-page pk-rl-{change.status}" id="{_anchor(change)}"'
                     f' data-page="{e(change.page.url)}">'
                     f'<p class="pk-rl-status">{e(status)} · {e(change.page.url)}</p>'
                     + "".join(_block_html(b, level) if b is not None
                               else '<p class="pk-rl-skip">…</p>'
                               for b in _shown(change.blocks, context)) + "</section>")
    names = ", ".join(e(c.page.title) for c in unchanged) or e(labels["none"])
    parts.append(f"<h{level}>{e(labels['unchanged'])}</h{level}>"
                 f'<p class="pk-rl-unchanged">{names}</p>')
    return "\n".join(parts)


def _shown(blocks: Sequence[DiffBlock], context: int | None) -> list[DiffBlock | None]:
    """The blocks to show; None where unchanged blocks are left out."""
    if context is None:
        return list(blocks)
    changed = [i for i, b in enumerate(blocks)
               if b.op != "=" or any(p.op != "=" for p in b.pieces)]
    keep = {0} | {j for i in changed for j in range(i - context, i + context + 1)}
    shown: list[DiffBlock | None] = []
    for index, block in enumerate(blocks):
        if index in keep:
            shown.append(block)
        elif shown and shown[-1] is not None:
            shown.append(None)
    return shown


def _block_html(block: DiffBlock, level: int) -> str:
    kind = block.kind
    if kind.startswith("h") and kind[1:].isdigit():   # page headings sit below the redline's
        kind = f"h{min(6, int(kind[1:]) + level)}"
    elif kind not in ("p", "pre"):
        kind = "p"
    text = ""
    for piece in block.pieces:
        glue = "" if not text or _tight(piece.text[:1]) else " "
        text += glue + _piece_html(piece)
    mark = {"+": ' class="pk-rl-new"', "-": ' class="pk-rl-gone"'}.get(block.op, "")
    prefix = ("• " if block.kind == "li" else "")
    return f"<{kind}{mark}>{prefix}{text}</{kind}>"


def _piece_html(piece: Piece) -> str:
    text = html.escape(piece.text, quote=False)
    return {"+": f"<ins>{text}</ins>", "-": f"<del>{text}</del>"}.get(piece.op, text)


def _anchor(change: PageChange) -> str:
    return "rl-" + re.sub(r"[^a-z0-9]+", "-", change.page.url.lower()).strip("-")


# What a redline made by render_html may hold; anything else (a script, an event handler, a
# link elsewhere) means the file was not made by `make redline` and must not reach the site.
_ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "body", "p", "h1", "h2", "h3", "h4",
                 "h5", "h6", "ul", "li", "a", "section", "ins", "del", "strong", "pre"}
_ALLOWED_ATTRIBUTES = {"lang", "charset", "name", "content", "rel", "href", "class", "id",
                       "data-page"}


def foreign_markup(document: str) -> list[str]:
    """What in ``document`` a redline of :func:`render_html` never contains.

    >>> foreign_markup(render_html([], "en", {"from": "1", "to": "2"}))
    []
    >>> foreign_markup('<p onclick="x()">a</p><script>x()</script><a href="https://e.org">e</a>')
    ['attribute onclick', '<script>', 'link to https://e.org']
    """
    found: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in _ALLOWED_TAGS:
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name not in _ALLOWED_ATTRIBUTES:
                    found.append(f"attribute {name}")
                elif name == "href" and not (value or "").startswith("#") \
                        and value != STYLESHEET:
                    found.append(f"link to {value}")
                elif name == "rel" and value != "stylesheet":
                    found.append(f"rel={value}")

    reader = Reader(convert_charrefs=True)
    reader.feed(document)
    reader.close()
    return found
