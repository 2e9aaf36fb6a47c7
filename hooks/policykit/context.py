"""The build context: what one build knows, read once from the path of its config file.

``BuildContext.load(config_file)`` reads the project, validates the variables, combines the
settings (environment + ``checks:`` in the variables), reads every page's front matter once
and works out which pages a flag switches off. Everything else in a build — the check
registry, the emitter, the Coverage page, the site checks — takes it from here instead of
reading the same files again. It holds the build's report and emitter as well.

The context does not know the engine: the MkDocs/ProperDocs adapters keep one per build
(``hooks/engine.py``), ``policykit check`` makes one per run.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from policykit.checks import coverage, links, placeholders, registry, reviews
from policykit.checks.active import kit_script_hashes
from policykit.checks.builtsite import BuiltSite, SiteCollector
from policykit.checks.sourcefiles import source_file_findings
from policykit.emitter import Emitter, StopBuild
from policykit.findings import Finding, InputError
from policykit.output.editorconfig import BACKEND_ENV, bundle_findings
from policykit.project import Project
from policykit.report import BuildReport
from policykit.settings import CheckSettings, SettingsError, from_environment
from policykit.sources.editing import Editing, editing_from_variables
from policykit.sources.gitdates import History, read_history
from policykit.sources.localtext import (
    LocalText,
    check_local_text,
    read_local_text,
    switched_off_by_organisation,
    waivers_for_switched_off,
    with_replacements,
)
from policykit.sources.pages import SNIPPETS_DIR, PageSet, published_pages, read_pages, switched_off
from policykit.sources.trace import Tracer
from policykit.sources.variables import Variables


@dataclass
class BuildContext:
    """One build: project, variables, settings, pages, switched-off pages, report, emitter."""

    project: Project
    docs_dir: Path
    variables: Variables
    settings: CheckSettings
    page_set: PageSet
    switched_off: dict[str, str]              # base name → the flag that is off
    switch_findings: list[Finding]            # only_if flags the variables do not have
    local: LocalText | None = None            # the organisation's slots, replacements, pages off
    local_findings: list[Finding] = field(default_factory=list)  # ... that do not fit the kit
    report: BuildReport = field(default_factory=BuildReport)
    site: BuiltSite | None = None             # the built site, once the site phase starts
    book_nav: Any = None                      # the navigation of the language being built
    language_run: Any = None                  # the language checks, running beside the build

    @classmethod
    def load(cls, config_file: Path, docs_dir: Path | None = None,
             env: Mapping[str, str] | None = None) -> BuildContext:
        """Read everything once; raises :class:`StopBuild` for unsafe source files (checked
        before anything is read for its content), invalid variables or settings.

        >>> kit = Path(__file__).resolve().parents[2]
        >>> ctx = BuildContext.load(kit / "mkdocs.yml", env={"POLICYKIT_CHECKS": "links"})
        >>> ctx.languages, sorted(ctx.settings.enabled), "policy/us-staff.md" in ctx.switched_off
        (['nl', 'en'], ['links'], True)
        """
        project = Project(Path(config_file).resolve().parent)
        unsafe = source_file_findings(project.root)  # first: links out, encodings, conflicts
        if unsafe:
            raise StopBuild(unsafe, f"{len(unsafe)} source file problem(s):")
        try:
            variables = project.load_variables()
        except InputError as error:
            raise StopBuild(error.findings, f"{project.display(project.variables_path)} has "
                            f"{len(error.findings)} problem(s):") from None
        data = variables.data
        try:
            settings = from_environment(os.environ if env is None else env, data,
                                        registry.switchable())
        except SettingsError as error:
            raise StopBuild([], str(error)) from None
        docs = Path(docs_dir) if docs_dir else project.docs_dir
        page_set = read_pages(docs, data["languages"]["default"])
        local = read_local_text(page_set, data, data["languages"]["default"])
        local_findings = check_local_text(page_set, local, variables.document.key_line)
        page_set = with_replacements(page_set, local)
        off, findings = switched_off(page_set.pages, data["flags"])
        off.update(switched_off_by_organisation(local))
        context = cls(project, docs, variables, settings, page_set, off, findings, local=local,
                      local_findings=local_findings)
        context.report.reset(data["organisation"]["legal_name"], settings.today,
                             sorted(settings.enabled))
        return context

    # --- what the variables say -------------------------------------------------------
    @property
    def data(self) -> dict[str, Any]:
        return self.variables.data

    @property
    def languages(self) -> list[str]:
        """The published languages, as written in the variables."""
        return list(self.data["languages"]["published"])

    @property
    def default_language(self) -> str:
        return self.data["languages"]["default"]

    # --- pages ---------------------------------------------------------------------------
    @cached_property
    def pages(self):
        """The pages of the site: published languages, not switched off, not snippets."""
        return published_pages(self.page_set.pages, self.languages, self.switched_off)

    @cached_property
    def snippets(self) -> list[str]:
        """The texts of ``docs/_snippets/`` (pages may include them)."""
        return [p.source for p in self.page_set.pages
                if p.src_uri.startswith(f"{SNIPPETS_DIR}/")]

    # --- shared by several checks and outputs (computed once) --------------------------
    @cached_property
    def emitter(self) -> Emitter:
        return Emitter(self.report)

    @cached_property
    def coverage(self) -> coverage.Coverage:
        waived = waivers_for_switched_off(self.page_set.pages, self.local, self.pages)
        return coverage.evaluate(coverage.load_kit_topics(), self.pages, self.data,
                                 self.variables.document.key_line, extra_waivers=waived)


    @cached_property
    def reviews(self) -> tuple[list[reviews.ReviewRow], list[Finding]]:
        return reviews.evaluate(self.pages, self.data, self.settings.today,
                                self.variables.document.key_line)

    @cached_property
    def unused_variables(self) -> list[str]:
        used = placeholders.used_variables([p.source for p in self.pages] + self.snippets)
        return placeholders.unused_variables(self.data, used)

    @cached_property
    def collector(self) -> SiteCollector:
        """Gathers the built pages for the site checks."""
        return SiteCollector(self.settings.enabled | {"active"},
                             placeholders.example_values_for(self.data["organisation"]),
                             script_hashes=kit_script_hashes(self.project.root),
                             allowed_hosts=self.settings.allowed_hosts)

    @cached_property
    def site_shape(self) -> links.SiteShape:
        """Language folders and switched-off pages: what explains a missing page."""
        folders = tuple(f"{lang}/" for lang in self.languages if lang != self.default_language)
        return links.SiteShape(folders, self.switched_off)

    @cached_property
    def generated_dir(self) -> Path:
        """A temporary folder for the pages the build generates (removed at exit)."""
        folder = Path(tempfile.mkdtemp(prefix="policykit-generated-"))
        atexit.register(shutil.rmtree, folder, True)
        return folder

    @property
    def editor_backend(self) -> str | None:
        """Decap's local backend (``make editor``, the tests): the editor runs on it."""
        return os.environ.get(BACKEND_ENV, "").strip() or None

    @cached_property
    def editing(self) -> tuple[Editing, list[Finding]]:
        """The repository and web editor settings, with what is wrong with them."""
        editing, findings = editing_from_variables(
            self.data, self.variables.path, self.variables.document.key_line,
            local=bool(self.editor_backend))
        return editing, findings + bundle_findings(editing, self.project.root, self.variables.path,
                                                   self.variables.document.key_line)

    @cached_property
    def page_dates(self) -> History:
        """When each page last changed (one ``git log`` per build)."""
        return read_history(self.docs_dir)

    @cached_property
    def tracer(self) -> Tracer:
        return Tracer.for_project(self.project.root)

    def complete_site(self, site_dir: Path) -> BuiltSite:
        """The built site in ``site_dir`` with the pages collected so far."""
        self.site = self.collector.complete(site_dir, self.docs_dir, self.languages,
                                            self.default_language)
        self.report.details["site_scan_seconds"] = round(self.site.scan_seconds, 4)
        return self.site
