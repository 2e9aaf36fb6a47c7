"""What the browser tests expect of a built site, read from the kit's own sources.

Maps every built HTML page back to its Markdown source and language, so a test can say
"the confidentiality page" or "the English version of this page" without hard-coding URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykit.project import Project
from policykit.sources.frontmatter import read_front_matter
from policykit.sources.pages import base_name


@dataclass(frozen=True)
class SitePage:
    """One built HTML page: where it is, its language and (for Markdown pages) its source."""

    url: str                       # relative to the site root, e.g. "en/policy/principles.html"
    lang: str                      # the language its <html lang> must declare
    source: str | None = None      # e.g. "policy/principles.en.md"; None for theme pages (404)
    front_matter: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def base(self) -> str | None:
        """The page independent of its language: ``policy/principles.md``."""
        return base_name(self.source) if self.source else None

    @property
    def is_policy(self) -> bool:
        """A policy page is one whose front matter names the topics it covers."""
        return bool(self.front_matter.get("topics"))


@dataclass(frozen=True)
class SiteModel:
    """The built pages of one site with the languages the organisation publishes."""

    root: Path
    default_lang: str
    languages: tuple[str, ...]
    pages: tuple[SitePage, ...]
    variables: dict[str, Any]

    def in_lang(self, lang: str) -> list[SitePage]:
        return [page for page in self.pages if page.lang == lang]

    def by_url(self, url: str) -> SitePage | None:
        return next((page for page in self.pages if page.url == url), None)

    def counterpart(self, page: SitePage, lang: str) -> SitePage | None:
        """The same page in another language, if the site has it."""
        return next((other for other in self.pages
                     if other.lang == lang and other.base and other.base == page.base), None)

    def topic_pages(self, lang: str, topic: str) -> list[SitePage]:
        """The page about ``topic`` in ``lang``: a page named after the topic wins over pages that
        merely list it among their topics (``principles/confidentiality.nl.md`` beats
        ``policy/principles.nl.md`` covering ``[responsibility, confidentiality]``)."""
        covering = [page for page in self.in_lang(lang)
                    if topic in (page.front_matter.get("topics") or [])]
        named = [page for page in covering if topic in (page.source or "")]
        return named or covering

    def path_of(self, page: SitePage) -> Path:
        return self.root / page.url


def url_of(source: str, lang: str, default_lang: str) -> str:
    """``policy/principles.en.md`` → ``en/policy/principles.html`` (use_directory_urls: false)."""
    stem = base_name(source)[: -len(".md")] + ".html"
    return stem if lang == default_lang else f"{lang}/{stem}"


def load_site_model(project: Path, site: Path) -> SiteModel:
    """Every HTML page of ``site`` (built from ``project``) with its language and source."""
    variables = Project(project).load_variables().data
    default = variables["languages"]["default"]
    published = tuple(variables["languages"]["published"])
    docs = project / "docs"
    by_url: dict[str, SitePage] = {}
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).as_posix()
        if rel.startswith("_"):
            continue
        suffix = rel.split(".")[-2]
        lang = suffix if suffix in published else default
        url = url_of(rel, lang, default)
        if (site / url).exists():
            text = source.read_text(encoding="utf-8")
            by_url[url] = SitePage(url, lang, rel, read_front_matter(text))
    for html in sorted(site.rglob("*.html")):
        url = html.relative_to(site).as_posix()
        if url not in by_url:
            first = url.split("/", 1)[0]
            lang = first if first in published and first != default else default
            by_url[url] = SitePage(url, lang)
    return SiteModel(site, default, published, tuple(by_url[url] for url in sorted(by_url)),
                     variables)
