"""The works-council dossier: cover, summary of changes, consent grounds, redline, letter.

Pure: the new version's variables, the page changes (``policykit.output.redline``) and the
consent grounds in, one HTML document per language out (printed to PDF by ``make dossier``).
Which changes need consent follows from the topics of the changed pages
(``consent_grounds.yml``): a first sorting for legal review, named as such in the dossier.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policykit.dates import long_date, to_date
from policykit.labels import words
from policykit.output.redline import STYLE, PageChange, render_body
from policykit.text import pick

GROUNDS_FILE = Path(__file__).resolve().parents[1] / "consent_grounds.yml"


DOSSIER_STYLE = STYLE + """
body{max-width:none;margin:0}
.pk-dossier-cover{break-after:page;padding-top:30mm}
.pk-dossier-cover h1{font-size:24pt;margin:0 0 6mm}
.pk-dossier-part{break-before:page}
.pk-dossier-facts dt{font-weight:700;margin-top:3mm}
.pk-dossier-facts dd{margin:0}
.pk-dossier-box{border:1px solid #333;min-height:14mm;margin:2mm 0 5mm}
.pk-dossier-check{font-size:12pt;margin:2mm 0}
.pk-dossier-sign td{height:16mm;width:60%}
.pk-dossier-grounds td:first-child{width:62%}
.pk-rl-skip{color:#666}
"""


@dataclass(frozen=True)
class Ground:
    """One consent ground of art. 27 WOR and the topics that fall under it."""

    id: str
    article: Mapping[str, str]
    title: Mapping[str, str]
    topics: tuple[str, ...]


def load_grounds(path: Path = GROUNDS_FILE) -> list[Ground]:
    """The consent grounds shipped with the kit."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Ground(g["id"], g["article"], g["title"], tuple(g["topics"]))
            for g in data["grounds"]]


def grounds_touched(changes: Sequence[PageChange],
                    grounds: Sequence[Ground]) -> list[tuple[Ground, list[PageChange]]]:
    """Each ground with the changed pages (added, removed, renamed or edited) under it."""
    touched = []
    for ground in grounds:
        pages = [c for c in changes if c.has_changes and set(c.page.topics) & set(ground.topics)]
        if pages:
            touched.append((ground, pages))
    return touched


def history_between(history: Sequence[Mapping[str, Any]], after: Any,
                    until: Any) -> list[Mapping[str, Any]]:
    """The ``policy.history`` entries that took effect after ``after`` up to ``until``, newest
    first.

    >>> h = [{"version": "1", "effective_date": "2024-01-01"},
    ...      {"version": "2", "effective_date": "2025-01-01"}]
    >>> [e["version"] for e in history_between(h, "2024-01-01", "2025-01-01")]
    ['2']
    """
    start, end = to_date(after), to_date(until)
    chosen = [e for e in history if start < to_date(e["effective_date"]) <= end]
    return sorted(chosen, key=lambda e: to_date(e["effective_date"]), reverse=True)


def render_dossier(data: Mapping[str, Any], old: Mapping[str, str], new: Mapping[str, str],
                   changes: Sequence[PageChange], grounds: Sequence[Ground], lang: str,
                   today: dt.date, fingerprint: str = "") -> str:
    """The whole dossier as one HTML document.

    ``data``: the new version's variables; ``old`` / ``new``: ``label`` and
    ``effective_date`` of both versions."""
    labels = words("dossier", lang)
    e = html.escape
    policy = data["policy"]
    council = str(pick(data["works_council"]["name"], lang))
    organisation = str(data["organisation"]["legal_name"])
    title = str(pick(policy["title"], lang))
    approver = str(pick(policy["approved_by"], lang))
    owner = str(pick(policy["owner_role"], lang))
    contact = data["contacts"].get("legal") or next(iter(data["contacts"].values()))
    values = {"council": council, "organisation": organisation, "title": title,
             "old": old["label"], "new": new["label"], "approver": approver,
             "effective": long_date(new["effective_date"], lang),
             "contact": str(pick(contact["name"], lang)), "email": str(contact["email"])}

    def t(key: str, **more: str) -> str:
        return e(labels[key].format(**{**values, **more}))

    touched = grounds_touched(changes, grounds)
    facts = [("asks", f"{approver} ({owner})"), ("effective", values["effective"]),
             ("contact", f"{values['contact']} · {values['email']}"),
             ("date", long_date(today, lang))]
    if fingerprint:
        facts.append(("fingerprint", fingerprint))
    cover = (f'<section class="pk-dossier-cover"><p>{e(organisation)}</p>'
             f"<h1>{e(title)}</h1><p><strong>{t('request')}</strong> · {t('kind')}</p>"
             f"<p class=\"pk-dossier-versions\">{t('versions')}</p>"
             f'<dl class="pk-dossier-facts">'
             + "".join(f"<dt>{e(labels[k])}</dt><dd>{e(v)}</dd>" for k, v in facts)
             + "</dl></section>")
    entries = history_between(policy.get("history") or [], old["effective_date"],
                              new["effective_date"])
    summary_items = "".join(
        f"<li><strong>{e(str(entry['version']))}</strong> "
        f"({e(long_date(entry['effective_date'], lang))}): "
        f"{e(str(pick(entry.get('changes') or '', lang)).strip())}</li>" for entry in entries)
    summary = (f'<section class="pk-dossier-summary"><h2>{t("summary")}</h2>'
               f"<p>{t('summary_from')}</p><ul>{summary_items}</ul></section>")
    if touched:
        rows = "".join(
            f'<tr data-ground="{e(g.id)}"><td><strong>{e(pick(g.article, lang))}</strong><br>'
            f"{e(pick(g.title, lang))}</td><td>"
            + ", ".join(e(c.page.title) for c in pages) + "</td></tr>" for g, pages in touched)
        grounds_html = (f"<p>{t('grounds_intro')}</p><table><thead><tr><th>{t('ground')}</th>"
                        f"<th>{t('pages')}</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        grounds_html = f"<p>{t('grounds_none')}</p>"
    grounds_part = (f'<section class="pk-dossier-grounds"><h2>{t("grounds")}</h2>'
                    f"{grounds_html}</section>")
    redline = (f'<section class="pk-dossier-part pk-dossier-redline"><h2>{t("redline")}</h2>'
               f"{render_body(changes, lang, level=3, context=1)}</section>")
    articles = ", ".join(str(pick(g.article, lang)) for g, _ in touched)
    body2 = t("body2", articles=articles) if touched else t("body2_none")
    checks = "".join(f'<p class="pk-dossier-check">☐ {e(council)} {t(key)}</p>'
                     for key in ("consents", "conditions", "refuses"))
    letter = (f'<section class="pk-dossier-part pk-dossier-letter"><h2>{t("letter")}</h2>'
              f"<p>{t('to')}</p><p><strong>{t('subject')}</strong></p>"
              f"<p>{t('body1')}</p><p>{body2}</p><p>{t('body3')}</p>"
              f"<p>{t('regards')}<br>{e(owner)}<br>{t('on_behalf')}</p>"
              f"<h3>{t('decision')}</h3>{checks}"
              f"<p>{t('reasons')}</p><div class=\"pk-dossier-box\"></div>"
              f'<table class="pk-dossier-sign"><tbody>'
              f"<tr><th>{t('place_date')}</th><td></td></tr>"
              f"<tr><th>{t('chair')}</th><td></td></tr>"
              f"<tr><th>{t('secretary')}</th><td></td></tr></tbody></table></section>")
    head_title = f"{labels['request']} · {title} {new['label']} · {organisation}"
    return (f'<!doctype html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(head_title)}</title>\n<style>{DOSSIER_STYLE}</style>\n</head>\n"
            f'<body class="pk-dossier">\n{cover}\n{summary}\n{grounds_part}\n{redline}\n'
            f"{letter}\n</body>\n</html>\n")
