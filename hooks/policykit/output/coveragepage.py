"""The generated "Coverage" page: topics × languages → pages, waivers, reviews, unused variables.

Plain Markdown, one version per language, produced on every build from the pages' front
matter, ``topics.yml`` and the variables. It is never edited by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from policykit.checks.coverage import Coverage, TopicStatus
from policykit.checks.reviews import ReviewRow
from policykit.dates import long_date
from policykit.findings import Finding
from policykit.labels import words
from policykit.report import REPORT_NAME
from policykit.sources.pages import SourcePage

if TYPE_CHECKING:
    from policykit.checks.language import LanguageReport

PAGE_NAME = "coverage"

_STATUS_KEYS = {"ok": "ok", "due": "due_grace", "overdue": "overdue", "invalid": "invalid"}


def render(coverage: Coverage, reviews: Sequence[ReviewRow], unused: Sequence[str],
           lang: str, today: dt.date, next_review: str, policy_status: str,
           site_root: str = "", language: LanguageReport | None = None) -> str:
    """The coverage page in ``lang`` as Markdown; links go to the pages in the same language.

    ``site_root`` leads from the page to the site root (``../`` for a language folder); the
    page links the build report there with raw HTML, which MkDocs leaves alone.
    """
    w = words("coverage", lang)
    langs = coverage.languages
    rows = coverage.rows
    required = [r for r in rows if r.state == "required"]
    covered = [r for r in required if not r.missing(langs)]
    out = [
        # kit information: not part of the printed policy, and never a staff search answer
        "---", "print: false", "search:", "  exclude: true", "---", "",
        f"# {w['title']}", "",
        w["intro"], '{: .pk-generated data-generated="hooks/check_sources.py" }', "",
        w["summary"].format(covered=len(covered), required=len(required), langs=", ".join(langs),
                            waived=sum(r.state == "waived" for r in rows),
                            na=sum(r.state == "not-applicable" for r in rows)),
        w["checked"].format(date=long_date(today, lang)) + " " + w["report"].format(
            link=f'<a href="{site_root}{REPORT_NAME}"><code>{REPORT_NAME}</code></a>'), "",
        f"## {w['topics']}", "",
        "| " + " | ".join([w["topic"], w["status"], *[f"`{x}`" for x in langs]]) + " |",
        "|" + "---|" * (2 + len(langs)),
    ]
    for row in rows:
        cells = [_topic_cell(row, lang, w), _status_cell(row, langs, w)]
        cells += [_pages_cell(row.pages.get(x, []), x == lang) for x in langs]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", f"## {w['waivers']}", ""]
    waived = [r for r in rows if r.state == "waived"]
    if waived:
        out += [f"| {w['topic']} | {w['reason']} |", "|---|---|"]
        out += [f"| {_cell(_title(r, lang))} (`{r.topic.id}`) | {_cell(r.reason)} |"
                for r in waived]
    else:
        out.append(w["no_waivers"])
    out += ["", f"## {w['reviews']}", "",
            w["policy"].format(date=long_date(next_review, lang),
                               status=w[_STATUS_KEYS[policy_status]]), "",
            f"| {w['page']} | {w['owner']} | {w['reviewed']} | {w['due']} | {w['status']} |",
            "|---|---|---|---|---|"]
    for review in reviews:
        if review.page.language != lang:
            continue
        out.append("| " + " | ".join([
            _page_link(review.page, True), f"`{review.owner}`" if review.owner else "—",
            str(review.last_reviewed or "—"), str(review.due or "—"),
            w[_STATUS_KEYS[review.status]]]) + " |")
    out += ["", f"## {w['unused']}", ""]
    if unused:
        out += [w["unused_intro"], ""] + [f"- `{name}`" for name in unused]
    else:
        out.append(w["none_unused"])
    if language is not None:
        out += _language_section(language, w)
    return "\n".join(out) + "\n"


def _language_section(report: LanguageReport, w: Mapping[str, str]) -> list[str]:
    """Figures per page, advice, and translations that may be behind."""
    out = ["", f"## {w['language']}", "", w["language_intro"], ""]
    for message in report.not_checked:
        out += [f"**{w['not_checked']}:** {_cell(message)}", ""]
    if report.figures:
        out += [f"| {w['page']} | {w['lang']} | {w['sentences']} | {w['avg']} | "
                f"{w['long_words']} | {w['readability']} | {w['long_sentences']} |",
                "|---|---|---|---|---|---|---|"]
        for f in sorted(report.figures, key=lambda f: f.path):
            lines = ", ".join(f"{s.line} ({s.words})" for s in f.long_sentences) or "—"
            out.append(f"| `{f.path}` | {f.language} | {f.sentences} | "
                       f"{f.average_sentence_words:.1f} | {f.long_words_percent:.0f}% | "
                       f"{f.readability:.0f} | {lines} |")
    out += ["", f"### {w['advice']}", ""]
    out += [f"- `{a.location()}`: {_cell(a.message)} — {_cell(a.fix)}"
            for a in sorted(report.advice)] or [w["no_advice"]]
    out += ["", f"### {w['behind']}", ""]
    out += ["- " + w["behind_row"].format(page=f"`{b.page.path}`", other=f"`{b.newer.path}`",
                                          other_day=b.newer_changed.day.isoformat(),
                                          day=b.changed.day.isoformat())
            for b in report.behind] or [w["none_behind"]]
    return out


def _title(row: TopicStatus, lang: str) -> str:
    return row.topic.title.get(lang) or next(iter(row.topic.title.values()), row.topic.id)


def _topic_cell(row: TopicStatus, lang: str, w: dict[str, str]) -> str:
    extra = f" *({w['org']})*" if row.topic.organisation else ""
    return f"{_cell(_title(row, lang))} (`{row.topic.id}`){extra}"


def _status_cell(row: TopicStatus, langs: Sequence[str], w: dict[str, str]) -> str:
    if row.state == "waived":
        return w["waived"]
    if row.state == "not-applicable":
        return f"{w['na']}: {w['flag'].format(flag=row.reason)}"
    missing = row.missing(langs)
    return f"**{w['missing']}** ({', '.join(missing)})" if missing else w["covered"]


def _pages_cell(pages: Sequence[SourcePage], link: bool) -> str:
    return "<br>".join(_page_link(p, link) for p in pages) or "—"


def _page_link(page: SourcePage, link: bool) -> str:
    """A Markdown link in the same language (i18n resolves ``x.md``), else the page's title."""
    heading = next((line[2:].strip() for line in page.source.splitlines()
                    if line.startswith("# ")), "")
    title = heading if heading and "{" not in heading else page.base
    return f"[{_cell(title)}]({page.base})" if link else _cell(title)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def clashes(pages: Sequence[SourcePage]) -> list[Finding]:
    """Pages written where the generated Coverage page goes (``docs/coverage*.md``).

    >>> from policykit.sources.pages import SourcePage
    >>> [str(f) for f in clashes([SourcePage("coverage.nl.md", "nl", {}, "")])]
    ['docs/coverage.nl.md: the Coverage page is generated on every build — rename or remove this file']
    """
    return [Finding(page.path, None, "the Coverage page is generated on every build",
                    "rename or remove this file", check="pages")
            for page in pages
            if "/" not in page.src_uri and page.src_uri.startswith(PAGE_NAME)]


def report_details(coverage: Coverage, reviews: Sequence[ReviewRow],
                   unused: Sequence[str]) -> dict[str, Any]:
    """What the Coverage page shows, for ``policykit-report.json``."""
    return {
        "coverage": {row.topic.id: {"state": row.state, "reason": row.reason,
                                    "pages": {lang: [p.path for p in ps]
                                              for lang, ps in row.pages.items()}}
                     for row in coverage.rows},
        "reviews": [{"page": r.page.path, "owner": r.owner, "last_reviewed": r.last_reviewed,
                     "due": r.due, "status": r.status} for r in reviews],
        "unused_variables": list(unused),
    }
