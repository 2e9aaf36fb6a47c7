"""Turn variable values into safe page text, per language.

Values are inserted as text, never as markup: ``<script>`` and ``{{ 7*7 }}`` show literally.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from policykit.labels import LANGUAGES

# Characters that HTML, Markdown or Jinja would otherwise act on, as numeric references.
_LITERAL = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    "{": "&#123;", "}": "&#125;", "*": "&#42;", "_": "&#95;", "`": "&#96;",
    "[": "&#91;", "]": "&#93;", "|": "&#124;", "\\": "&#92;", "#": "&#35;",
    "~": "&#126;", "^": "&#94;", "=": "&#61;",
})

def literal(value: Any) -> Markup:
    """``value`` as text that HTML, Markdown and Jinja show exactly as written.

    >>> str(literal("<b>{{ 7*7 }}</b>"))
    '&lt;b&gt;&#123;&#123; 7&#42;7 &#125;&#125;&lt;/b&gt;'
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, bool):
        value = "true" if value else "false"
    return Markup(str(value).translate(_LITERAL))


def short(value: object, limit: int = 80) -> str:
    """``value`` as text of at most ``limit`` characters, for messages (``…`` marks a cut).

    >>> short("x" * 100, 10)
    'xxxxxxxxx…'
    """
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def attribute(value: Any) -> str:
    """``value`` escaped for use inside a double-quoted HTML attribute."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def is_text(value: Any) -> bool:
    """True for a per-language text: a mapping whose keys are language codes."""
    return (isinstance(value, Mapping) and bool(value) and set(value) <= set(LANGUAGES)
            and all(isinstance(v, str) for v in value.values()))


def pick(value: Any, lang: str, fallback: str = "nl") -> Any:
    """The ``lang`` version of a per-language text; other values unchanged."""
    if not is_text(value):
        return value
    return value.get(lang) or value.get(fallback) or next(iter(value.values()), "")


def localize(data: Any, lang: str, fallback: str = "nl") -> Any:
    """A copy of ``data`` with every per-language text replaced by its ``lang`` version.

    >>> localize({"title": {"nl": "Beleid", "en": "Policy"}, "n": [1]}, "en")
    {'title': 'Policy', 'n': [1]}
    """
    if is_text(data):
        return pick(data, lang, fallback)
    if isinstance(data, Mapping):
        return {key: localize(item, lang, fallback) for key, item in data.items()}
    if isinstance(data, list):
        return [localize(item, lang, fallback) for item in data]
    return data


def language_of(src_uri: str, default: str) -> str:
    """Language of a page from its file name: ``about.en.md`` → ``en``; no suffix → default."""
    stem = src_uri.rsplit("/", 1)[-1]
    parts = stem.split(".")
    if len(parts) >= 3 and parts[-2] in LANGUAGES:
        return parts[-2]
    return default
