"""The language checks together: spelling, plain language, consistent terms, translations in
step. One function for the build and for ``policykit check-language``: the same findings.

Files (an organisation's are optional and go in ``variables/``):

- word lists: ``hooks/policykit/words/<lang>.txt`` (kit), ``variables/words.<lang>.txt``;
- terms: ``hooks/policykit/terms.yml`` (kit), ``variables/terms.yml``;
- settings: ``checks.spelling.english`` (``en_GB`` or ``en_US``) and
  ``checks.plain_language`` (limits, see :data:`plainlanguage.DEFAULT_LIMITS`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from policykit.cachedir import cache_dir
from policykit.checks import languagecache, plainlanguage, spellcache, spelling, terms, translationsync
from policykit.checks.hunspell import SpellerMissing, find_speller, install_hint
from policykit.findings import Finding
from policykit.report import CheckResult
from policykit.sources.contentdates import (
    ContentHistory,
    history_stamp,
    is_ancestor,
    read_content_history,
)
from policykit.sources.pages import SourcePage
from policykit.sources.prose import prose_lines

if TYPE_CHECKING:
    from policykit.context import BuildContext

KIT_FOLDER = Path(__file__).resolve().parents[1]
CHECKS = ("spelling", "plain-language", "terms", "translations-in-step")
PAGE_CHECKS = ("spelling", "plain-language", "terms")  # depend on the text alone: cached
CACHE_KIND = "language"  # the folder in the kit's cache (policykit.cachedir)
ANSWERS_KIND = "spelling"  # Hunspell's answers per word (policykit.checks.spellcache)


@dataclass
class LanguageReport:
    """What the language checks found; ``advice`` never fails a build."""

    findings: list[Finding] = field(default_factory=list)
    advice: list[Finding] = field(default_factory=list)
    figures: list[plainlanguage.PageFigures] = field(default_factory=list)
    behind: list[translationsync.Behind] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)   # said once, plainly
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    unknown_words: dict[str, list[str]] = field(default_factory=dict)
    spelling_ran: bool = False   # in at least one language
    cached: bool = False         # the page checks' result came from the cache (inputs unchanged)

    def of(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]


# --- in a build: started beside it, collected once --------------------------------------
_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykit-language")


def start(ctx: BuildContext) -> None:
    """Start the enabled language checks of this build beside it (Hunspell and git are other
    processes, so they run while the engine renders pages)."""
    enabled = [c for c in CHECKS if ctx.settings.on(c)]
    if enabled and ctx.language_run is None:
        ctx.language_run = _background.submit(check_language, ctx.project.root, ctx.pages,
                                              ctx.data, dict(os.environ), None, enabled)


def result(ctx: BuildContext) -> LanguageReport:
    """This build's language report (computed now if :func:`start` was not called); the
    first call says what was not checked and records the details in the build report."""
    if ctx.language_run is None:
        start(ctx)
    if ctx.language_run is None:  # every language check is switched off
        return LanguageReport()
    report: LanguageReport = ctx.language_run.result()
    if "language" not in ctx.report.details:
        for message in report.not_checked:
            ctx.emitter.note("spelling", message)
        if report.not_checked and not report.spelling_ran and ctx.settings.on("spelling"):
            ctx.report.checks.setdefault("spelling", CheckResult()).not_checked = \
                report.not_checked[0]
        for message in report.notes:
            ctx.emitter.note("translations-in-step", message)
        if report.advice:
            ctx.emitter.note("plain-language", f"{len(report.advice)} plain-language advice "
                             "item(s), not failing — see the Coverage page or run "
                             "'make check-language'")
        for check, seconds in report.seconds.items():
            ctx.report.add(check, [], seconds)  # the time the check took beside the build
        ctx.report.details["language"] = report_details(report)
    return report


def report_details(report: LanguageReport) -> dict[str, Any]:
    """The language part of ``policykit-report.json``."""
    return {
        "not_checked": report.not_checked, "notes": report.notes,
        "pages": [f.as_dict() for f in report.figures],
        "advice": [{**asdict(f), "text": str(f)} for f in sorted(report.advice)],
        "translations_behind": [
            {"page": b.page.path, "changed": b.changed.day.isoformat(),
             "other": b.newer.path, "other_changed": b.newer_changed.day.isoformat()}
            for b in report.behind],
        "unknown_words": report.unknown_words, "cached": report.cached,
    }


def dictionary_name(language: str, options: Mapping[str, Any]) -> str:
    """The Hunspell dictionary of a page language.

    >>> dictionary_name("en", {}), dictionary_name("en", {"spelling": {"english": "en_US"}})
    ('en_GB', 'en_US')
    """
    if language == "en":
        return str((options.get("spelling") or {}).get("english") or "en_GB")
    return language


def word_list_files(root: Path, language: str) -> list[Path]:
    return [KIT_FOLDER / "words" / f"{language}.txt", Path(root) / "variables" / f"words.{language}.txt"]


def check_language(root: Path, pages: list[SourcePage], variables: Mapping[str, Any],
                   env: Mapping[str, str], only: Iterable[str] | None = None,
                   enabled: Iterable[str] = CHECKS) -> LanguageReport:
    """Run the enabled language checks on ``pages``; ``only`` limits findings to those paths."""
    root = Path(root)
    enabled = set(enabled)
    options = variables.get("checks") or {}
    report = LanguageReport()
    wanted = set(only) if only is not None else None
    checked = [p for p in pages if wanted is None or p.path in wanted]
    page_checks = sorted(enabled & set(PAGE_CHECKS))
    use_cache = wanted is None and _caching(env)
    if page_checks:
        started = time.perf_counter()
        cache = languagecache.Store(cache_dir(env, CACHE_KIND)) if use_cache else None
        key = languagecache.key(checked, page_checks, options, _inputs(root, checked, options, env))
        saved = cache.get(key) if cache else None
        if saved is not None:
            languagecache.restore(saved, report)
            report.cached = True
        else:
            _page_checks(root, checked, page_checks, options, env, report)
            if cache:
                cache.put(key, languagecache.dump(report))
        share = (time.perf_counter() - started) / len(page_checks)
        for check in page_checks:
            if check != "spelling" or report.spelling_ran:
                report.seconds[check] = share
    if "translations-in-step" in enabled:
        t0 = time.perf_counter()
        history = _content_history(root, pages, use_cache, env)
        if history.note:
            report.notes.append(history.note)
        behind, warnings = translationsync.translations_behind(
            pages, history.changes, partial(is_ancestor, root))
        report.behind = [b for b in behind if wanted is None or b.page.path in wanted
                         or b.newer.path in wanted]
        report.findings += [w for w, b in zip(warnings, behind, strict=True) if b in report.behind]
        report.seconds["translations-in-step"] = time.perf_counter() - t0
    return report


def _caching(env: Mapping[str, str]) -> bool:
    """False when ``POLICYKIT_LANGUAGE_CACHE`` is off: every result computed afresh."""
    return env.get("POLICYKIT_LANGUAGE_CACHE", "on").lower() not in ("off", "0")


def _content_history(root: Path, pages: list[SourcePage], use_cache: bool,
                     env: Mapping[str, str]) -> ContentHistory:
    """The pages' last content changes; kept while HEAD and the refs stay the same."""
    wanted = [p.src_uri for p in pages]
    stamp = history_stamp(root / "docs") if use_cache else None
    if stamp is None:
        return read_content_history(root / "docs", wanted)
    cache = languagecache.Store(cache_dir(env, CACHE_KIND))
    key = languagecache.history_key(stamp, wanted)
    saved = cache.get(key)
    if saved is not None:
        return languagecache.restore_history(saved)
    history = read_content_history(root / "docs", wanted)
    cache.put(key, languagecache.dump_history(history))
    return history


def _page_checks(root: Path, checked: list[SourcePage], enabled: list[str],
                 options: Mapping[str, Any], env: Mapping[str, str],
                 report: LanguageReport) -> None:
    """Spelling, plain language and terms: what depends on the pages' text alone."""
    prose = {p.path: prose_lines(p.source) for p in checked}
    if "spelling" in enabled:
        report.spelling_ran = _spelling(root, checked, prose, options, env, report)
    if "plain-language" in enabled:
        limits = plainlanguage.limits_from(options.get("plain_language"))
        for page in checked:
            figures = plainlanguage.page_figures(page.path, page.language, prose[page.path],
                                                 limits["sentence_words"]["advice"])
            report.figures.append(figures)
            blocking, advice = plainlanguage.judge(figures, limits)
            report.findings += blocking
            report.advice += advice
    if "terms" in enabled:
        from_glossary, problems = terms.glossary_terms(checked)
        report.findings += problems
        chosen = terms.read_terms(_yaml(KIT_FOLDER / "terms.yml"), from_glossary,
                                  _yaml(root / "variables" / "terms.yml"))
        for page in checked:
            report.findings += terms.check_terms(page.path, page.language, prose[page.path],
                                                 chosen, "variables/terms.yml")


def _inputs(root: Path, pages: list[SourcePage], options: Mapping[str, Any],
            env: Mapping[str, str]) -> list[Path | str]:
    """Files and facts besides the pages that the page checks' result depends on."""
    inputs: list[Path | str] = [KIT_FOLDER / "terms.yml", root / "variables" / "terms.yml"]
    inputs += [Path(__file__).parent / f"{name}.py" for name in (
        "language", "spelling", "spellcache", "hunspell", "plainlanguage", "terms")]
    inputs.append(KIT_FOLDER / "sources" / "prose.py")
    for language in sorted({p.language for p in pages}):
        inputs += word_list_files(root, language)
        try:
            speller = find_speller(dictionary_name(language, options), env)
            inputs += [speller.dictionary.with_suffix(".dic"), speller.dictionary.with_suffix(".aff")]
        except SpellerMissing as error:
            inputs.append(str(error))
    return inputs


def _spelling(root: Path, pages: list[SourcePage], prose: Mapping[str, list],
              options: Mapping[str, Any], env: Mapping[str, str], report: LanguageReport) -> bool:
    dictionaries: dict[str, spelling.Dictionary] = {}
    missing: list[str] = []
    folder = cache_dir(env, ANSWERS_KIND) if _caching(env) else None
    answers: dict[str, spellcache.Answers] = {}
    for language in sorted({p.language for p in pages}):
        name = dictionary_name(language, options)
        try:
            speller = find_speller(name, env)
        except SpellerMissing:
            missing.append(name)
            continue
        key = spellcache.dictionary_key(speller.program, speller.dictionary)
        known = answers[key] = answers.get(key) or spellcache.load(folder, key)
        dictionaries[language] = spelling.Dictionary(
            partial(known.unknown, ask=speller.unknown), partial(known.suggest, ask=speller.suggest))
    if missing:  # one message for everything that is missing
        languages = ", ".join(sorted({spelling.LANGUAGE_NAMES.get(n[:2], n) for n in missing}))
        report.not_checked.append(
            f"spelling was not checked ({languages}): Hunspell or its dictionaries "
            f"{', '.join(missing)} are not installed — {install_hint(missing)}")
    accepted = {lang: spelling.load_word_lists(word_list_files(root, lang)) for lang in dictionaries}
    texts = [spelling.PageProse(p.path, p.language, prose[p.path]) for p in pages]
    try:
        found = spelling.check_spelling(texts, dictionaries, accepted,
                                        {lang: f"variables/words.{lang}.txt" for lang in dictionaries})
    except SpellerMissing as error:
        report.not_checked.append(f"spelling was not checked: {error}")
        return False
    for key, known in answers.items():
        spellcache.save(folder, key, known)
    report.findings += found
    language_of = {p.path: p.language for p in pages}
    for finding in found:
        language = language_of.get(finding.path, "")
        word = finding.message.split("'")[1]
        report.unknown_words.setdefault(language, [])
        if word not in report.unknown_words[language]:
            report.unknown_words[language].append(word)
    return bool(dictionaries)


def _yaml(path: Path) -> Mapping[str, Any] | None:
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, Mapping) else None
