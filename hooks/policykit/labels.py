"""Every interface word the kit writes into the site, per language, in one table.

Messages to editors (findings) are English and live in the checks; the words a *reader* sees
(table headings, the cover of the print version, the Coverage page, "Last changed") live here.
A new language is one more block; a new word goes in the block of its area in every language.

>>> words("contacts", "en")["phone"], words("contacts", "xx")["phone"]
('Phone', 'Phone')
>>> sorted(LABELS["nl"]) == sorted(LABELS["en"])
True
"""

from __future__ import annotations

from collections.abc import Mapping

# Language codes → area → key → word. Areas: contacts (macros' HTML snippets), book (print
# version), history (version table), sources (citations, Sources page), dates (page footer),
# coverage (the Coverage page), menu (navigation).
LABELS: dict[str, dict[str, dict[str, str]]] = {
    "nl": {
        "contacts": {
            "email": "E-mail", "phone": "Telefoon", "hours": "Bereikbaar",
            "platform": "Platform", "handle": "Account", "team": "Beheerd door",
            "contact": "Contact", "name": "Naam", "role": "Functie", "topics": "Spreekt over",
            "none": "Geen officiële accounts geregistreerd.",
            "generated": "Gegenereerd uit variables/company.yml",
        },
        "book": {
            "version": "Versie", "effective": "Geldig vanaf", "approved": "Vastgesteld door",
            "on": "op", "owner": "Eigenaar", "contents": "Inhoud",
            "draft": "CONCEPT — nog niet vastgesteld, geldt nog niet",
            "current": "Dit is een afdruk. De geldende versie staat op",
            "printed": "Afdrukversie",
        },
        "history": {
            "version": "Versie", "from": "Geldig vanaf", "until": "Geldig tot en met",
            "changes": "Wat is er veranderd", "current": "huidige versie",
            "open": "—", "none": "Er is nog geen versiegeschiedenis vastgelegd.",
        },
        "sources": {
            "source": "Bron", "text": "Officiële tekst", "verified": "Gecontroleerd",
            "watch": "Let op", "by": "uiterlijk {date}", "none": "—",
            "trigger": "Moment om deze pagina opnieuw te bekijken:",
            "unknown": "[onbekende bron '{id}']",
        },
        "dates": {"changed": "Laatst gewijzigd", "before": "op of vóór"},
        "coverage": {
            "title": "Dekking en reviews",
            "intro": "Deze pagina wordt bij elke build gemaakt uit de pagina's, "
                     "`hooks/policykit/topics.yml` en `variables/company.yml`. Pas haar niet aan.",
            "topics": "Onderwerpen", "topic": "Onderwerp", "status": "Status",
            "covered": "gedekt", "missing": "ONTBREEKT", "waived": "vrijgesteld",
            "na": "niet van toepassing", "flag": "vlag `{flag}` staat uit",
            "org": "eigen onderwerp", "waivers": "Vrijstellingen", "reason": "Reden",
            "no_waivers": "Geen vrijstellingen.", "reviews": "Reviews",
            "page": "Pagina", "owner": "Eigenaar", "reviewed": "Laatste review",
            "due": "Volgende review",
            "ok": "op tijd", "due_grace": "te laat (waarschuwing)", "overdue": "TE LAAT",
            "invalid": "ONGELDIG",
            "policy": "Het hele beleid moet uiterlijk {date} opnieuw worden beoordeeld ({status}).",
            "unused": "Niet gebruikte variabelen",
            "unused_intro": "Deze waarden uit `variables/company.yml` staan op geen enkele pagina:",
            "none_unused": "Elke variabele wordt gebruikt.",
            "summary": "{covered} van {required} verplichte onderwerpen gedekt in {langs}; "
                       "{waived} vrijgesteld; {na} niet van toepassing.",
            "checked": "Beoordeeld op {date}.",
            "report": "Alles wat de build controleerde, staat in {link}.",
        },
        # The navigation in mkdocs.yml is written in Dutch and translated there
        # (nav_translations), so the section of docs/local/ is named in Dutch as well.
        "menu": {"local_section": "Van onze organisatie"},
    },
    "en": {
        "contacts": {
            "email": "E-mail", "phone": "Phone", "hours": "Available",
            "platform": "Platform", "handle": "Account", "team": "Run by",
            "contact": "Contact", "name": "Name", "role": "Role", "topics": "Speaks about",
            "none": "No official accounts registered.",
            "generated": "Generated from variables/company.yml",
        },
        "book": {
            "version": "Version", "effective": "In force from", "approved": "Approved by",
            "on": "on", "owner": "Owner", "contents": "Contents",
            "draft": "DRAFT — not adopted yet, does not apply",
            "current": "This is a printed copy. The version in force is on",
            "printed": "Print version",
        },
        "history": {
            "version": "Version", "from": "In force from", "until": "In force until",
            "changes": "What changed", "current": "current version",
            "open": "—", "none": "No version history has been recorded yet.",
        },
        "sources": {
            "source": "Source", "text": "Official text", "verified": "Verified",
            "watch": "Watch", "by": "by {date}", "none": "—",
            "trigger": "When to review this page again:",
            "unknown": "[unknown source '{id}']",
        },
        "dates": {"changed": "Last changed", "before": "on or before"},
        "coverage": {
            "title": "Coverage and reviews",
            "intro": "This page is generated on every build from the pages, "
                     "`hooks/policykit/topics.yml` and `variables/company.yml`. Do not edit it.",
            "topics": "Topics", "topic": "Topic", "status": "Status",
            "covered": "covered", "missing": "MISSING", "waived": "waived",
            "na": "not applicable", "flag": "flag `{flag}` is off",
            "org": "own topic", "waivers": "Waivers", "reason": "Reason",
            "no_waivers": "No waivers.", "reviews": "Reviews",
            "page": "Page", "owner": "Owner", "reviewed": "Last review", "due": "Next review",
            "ok": "on time", "due_grace": "late (warning)", "overdue": "OVERDUE",
            "invalid": "INVALID",
            "policy": "The whole policy is due for review by {date} ({status}).",
            "unused": "Unused variables",
            "unused_intro": "These values of `variables/company.yml` appear on no page:",
            "none_unused": "Every variable is used.",
            "summary": "{covered} of {required} required topics covered in {langs}; "
                       "{waived} waived; {na} not applicable.",
            "checked": "Checked on {date}.",
            "report": "Everything the build checked is listed in {link}.",
        },
        "menu": {"local_section": "From our organisation"},
    },
}

LANGUAGES: tuple[str, ...] = tuple(LABELS)  # the languages the kit can publish, in this order
FALLBACK = "en"
# Language names inside messages to editors (which are English).
LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}
# Babel locale per language: how dates are written out (en: 1 September 2026, day first).
LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def words(area: str, lang: str) -> Mapping[str, str]:
    """The words of ``area`` in ``lang`` (English for a language the kit does not know)."""
    return LABELS.get(lang, LABELS[FALLBACK])[area]


def word(area: str, key: str, lang: str) -> str:
    """One interface word: ``word("contacts", "phone", "nl")`` → ``Telefoon``."""
    return words(area, lang)[key]
