"""HTML snippets that policy pages insert through macros: contact cards, registers, lists.

Every function takes plain data (already validated) and a language and returns ``Markup``;
every value inside is escaped with :func:`policykit.text.literal`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from policykit.labels import word
from policykit.names import name_in
from policykit.text import attribute, literal, pick


def label(key: str, lang: str) -> str:
    """A fixed interface word in ``lang``."""
    return word("contacts", key, lang)


def mailto(email: str) -> Markup:
    """A mail link showing the address."""
    return Markup(f'<a href="mailto:{attribute(email)}">{literal(email)}</a>')


def tel(phone: str) -> Markup:
    """A phone link; the href keeps only + and digits (RFC 3966).

    >>> str(tel("+31 (0)30 123 45 67"))
    '<a href="tel:+310301234567">+31 (0)30 123 45 67</a>'
    """
    digits = "+" + "".join(ch for ch in phone if ch.isdigit())
    return Markup(f'<a href="tel:{attribute(digits)}">{literal(phone)}</a>')


def link(url: str, text: str | None = None) -> Markup:
    """A link to ``url`` showing ``text`` (or the address itself)."""
    return Markup(f'<a href="{attribute(url)}">{literal(text if text is not None else url)}</a>')


def contact_card(contact: Mapping[str, Any], lang: str, key: str = "") -> Markup:
    """One contact as a small card: name, e-mail, phone and hours when known."""
    name = name_in(contact["name"], lang, lang)
    rows = [f'<p class="pk-contact__name"><strong>{literal(name.display())}</strong></p>']
    if name.remark:
        rows.append(f'<p class="pk-contact__remark">{literal(name.remark)}</p>')
    rows += ["<dl>",
            f"<dt>{label('email', lang)}</dt><dd>{mailto(contact['email'])}</dd>",
            f"<dt>{label('phone', lang)}</dt><dd>{tel(contact['phone'])}</dd>"]
    if contact.get("hours"):
        rows.append(f"<dt>{label('hours', lang)}</dt><dd>{literal(pick(contact['hours'], lang))}</dd>")
    rows.append("</dl>")
    ident = f' id="contact-{attribute(key)}"' if key else ""
    return Markup(f'<div class="pk-contact"{ident} data-generated="policykit.output.render.contact_card">'
                  + "".join(rows) + "</div>")


def display_name(value: Any, lang: str) -> Markup:
    """A name as a table cell: without article, capitalised, its remark in brackets after it."""
    name = name_in(value, lang, lang)
    remark = f' <span class="pk-remark">({literal(name.remark)})</span>' if name.remark else ""
    return Markup(f"{literal(name.display())}{remark}")


def contacts_table(contacts: Mapping[str, Mapping[str, Any]], lang: str) -> Markup:
    """Every contact in one table."""
    rows = [(f'id="contact-{attribute(key)}"',
             [display_name(c["name"], lang), mailto(c["email"]), tel(c["phone"]),
              literal(pick(c.get("hours") or "", lang))])
            for key, c in contacts.items()]
    return _table("pk-contacts", ["contact", "email", "phone", "hours"], rows, lang)


def accounts_table(accounts: Sequence[Mapping[str, Any]], lang: str) -> Markup:
    """The official accounts register."""
    if not accounts:
        return Markup(f'<p class="pk-accounts pk-empty">{label("none", lang)}</p>')
    rows = [("", [literal(a["platform"]), link(a["url"], a["handle"]),
                  display_name(a["team"], lang)]) for a in accounts]
    return _table("pk-accounts", ["platform", "handle", "team"], rows, lang)


def spokespeople_table(people: Sequence[Mapping[str, Any]], lang: str) -> Markup:
    """Named spokespeople with their role and subjects."""
    rows = [("", [literal(p["name"]), literal(pick(p["role"], lang)),
                  literal(pick(p.get("topics") or "", lang))]) for p in people]
    return _table("pk-spokespeople", ["name", "role", "topics"], rows, lang)


def link_list(items: Sequence[Mapping[str, Any]], lang: str) -> Markup:
    """A bulleted list of ``{title, url}`` items."""
    rows = "".join(f"<li>{link(item['url'], pick(item['title'], lang))}</li>" for item in items)
    return Markup(f'<ul class="pk-links">{rows}</ul>')


def _table(css: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]],
           lang: str) -> Markup:
    """A table with translated column ``labels``; each row is (extra <tr> attributes, cells)."""
    head = "".join(f"<th>{label(column, lang)}</th>" for column in columns)
    names = [attribute(label(column, lang)) for column in columns]
    body = "".join(f"<tr{' ' + attrs if attrs else ''}>"
                   + "".join(f'<td data-label="{name}">{cell}</td>' for name, cell in zip(
                       names, cells, strict=True)) + "</tr>" for attrs, cells in rows)
    return Markup(f'<table class="{css}" data-generated="policykit.output.render">'
                  f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
