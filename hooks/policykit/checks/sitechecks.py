"""The site checks on a :class:`~policykit.checks.builtsite.BuiltSite`: links, privacy, leftovers.

Each function turns what the scanners found into findings at the source line an editor has
to change (see :mod:`policykit.sources.trace`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from policykit.cachedir import cache_dir
from policykit.checks import external, links, privacy
from policykit.checks.builtsite import BuiltSite
from policykit.findings import Finding
from policykit.settings import CheckSettings
from policykit.sources.trace import Tracer

CACHE_KIND = "external-links"  # <kit cache>/external-links/links.json (policykit.cachedir)


def link_findings(site: BuiltSite, shape: links.SiteShape, tracer: Tracer) -> list[Finding]:
    """Broken internal links of the pages; of the print versions only while the pages are clean
    (a link the print version itself breaks is the kit's fault).

    >>> from policykit.checks.htmlscan import scan_html
    >>> site = BuiltSite(Path("."), scans={"a.html": scan_html('<a href="b.html">b</a>')},
    ...                  files={"a.html"}, sources={"a.html": "docs/a.md"})
    >>> [f.message for f in link_findings(site, links.SiteShape(), Tracer(Path("/nonexistent")))]
    ["broken link 'b.html': 'b.html' does not exist in the built site"]
    """
    everything = {**site.scans, **site.books}
    problems = links.site_problems(everything, site.files, shape, only=site.scans)
    if not problems:
        problems = [replace(p, message=f"{p.message} (in the print version {p.page})")
                    for p in links.site_problems(everything, site.files, shape, only=site.books)]
    return links.trace_problems(problems, site.sources, tracer)


def _links_cache(settings: CheckSettings) -> Path | None:
    """When each address last worked, kept per machine (a fact about the web, not the repo)."""
    folder = cache_dir(settings.cache, CACHE_KIND)
    return folder / "links.json" if folder is not None else None


def external_findings(site: BuiltSite, tracer: Tracer, settings: CheckSettings,
                      details: dict[str, Any]) -> list[Finding]:
    """Opt-in: fetch links to other websites; one finding when the network is unreachable.
    What was fetched goes into ``details["external_links"]`` of the report."""
    urls = {r.url for s in site.scans.values() for r in s.references
            if r.kind == "link" and r.url.lower().startswith(("http://", "https://"))}
    details["external_links"] = {"enabled": settings.external_links, "distinct": len(urls)}
    if not settings.external_links or not urls:
        return []
    result = external.check_urls(urls, allow=settings.external_allow,
                                 cache_file=_links_cache(settings),
                                 timeout=settings.external_timeout)
    details["external_links"].update(checked=result.checked, cached=result.cached,
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
                for page, scan in site.scans.items() for ref in scan.references
                if ref.kind == "link" and ref.url in result.broken]
    return links.trace_problems(sorted(set(problems), key=lambda p: (p.page, p.url)),
                                site.sources, tracer)


def privacy_findings(site: BuiltSite, allowed_hosts: Sequence[str],
                     tracer: Tracer) -> list[Finding]:
    """Everything a page, print version or style sheet loads from another host."""
    problems = privacy.page_problems(site.scans, allowed_hosts)
    on_pages = {p.url for p in problems}
    problems += [p for p in privacy.page_problems(site.books, allowed_hosts)
                 if p.url not in on_pages]
    problems += privacy.stylesheet_problems(site.sheets, allowed_hosts)
    return links.trace_problems(problems, site.sources, tracer, "privacy")


def active_findings(site: BuiltSite, tracer: Tracer) -> list[Finding]:
    """Active content of the pages (scripts, event attributes, ...), at its source line."""
    problems = [links.Problem(page, item.text, item.message, item.fix)
                for page, items in site.active.items() for item in items]
    return links.trace_problems(problems, site.sources, tracer, "active")


def placeholder_findings(site: BuiltSite, tracer: Tracer) -> list[Finding]:
    """Leftovers (template code, TODO, example values) at their source line, once per place."""
    findings: dict[tuple, Finding] = {}
    for page, leftovers in site.leftovers.items():
        for leftover in leftovers:
            origin = tracer.trace(site.sources.get(page), [leftover.text])
            key = (origin.path, origin.line, leftover.message)
            if key not in findings:
                where = "" if not origin.shared else \
                    f" (shown on {site.sources.get(page, page)})"
                findings[key] = Finding(origin.path, origin.line, leftover.message + where,
                                        leftover.fix, check="placeholders")
    return list(findings.values())
