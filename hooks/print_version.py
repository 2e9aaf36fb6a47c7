"""MkDocs hook: write the print version (``print.html``, ``en/print.html``) of every language.

Adapter only; the HTML comes from ``policykit.output.printbook``. The pages are taken in navigation
order after they are rendered, so the print version holds exactly what the site shows
(pages switched off by ``only_if`` are not in it). A page with ``print: false`` in its front
matter is left out. ``make pdf`` turns these files into PDF with headless Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from policykit.output.printbook import BOOK_FILE, BookPage, cover_from_variables, render_book  # noqa: E402


def on_nav(nav, config, files):
    engine.context(config).book_nav = nav  # this language's navigation, for on_post_build
    return nav


def on_post_build(config):
    ctx = engine.context(config)
    nav, ctx.book_nav = ctx.book_nav, None
    if nav is None:
        return
    lang = config.theme["language"]
    prefix = _language_prefix(config, lang)
    pages = [BookPage(page.url, page.title or "", page.content or "")
             for page in nav.pages if page.content and page.meta.get("print", True) is not False]
    cover = cover_from_variables(ctx.data, lang)
    book_url = prefix + BOOK_FILE
    target = Path(config.site_dir) / book_url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_book(cover, pages, lang, book_url), encoding="utf-8")


def _language_prefix(config, lang: str) -> str:
    """``""`` for the language at the site root, ``"en/"`` for the others."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "is_default_language_build", True):
        return ""
    return f"{lang}/"
