"""MkDocs hook: check the built site — links, placeholders, privacy — and publish the report.

Adapter only; the work happens in ``policykit.checks.links``, ``policykit.checks.placeholders``,
``policykit.checks.privacy`` and ``policykit.checks.external``.

- ``on_post_page`` (every language): scan the final HTML of each page once and remember
  which Markdown source it came from.
- ``on_post_build`` at priority -200: mkdocs-static-i18n builds the other languages from its
  own ``on_post_build`` (-100), so only now does the complete site exist. Check it, log every
  finding (strict mode then fails the build) and write ``policykit-report.json``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from policykit.checks import (
    active,  # noqa: E402
    external,  # noqa: E402
    links,  # noqa: E402
    placeholders,  # noqa: E402
    privacy,  # noqa: E402
)
from policykit.checks.htmlscan import PageScan, css_urls, loaded_references, scan_html  # noqa: E402
from policykit.findings import Finding  # noqa: E402
from policykit.output.printbook import BOOK_FILE  # noqa: E402
from policykit.project import Project  # noqa: E402
from policykit.report import CURRENT as REPORT  # noqa: E402
from policykit.report import by_place  # noqa: E402
from policykit.settings import CheckSettings, SettingsError, from_environment  # noqa: E402
from policykit.sources.pages import switched_off_pages  # noqa: E402
from policykit.sources.trace import Tracer  # noqa: E402

LOGGERS = {name: logging.getLogger(f"mkdocs.plugins.policykit.{name}")
           for name in ("links", "placeholders", "privacy")}
CACHE_FILE = ".cache/policykit/external-links.json"
BOOK_SOURCE = "hooks/policykit/output/printbook.py"  # what a problem of the print version traces to
_state: dict = {}


def _nested(config) -> bool:
    """True inside the per-language builds that mkdocs-static-i18n runs after the first one."""
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


@event_priority(40)
def on_config(config):
    if _nested(config):
        return config
    project = Project(Path(config.config_file_path).resolve().parent)
    data = project.load_variables().data
    try:
        settings = from_environment(os.environ, data)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    languages = data["languages"]
    off, _ = switched_off_pages(Path(config.docs_dir), data["flags"])  # findings: policy_setup
    shape = links.SiteShape(tuple(f"{lang}/" for lang in languages["published"]
                                  if lang != languages["default"]), off)
    if settings.on("links"):
        # This check reports every broken link with its line and a fix; MkDocs' own messages
        # about the same links would only repeat them without either.
        config.validation.links.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
    _state.clear()
    _state.update(settings=settings, root=project.root, data=data, scans={}, sources={},
                  shape=shape, docs_dir=config.docs_dir, leftovers={},
                  example_values=placeholders.example_values_for(data["organisation"]),
                  scan_seconds=0.0, active={},
                  script_hashes=active.kit_script_hashes(project.root))
    return config


@event_priority(-200)
def on_post_page(output, page, config):
    settings: CheckSettings | None = _state.get("settings")
    if settings is None or not settings.enabled & {"links", "placeholders", "privacy"}:
        return output
    started = time.perf_counter()
    dest = page.file.dest_uri
    _scan(dest, output)
    _state["sources"][dest] = f"docs/{page.file.src_uri}"
    _state["scan_seconds"] += time.perf_counter() - started
    return output


@event_priority(-200)
def on_post_build(config):
    settings: CheckSettings | None = _state.get("settings")
    if _nested(config) or settings is None:
        return
    config.strict = True  # check_sources lifted it for the per-language builds only
    site = Path(config.site_dir)
    REPORT.write(site)  # exists before the link check, which sees the Coverage page's link to it
    if settings.enabled & {"links", "placeholders", "privacy"}:
        _check_site(site, settings)
    REPORT.details["pages_checked"] = len(_state["scans"])
    REPORT.write(site)


def _check_site(site: Path, settings: CheckSettings) -> None:
    started = time.perf_counter()
    scans: dict[str, PageScan] = _state["scans"]
    files: set[str] = set()
    sheets: dict[str, list[str]] = {}
    # The print versions repeat the pages, which are checked themselves: their links are judged
    # only when the pages are clean (a link the book itself breaks is the kit's fault), and
    # their text is not searched for leftovers again.
    books: dict[str, PageScan] = {}
    sources: dict[str, str] = _state["sources"]
    docs = Path(_state["docs_dir"])
    for folder, _dirs, names in os.walk(site):
        rel_folder = os.path.relpath(folder, site).replace(os.sep, "/")
        for name in names:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            files.add(rel)
            if rel not in sources and (docs / rel).is_file():
                sources[rel] = f"docs/{rel}"  # a file copied from docs/, e.g. a style sheet
            if name == BOOK_FILE:
                text = (site / rel).read_text(encoding="utf-8", errors="replace")
                if settings.on("links"):
                    books[rel] = scan_html(text)
                    books[rel].markup = ""
                elif settings.on("privacy"):
                    books[rel] = PageScan(references=loaded_references(text))
                sources.setdefault(rel, BOOK_SOURCE)
            elif name.endswith(".html") and rel not in scans:
                _scan(rel, (site / rel).read_text(encoding="utf-8", errors="replace"))
            elif name.endswith(".css") and settings.on("privacy"):
                sheets[rel] = css_urls((site / rel).read_text(encoding="utf-8", errors="replace"))
    tracer = Tracer.for_project(_state["root"])
    shared = (time.perf_counter() - started) + _state["scan_seconds"]

    if settings.on("links"):
        t0 = time.perf_counter()
        everything = {**scans, **books}
        problems = links.site_problems(everything, files, _state["shape"], only=scans)
        if not problems:
            problems = [replace(p, message=f"{p.message} (in the print version {p.page})")
                        for p in links.site_problems(everything, files, _state["shape"],
                                                     only=books)]
        found = links.trace_problems(problems, sources, tracer)
        found += _external(scans, sources, tracer, settings)
        _log("links", found, time.perf_counter() - t0 + shared, pages=len(everything),
             references=sum(len(s.references) for s in everything.values()))
    if settings.on("privacy"):
        t0 = time.perf_counter()
        problems = privacy.page_problems(scans, settings.allowed_hosts)
        on_pages = {p.url for p in problems}
        problems += [p for p in privacy.page_problems(books, settings.allowed_hosts)
                     if p.url not in on_pages]
        problems += privacy.stylesheet_problems(sheets, settings.allowed_hosts)
        problems += [links.Problem(page, item.text, item.message, item.fix)
                     for page, items in _state["active"].items() for item in items]
        _log("privacy", links.trace_problems(problems, sources, tracer, "privacy"),
             time.perf_counter() - t0, pages=len(scans) + len(books), stylesheets=len(sheets))
    if settings.on("placeholders"):
        t0 = time.perf_counter()
        _log("placeholders", _placeholders(sources, tracer), time.perf_counter() - t0,
             pages=len(scans))


def _external(scans, sources, tracer: Tracer, settings: CheckSettings) -> list[Finding]:
    """Opt-in: fetch links to other websites; one finding when the network is unreachable."""
    urls = {r.url for s in scans.values() for r in s.references
            if r.kind == "link" and r.url.lower().startswith(("http://", "https://"))}
    REPORT.details["external_links"] = {"enabled": settings.external_links, "distinct": len(urls)}
    if not settings.external_links or not urls:
        return []
    result = external.check_urls(urls, allow=settings.external_allow,
                                 cache_file=_state["root"] / CACHE_FILE,
                                 timeout=settings.external_timeout)
    REPORT.details["external_links"].update(checked=result.checked, cached=result.cached,
                                            skipped=result.skipped, broken=len(result.broken))
    if result.network_error:
        return [Finding("(external links)", None, result.network_error,
                        "check the internet connection or proxy, or build without "
                        "POLICYKIT_EXTERNAL_LINKS=1 (external links are not checked then)",
                        check="links")]
    problems = [links.Problem(page, ref.url,
                              f"external link '{ref.url}' does not work "
                              f"({external.describe(result.broken[ref.url])})",
                              "correct the address, or add it to checks.external_allow")
                for page, scan in scans.items() for ref in scan.references
                if ref.kind == "link" and ref.url in result.broken]
    return links.trace_problems(sorted(set(problems), key=lambda p: (p.page, p.url)),
                                sources, tracer)


def _scan(dest: str, html: str) -> None:
    """Scan one page; keep what the link and privacy checks need and the page's leftovers."""
    scan = scan_html(html)
    if _state["settings"].on("privacy"):
        found = active.page_active(html, _state["script_hashes"], _state["settings"].allowed_hosts)
        if found:
            _state["active"][dest] = found
    if _state["settings"].on("placeholders"):
        found = placeholders.page_leftovers(scan, _state["example_values"])
        if found:
            _state["leftovers"][dest] = found
    scan.markup = ""  # a 1,000-page site would otherwise keep all its HTML in memory
    _state["scans"][dest] = scan


def _placeholders(sources, tracer: Tracer) -> list[Finding]:
    findings: dict[tuple, Finding] = {}
    for page, leftovers in _state["leftovers"].items():
        for leftover in leftovers:
            origin = tracer.trace(sources.get(page), [leftover.text])
            key = (origin.path, origin.line, leftover.message)
            if key not in findings:
                where = "" if not origin.shared else f" (shown on {sources.get(page, page)})"
                findings[key] = Finding(origin.path, origin.line, leftover.message + where,
                                        leftover.fix, check="placeholders")
    return list(findings.values())


def _log(check: str, findings: list[Finding], seconds: float, **checked: int) -> None:
    REPORT.add(check, findings, seconds, **checked)
    for finding in sorted(findings, key=by_place):
        LOGGERS[check].warning(str(finding))
