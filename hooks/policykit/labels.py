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
# coverage (the Coverage page), theme (footer and 404 page, via config.extra.policykit), menu
# (navigation); versions for approval: redline, dossier, acknowledgement (the notice), due
# (review reminders); editor (the web editor's forms).
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
            "redline": "Alle wijzigingen ten opzichte van versie {previous}",
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
            "language": "Taal", "language_intro": "Spelling, begrijpelijke taal (B1) en "
            "vertalingen per pagina. Leesbaarheid: Flesch-Douma (Nederlands) of Flesch Reading "
            "Ease (Engels); hoger is makkelijker, 60 of meer is begrijpelijke taal.",
            "lang": "Taal", "sentences": "Zinnen", "avg": "Woorden per zin",
            "long_words": "Lange woorden", "readability": "Leesbaarheid",
            "long_sentences": "Lange zinnen (regel)",
            "advice": "Adviezen (blokkeren de build niet)", "no_advice": "Geen adviezen.",
            "behind": "Vertalingen die achter kunnen lopen",
            "behind_row": "{page}: de andere taal ({other}) veranderde op {other_day}, deze "
            "versie op {day}.", "none_behind": "Alle vertalingen lopen gelijk.",
            "not_checked": "Niet gecontroleerd",
        },
        "theme": {  # overrides/partials/copyright.html (footer) and overrides/404.html
            "version": "versie", "effective": "geldig vanaf", "owner": "eigenaar",
            "print": "printversie", "accessibility": "toegankelijkheid", "not_found": "Pagina niet gevonden",
            "not_found_lead": "Deze pagina bestaat niet, of niet meer. Ga naar de",
            "home": "startpagina", "not_found_tail": "of gebruik de zoekfunctie bovenaan de pagina.",
        },
        # The navigation in mkdocs.yml is written in Dutch and translated there
        # (nav_translations), so the section of docs/local/ is named in Dutch as well.
        "menu": {"local_section": "Van onze organisatie"},
        # The web editor (admin/): labels and hints of its form fields.
        "editor": {
            "title": "Titel", "topics": "Onderwerpen", "owner": "Eigenaar",
            "reviewed": "Laatst nagekeken", "only_if": "Alleen als", "body": "Tekst",
            "topics_hint": "De onderwerpen uit topics.yml die deze pagina behandelt.",
            "owner_hint": "Het contact dat deze pagina inhoudelijk bijhoudt.",
            "reviewed_hint": "De dag waarop de eigenaar de pagina voor het laatst naliep.",
            "only_if_hint": "Meestal leeg; anders de vlag in variables/company.yml die deze "
                            "pagina aanzet.",
            "people": "Contacten, accounts en woordvoerders",
            "wrong_form": "Dit heeft niet de juiste vorm.",
            "editor": "Webeditor",
        },
        "redline": {
            "title": 'Wijzigingen',
            "from": 'van',
            "to": 'naar',
            "version": 'versie',
            "changed": 'Gewijzigd',
            "added": 'Nieuwe pagina',
            "removed": 'Verwijderde pagina',
            "renamed": 'Verplaatst of hernoemd',
            "unchanged": "Ongewijzigde pagina's",
            "none": 'geen',
            "summary": 'Overzicht',
            "was": 'was',
            "legend": ('Ingevoegde tekst is onderstreept en groen, verwijderde tekst is doorgestreept '
                 'en rood.'),
            "no_changes": 'De tekst van deze twee versies is gelijk.',
        },
        "dossier": {
            "kind": 'Dossier voor de {council} en Juridische Zaken',
            "request": 'Verzoek om instemming',
            "versions": 'Van versie {old} naar versie {new}',
            "effective": 'Beoogde ingangsdatum',
            "asks": 'Instemming gevraagd door',
            "contact": 'Contactpersoon',
            "date": 'Datum dossier',
            "fingerprint": 'Vingerafdruk tekst',
            "summary": 'Samenvatting van de wijzigingen',
            "summary_from": 'Uit de versiegeschiedenis (policy.history):',
            "grounds": 'Instemmingsplicht (artikel 27 WOR)',
            "grounds_intro": ('Deze wijzigingen raken onderwerpen waarvoor de {council} instemmingsrecht '
                 'heeft. Dit is een eerste indeling op basis van de onderwerpen van de gewijzigde '
                 "pagina's; Juridische Zaken toetst haar."),
            "grounds_none": ("Geen van de gewijzigde pagina's gaat over toezicht op medewerkers, hun "
                 'persoonsgegevens of hun arbeidsomstandigheden. Op basis van de onderwerpen '
                 'lijkt instemming volgens artikel 27 WOR niet nodig; Juridische Zaken toetst '
                 'deze indeling.'),
            "ground": 'Grond',
            "pages": "Gewijzigde pagina's",
            "redline": 'Alle wijzigingen in de tekst',
            "letter": 'Verzoek om instemming',
            "to": 'Aan de {council} van {organisation}',
            "subject": 'Onderwerp: instemming met {title}, versie {new}',
            "body1": ('Wij leggen u het voorgenomen besluit voor om {title} te wijzigen van versie '
                 '{old} naar versie {new}, met als beoogde ingangsdatum {effective}.'),
            "body2": ('Op grond van {articles} vragen wij uw instemming met de wijzigingen die in dit '
                 'dossier onder ‘Instemmingsplicht’ staan. De samenvatting en alle '
                 'tekstwijzigingen vindt u in dit dossier.'),
            "body2_none": ('Wij leggen u de wijzigingen ter informatie voor; volgens de indeling in dit '
                 'dossier is uw instemming niet nodig. Ziet u dat anders, laat het ons dan weten.'),
            "body3": ('Wij ontvangen uw besluit graag schriftelijk, met dit formulier. Voor vragen '
                 'kunt u terecht bij {contact} ({email}).'),
            "regards": 'Met vriendelijke groet,',
            "on_behalf": 'namens {approver}',
            "decision": 'Besluit van de {council}',
            "consents": 'stemt in met het voorgenomen besluit',
            "conditions": 'stemt in onder de volgende voorwaarden',
            "refuses": 'stemt niet in met het voorgenomen besluit',
            "reasons": 'Toelichting',
            "place_date": 'Plaats en datum',
            "chair": 'Handtekening voorzitter',
            "secretary": 'Handtekening secretaris',
        },
        "acknowledgement": {
            "notice": 'Deze versie vraagt om je bevestiging',
            "detail": 'Versie {version}, geldig vanaf {date} (vingerafdruk {fingerprint}).',
            "link": 'Bevestig dat je deze versie hebt gelezen',
            "no_form": 'Lever de verklaring van kennisname in bij je leidinggevende.',
        },
        "due": {
            "title": 'Reviews die eraan komen: {name}',
            "late": 'te laat',
            "soon": 'binnenkort',
            "invalid": 'geen geldige reviewdatum',
            "policy": 'het hele beleid (policy.next_review)',
            "due": 'uiterlijk',
            "intro": ("Deze pagina's moeten binnen {days} dagen na {today} worden nagekeken (of zijn "
                 'al te laat). Kijk ze na en zet daarna `last_reviewed:` op de datum van de '
                 'review.'),
            "none": 'Er hoeft niets te worden nagekeken.',
            "footer": 'Dit bericht komt van `policykit due`; het wordt elke week bijgewerkt.',
        },
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
            "redline": "Every change since version {previous}",
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
            "language": "Language", "language_intro": "Spelling, plain language (B1) and "
            "translations per page. Readability: Flesch-Douma (Dutch) or Flesch Reading Ease "
            "(English); higher is easier, 60 or more is plain language.",
            "lang": "Language", "sentences": "Sentences", "avg": "Words per sentence",
            "long_words": "Long words", "readability": "Readability",
            "long_sentences": "Long sentences (line)",
            "advice": "Advice (does not fail the build)", "no_advice": "No advice.",
            "behind": "Translations that may be behind",
            "behind_row": "{page}: the other language ({other}) changed on {other_day}, this "
            "version on {day}.", "none_behind": "Every translation is in step.",
            "not_checked": "Not checked",
        },
        "theme": {
            "version": "version", "effective": "in force from", "owner": "owner",
            "print": "print version", "accessibility": "accessibility", "not_found": "Page not found",
            "not_found_lead": "This page does not exist, or no longer exists. Go to the",
            "home": "home page", "not_found_tail": "or use the search at the top of the page.",
        },
        "menu": {"local_section": "From our organisation"},
        "editor": {
            "title": "Title", "topics": "Topics", "owner": "Owner",
            "reviewed": "Last reviewed", "only_if": "Only if", "body": "Text",
            "topics_hint": "The topics of topics.yml this page covers.",
            "owner_hint": "The contact who looks after what this page says.",
            "reviewed_hint": "The day the owner last went through the page.",
            "only_if_hint": "Usually empty; otherwise the flag in variables/company.yml that "
                            "switches this page on.",
            "people": "Contacts, accounts and spokespeople",
            "wrong_form": "This is not in the right form.",
            "editor": "Web editor",
        },
        "redline": {
            "title": 'Changes',
            "from": 'from',
            "to": 'to',
            "version": 'version',
            "changed": 'Changed',
            "added": 'New page',
            "removed": 'Removed page',
            "renamed": 'Moved or renamed',
            "unchanged": 'Unchanged pages',
            "none": 'none',
            "summary": 'Overview',
            "was": 'was',
            "legend": 'Inserted text is underlined and green, deleted text is struck through and red.',
            "no_changes": 'The text of these two versions is the same.',
        },
        "dossier": {
            "kind": 'Dossier for the {council} and Legal',
            "request": 'Request for consent',
            "versions": 'From version {old} to version {new}',
            "effective": 'Planned effective date',
            "asks": 'Consent requested by',
            "contact": 'Contact',
            "date": 'Date of dossier',
            "fingerprint": 'Text fingerprint',
            "summary": 'Summary of changes',
            "summary_from": 'From the version history (policy.history):',
            "grounds": 'Consent required (article 27 WOR)',
            "grounds_intro": ('These changes touch subjects on which the {council} has a right of consent. '
                 'This is a first sorting by the topics of the changed pages; Legal reviews it.'),
            "grounds_none": ('None of the changed pages is about monitoring staff, their personal data or '
                 'their working conditions. By their topics, consent under article 27 WOR does '
                 'not seem to be needed; Legal reviews this sorting.'),
            "ground": 'Ground',
            "pages": 'Changed pages',
            "redline": 'Every change in the text',
            "letter": 'Request for consent',
            "to": 'To the {council} of {organisation}',
            "subject": 'Subject: consent to {title}, version {new}',
            "body1": ('We submit to you the proposed decision to change {title} from version {old} to '
                 'version {new}, planned to take effect on {effective}.'),
            "body2": ('Under {articles} we ask for your consent to the changes listed in this dossier '
                 'under ‘Consent required’. The summary and every change in the text are in this '
                 'dossier.'),
            "body2_none": ('We submit the changes for your information; by the sorting in this dossier your '
                 'consent is not needed. If you see this differently, please let us know.'),
            "body3": ('We would appreciate your decision in writing, on this form. For questions, '
                 'please contact {contact} ({email}).'),
            "regards": 'Kind regards,',
            "on_behalf": 'on behalf of {approver}',
            "decision": 'Decision of the {council}',
            "consents": 'consents to the proposed decision',
            "conditions": 'consents on the following conditions',
            "refuses": 'does not consent to the proposed decision',
            "reasons": 'Reasons',
            "place_date": 'Place and date',
            "chair": 'Signature of the chair',
            "secretary": 'Signature of the secretary',
        },
        "acknowledgement": {
            "notice": 'This version needs your acknowledgement',
            "detail": 'Version {version}, in force from {date} (fingerprint {fingerprint}).',
            "link": 'Confirm that you have read this version',
            "no_form": 'Hand the acknowledgement form to your manager.',
        },
        "due": {
            "title": 'Reviews falling due: {name}',
            "late": 'late',
            "soon": 'due soon',
            "invalid": 'no valid review date',
            "policy": 'the whole policy (policy.next_review)',
            "due": 'due',
            "intro": ('These pages must be reviewed within {days} days from {today} (or are late '
                 'already). Review them, then set `last_reviewed:` to the review date.'),
            "none": 'Nothing needs reviewing.',
            "footer": 'This message comes from `policykit due`; it is updated every week.',
        },
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
