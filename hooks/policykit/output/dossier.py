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

from policykit.output.redline import STYLE, PageChange, render_body
from policykit.text import long_date, pick

GROUNDS_FILE = Path(__file__).resolve().parents[1] / "consent_grounds.yml"

LABELS = {
    "nl": {
        "kind": "Dossier voor de {council} en Juridische Zaken",
        "request": "Verzoek om instemming",
        "versions": "Van versie {old} naar versie {new}",
        "effective": "Beoogde ingangsdatum", "asks": "Instemming gevraagd door",
        "contact": "Contactpersoon", "date": "Datum dossier", "fingerprint": "Vingerafdruk tekst",
        "summary": "Samenvatting van de wijzigingen",
        "summary_from": "Uit de versiegeschiedenis (policy.history):",
        "grounds": "Instemmingsplicht (artikel 27 WOR)",
        "grounds_intro": "Deze wijzigingen raken onderwerpen waarvoor de {council} "
                         "instemmingsrecht heeft. Dit is een eerste indeling op basis van de "
                         "onderwerpen van de gewijzigde pagina's; Juridische Zaken toetst haar.",
        "grounds_none": "Geen van de gewijzigde pagina's gaat over toezicht op medewerkers, "
                        "hun persoonsgegevens of hun arbeidsomstandigheden. Op basis van de "
                        "onderwerpen lijkt instemming volgens artikel 27 WOR niet nodig; "
                        "Juridische Zaken toetst deze indeling.",
        "ground": "Grond", "pages": "Gewijzigde pagina's",
        "redline": "Alle wijzigingen in de tekst",
        "letter": "Verzoek om instemming",
        "to": "Aan de {council} van {organisation}",
        "subject": "Onderwerp: instemming met {title}, versie {new}",
        "body1": "Wij leggen u het voorgenomen besluit voor om {title} te wijzigen van versie "
                 "{old} naar versie {new}, met als beoogde ingangsdatum {effective}.",
        "body2": "Op grond van {articles} vragen wij uw instemming met de wijzigingen die in "
                 "dit dossier onder ‘Instemmingsplicht’ staan. De samenvatting en alle "
                 "tekstwijzigingen vindt u in dit dossier.",
        "body2_none": "Wij leggen u de wijzigingen ter informatie voor; volgens de indeling in "
                      "dit dossier is uw instemming niet nodig. Ziet u dat anders, laat het "
                      "ons dan weten.",
        "body3": "Wij ontvangen uw besluit graag schriftelijk, met dit formulier. Voor vragen "
                 "kunt u terecht bij {contact} ({email}).",
        "regards": "Met vriendelijke groet,",
        "on_behalf": "namens {approver}",
        "decision": "Besluit van de {council}",
        "consents": "stemt in met het voorgenomen besluit",
        "conditions": "stemt in onder de volgende voorwaarden",
        "refuses": "stemt niet in met het voorgenomen besluit",
        "reasons": "Toelichting", "place_date": "Plaats en datum",
        "chair": "Handtekening voorzitter", "secretary": "Handtekening secretaris",
    },
    "en": {
        "kind": "Dossier for the {council} and Legal",
        "request": "Request for consent",
        "versions": "From version {old} to version {new}",
        "effective": "Planned effective date", "asks": "Consent requested by",
        "contact": "Contact", "date": "Date of dossier", "fingerprint": "Text fingerprint",
        "summary": "Summary of changes",
        "summary_from": "From the version history (policy.history):",
        "grounds": "Consent required (article 27 WOR)",
        "grounds_intro": "These changes touch subjects on which the {council} has a right of "
                         "consent. This is a first sorting by the topics of the changed pages; "
                         "Legal reviews it.",
        "grounds_none": "None of the changed pages is about monitoring staff, their personal "
                        "data or their working conditions. By their topics, consent under "
                        "article 27 WOR does not seem to be needed; Legal reviews this sorting.",
        "ground": "Ground", "pages": "Changed pages",
        "redline": "Every change in the text",
        "letter": "Request for consent",
        "to": "To the {council} of {organisation}",
        "subject": "Subject: consent to {title}, version {new}",
        "body1": "We submit to you the proposed decision to change {title} from version {old} "
                 "to version {new}, planned to take effect on {effective}.",
        "body2": "Under {articles} we ask for your consent to the changes listed in this dossier "
                 "under ‘Consent required’. The summary and every change in the text are in "
                 "this dossier.",
        "body2_none": "We submit the changes for your information; by the sorting in this "
                      "dossier your consent is not needed. If you see this differently, please "
                      "let us know.",
        "body3": "We would appreciate your decision in writing, on this form. For questions, "
                 "please contact {contact} ({email}).",
        "regards": "Kind regards,",
        "on_behalf": "on behalf of {approver}",
        "decision": "Decision of the {council}",
        "consents": "consents to the proposed decision",
        "conditions": "consents on the following conditions",
        "refuses": "does not consent to the proposed decision",
        "reasons": "Reasons", "place_date": "Place and date",
        "chair": "Signature of the chair", "secretary": "Signature of the secretary",
    },
}

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
    first."""
    start, end = _day(after), _day(until)
    chosen = [e for e in history if start < _day(e["effective_date"]) <= end]
    return sorted(chosen, key=lambda e: _day(e["effective_date"]), reverse=True)


def render_dossier(data: Mapping[str, Any], old: Mapping[str, str], new: Mapping[str, str],
                   changes: Sequence[PageChange], grounds: Sequence[Ground], lang: str,
                   today: dt.date, fingerprint: str = "") -> str:
    """The whole dossier as one HTML document.

    ``data``: the new version's variables; ``old`` / ``new``: ``label`` and
    ``effective_date`` of both versions."""
    labels = LABELS.get(lang, LABELS["en"])
    e = html.escape
    policy = data["policy"]
    council = str(pick(data["works_council"]["name"], lang))
    organisation = str(data["organisation"]["legal_name"])
    title = str(pick(policy["title"], lang))
    approver = str(pick(policy["approved_by"], lang))
    owner = str(pick(policy["owner_role"], lang))
    contact = data["contacts"].get("legal") or next(iter(data["contacts"].values()))
    words = {"council": council, "organisation": organisation, "title": title,
             "old": old["label"], "new": new["label"], "approver": approver,
             "effective": long_date(new["effective_date"], lang),
             "contact": str(pick(contact["name"], lang)), "email": str(contact["email"])}

    def t(key: str, **more: str) -> str:
        return e(labels[key].format(**{**words, **more}))

    touched = grounds_touched(changes, grounds)
    facts = [("asks", f"{approver} ({owner})"), ("effective", words["effective"]),
             ("contact", f"{words['contact']} · {words['email']}"),
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
               f"{render_body(changes, lang, level=3)}</section>")
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


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
