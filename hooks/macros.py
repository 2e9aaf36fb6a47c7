"""mkdocs-macros module: the organisation's variables and helper macros for policy pages.

Adapter only; values and HTML come from ``policykit``. Pages write ``{{ policy.version }}``,
``{{ contact_card('hr') }}`` and so on. Every value is shown as literal text: HTML or
template code inside a value is never executed.

Per-language texts (``nl:`` / ``en:`` in the variables file) appear in the page's language.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine  # noqa: E402
from markupsafe import Markup  # noqa: E402
from policykit.accessibility import statement  # noqa: E402
from policykit.checks.citations import cited_ids  # noqa: E402
from policykit.checks.placeholders import is_kit_example  # noqa: E402
from policykit.checks.registry import PageTemplate, RenderedPage  # noqa: E402
from policykit.checks.templates import markdown_line_offset  # noqa: E402
from policykit.dates import long_date  # noqa: E402
from policykit.findings import format_findings  # noqa: E402
from policykit.lifecycle.redlines import redline_href  # noqa: E402
from policykit.names import name_in, name_values  # noqa: E402
from policykit.output import citations, insertions, render  # noqa: E402
from policykit.output.changelog import history_table  # noqa: E402
from policykit.output.sandbox import INTERNAL_NAMES, PageSandbox, page_sandbox  # noqa: E402
from policykit.output.templatecache import template_cache  # noqa: E402
from policykit.sector import kind_of, sector_words  # noqa: E402
from policykit.sources.legalsources import load_legal_sources  # noqa: E402
from policykit.sources.localtext import insert_slots, slot_names, unlink_pages  # noqa: E402
from policykit.sources.pages import base_name  # noqa: E402
from policykit.text import language_of, literal, localize, pick  # noqa: E402


def define_env(env):
    """Register variables and macros (called once by mkdocs-macros)."""
    raw = _context(env).data
    default = raw["languages"]["default"]

    def lang() -> str:
        """The language of the page being rendered."""
        return page_language(env, default) if env.page is not None else default

    def text(value) -> str:
        """Pick the page language's version of a per-language value."""
        return pick(value, lang(), default)

    @env.macro
    def contact_card(key: str) -> Markup:
        """A contact card for one key of ``contacts`` (e.g. ``'hr'``)."""
        return render.contact_card(raw["contacts"][key], lang(), key)

    sector = sector_words(raw)
    names = name_values(raw)

    @env.macro
    def who(key: str) -> Markup:
        """A name in running text, with its article: ``{{ who('hr') }}`` → "het HR-servicepunt"."""
        return insertions.mark_name(literal(name_in(names[key], lang(), default).in_sentence()))

    @env.macro
    def name_of(key: str) -> str:
        """A name on its own, as in a table cell or heading: "HR-servicepunt"."""
        return name_in(names[key], lang(), default).display()

    @env.macro
    def contacts_table() -> Markup:
        return render.contacts_table(raw["contacts"], lang())

    @env.macro
    def accounts_table() -> Markup:
        return render.accounts_table(raw["accounts"], lang())

    @env.macro
    def spokespeople_table() -> Markup:
        return render.spokespeople_table(raw["spokespeople"], lang())

    @env.macro
    def related_policies_list() -> Markup:
        """Links to the organisation's related policies."""
        return render.link_list(raw["related_policies"], lang())

    @env.macro
    def policy_history() -> Markup:
        """Every version with the days it was in force and what changed (``policy.history``)."""
        url = env.page.url if env.page is not None else ""
        return history_table(raw["policy"], lang(), lambda old, new: redline_href(
            engine.context(env.conf).project.root, url, old, new, lang()))

    @env.macro
    def date(value) -> str:
        """A date written out in the page language: ``{{ date(policy.effective_date) }}``."""
        return long_date(value, lang())

    @env.macro
    def mailto(email: str) -> Markup:
        return render.mailto(email)

    @env.macro
    def tel(phone: str) -> Markup:
        return render.tel(phone)

    @env.macro
    def link(url: str, label: str | None = None) -> Markup:
        return render.link(url, label)

    @env.macro
    def tags() -> str:
        """The disclosure tags of the page language, separated by spaces."""
        return " ".join(raw["disclosure"]["tags"].get(lang()) or [])

    legal = load_legal_sources().sources
    used = {ident for page in _context(env).pages for _, ident in cited_ids(page.source)}

    @env.macro
    def cite(source_id: str) -> Markup:
        """A link to a legal source of hooks/policykit/legal_sources.yml: ``{{ cite('bw-7-611') }}``."""
        return citations.cite(legal.get(source_id), source_id, lang(), env.page.file.src_uri)

    @env.macro
    def review_trigger(source_id: str) -> Markup:
        """The pending change of a source and the day to look again, in the page language."""
        return citations.review_trigger(legal.get(source_id), source_id, lang())

    @env.macro
    def sources_table() -> Markup:
        """Every legal source the published pages cite, for the Sources page."""
        return citations.sources_table([s for s in legal.values() if s.id in used], lang())

    env.macro(text, "t")
    env.variables["raw"] = raw
    env.variables["names"] = {key: key for key in names}
    # The kit's "have it reviewed" notice: only in the kit's example and while a policy is a draft.
    env.variables["kit_notice"] = bool(raw["policy"]["draft"]) or is_kit_example(raw["organisation"])
    env.variables["accessibility"] = statement(raw)
    env.variables["_policykit_sector"] = sector
    env.variables["sector"] = _sector_values(sector, kind_of(raw), default, default)
    env.variables["lang"] = default
    env.variables.update(localize(raw, default, default))


def on_pre_page_macros(env):
    """Switch values to the page's language; report unknown variables with their line."""
    page = env.page
    _sandbox(env, f"docs/{page.file.src_uri}")
    env.env.finalize = _insert_as_text  # every {{ value }} as text, never markup, marked for checks
    raw = env.variables["raw"]
    default = raw["languages"]["default"]
    current = page_language(env, default)
    env.variables["lang"] = current
    env.variables.update(localize(raw, current, default))
    env.variables["accessibility"] = localize(statement(raw), current, default)
    env.variables["sector"] = _sector_values(env.variables["_policykit_sector"], kind_of(raw),
                                             current, default)

    source_path = Path(page.file.abs_src_path)
    try:
        offset = markdown_line_offset(source_path.read_text(encoding="utf-8"), env.markdown)
    except OSError:
        offset = 0
    env.env.line_offset = offset
    known = dict(env.variables)
    known.update(env.macros)
    known.update(env.env.globals)
    known.update(env.filters)
    known.update(page.meta or {})
    env.variables["_policykit_source"] = (env.markdown, offset)
    findings = engine.run_phase(_context(env), "page", PageTemplate(
        f"docs/{page.file.src_uri}", env.markdown, known, offset, env.env))
    if findings:
        # Keep the page renderable so every page's problems are reported in one run.
        env.markdown = "!!! failure\n\n    " + literal(format_findings(findings))
    else:
        env.markdown = insertions.number_lines(env.markdown)


def on_post_page_macros(env):
    """Capitalise names that start a sentence; check the page with its values inserted."""
    source, offset = env.variables["_policykit_source"]
    rendered = insertions.finish(env.markdown, offset)
    env.markdown = _with_slots(env, rendered.text)
    if env.page.title:
        env.page.title = insertions.finish(env.page.title).text  # a title starts with a capital
    engine.run_phase(_context(env), "rendered", RenderedPage(
        f"docs/{env.page.file.src_uri}", source, offset + 1, rendered.lines, rendered.insertions))


def _with_slots(env, markdown: str) -> str:
    """The page with the organisation's text in its slots (``docs/local/_slots/``, ``local.slots``)."""
    local = _context(env).local
    src_uri = env.page.file.src_uri
    if local is None or src_uri.startswith("local/"):
        return markdown
    markdown = unlink_pages(markdown, src_uri, local.off)
    lang = env.variables["lang"]
    texts = []
    for name in slot_names(base_name(src_uri)):
        found = local.slot(name, lang)
        texts.append(None if found is None else
                     found[0] if found[1] else str(literal(found[0])))  # a value is plain text
    return insert_slots(markdown, *texts)


def _sector_values(sector, kind: str, lang: str, default: str) -> dict[str, str]:
    """``{{ sector.served }}`` and friends in ``lang``: text that gets a capital at a sentence start
    (the governing body is a name: ``{{ who('governing_body') }}``); ``sector.kind`` is the kind
    of organisation, ``company`` when none is given (``{% if sector.kind == "company" %}``)."""
    words = {word: insertions.mark_name(literal(pick(text, lang, default)))
             for word, text in sector.items() if word != "governing_body"}
    return {**words, "kind": kind}


def _insert_as_text(value) -> Markup:
    """Every ``{{ value }}`` is inserted as text, never as markup, and marked for the checks."""
    if isinstance(value, Markup):
        return value
    return insertions.mark_value(literal(value))


def _sandbox(env, page_path: str) -> None:
    """Render pages in the kit's Jinja sandbox: only values and the kit's macros reachable."""
    if not isinstance(env.env, PageSandbox):
        for name in set(INTERNAL_NAMES) - {"page"}:  # mkdocs-macros reads page.meta itself
            env.variables.pop(name, None)
            env.macros.pop(name, None)
        root = Path(env.project_dir)
        env._env = page_sandbox(env.env, root / env.config["include_dir"], root)
        env.env.bytecode_cache = template_cache(_context(env).settings.cache)  # compiled pages
        emitter = _context(env).emitter
        env.env.report = lambda finding: emitter.emit("macros", [finding])
    env.env.page_path = page_path


def _context(env):
    return engine.context(env.conf, Path(env.project_dir) / "mkdocs.yml")


def page_language(env, default: str) -> str:
    """The language of the page being rendered: its suffix, else the language being built."""
    i18n = (getattr(env.conf, "plugins", None) or {}).get("i18n")
    return language_of(env.page.file.src_uri, getattr(i18n, "current_language", None) or default)
