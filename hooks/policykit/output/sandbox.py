"""The Jinja sandbox pages and snippets render in.

Pages come from pull requests, so a template may reach only the organisation's values and the
kit's macros: no attribute of a Python object that is not plain data, no name starting with
``_``, no value turned into markup (``|safe`` is gone), includes only from the snippets folder
by relative name, and every loop, range, text and call bounded. A refused construct or a
failing expression becomes a :class:`Finding` at the page's line, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, Template, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from policykit.findings import Finding
from policykit.output.templatecache import compile_cached
from policykit.text import short

MAX_RANGE = 1_000          # items a range() may have
MAX_TEXT = 100_000         # characters an expression may build
MAX_NUMBER = 10_000        # largest whole number passed to a filter or macro (widths, counts)
MAX_CALLS = 10_000         # calls of macros and functions while rendering one page
MAX_SECONDS = 10           # rendering one page
MAX_SNIPPET_BYTES = 2_000_000

# What mkdocs-macros and Jinja offer besides the kit's own macros, and why a page cannot use it.
INTERNAL_NAMES = {
    "config": "MkDocs' configuration (it holds the build machine's paths)",
    "extra": "MkDocs' configuration", "plugin": "the macros plugin's configuration",
    "environment": "the build machine's versions", "git": "the repository's git details",
    "page": "MkDocs' page object", "navigation": "MkDocs' navigation object",
    "files": "MkDocs' file list", "macros": "the list of macros", "filters": "the filter list",
    "filters_builtin": "the filter list", "macros_info": "a debugging macro that prints paths",
    "context": "a debugging macro", "now": "the build time (pages would change every build)",
    "fix_url": "an internal helper", "render_file": "an internal helper",
    "cycler": "a Jinja helper object", "joiner": "a Jinja helper object",
    "namespace": "a Jinja helper object (it would let a loop grow text without bound)",
    "lipsum": "a Jinja helper", "dict": "a Jinja helper",
}
REFUSED_FILTERS = {
    "safe": "it would insert a value as HTML",
    "pprint": "it prints Python objects", "attr": "it reads Python attributes",
    "pretty": "a debugging filter", "relative_url": "an internal helper",
}
_DATA = (Mapping, str, int, float, list, tuple, dt.date, LoopContext, Macro)
_STRING_METHODS = {"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip",
                   "startswith", "endswith", "split", "replace", "join", "items", "keys",
                   "values", "get", "count", "index", "isdigit"}
RENDER_FIX = "use only the values of variables/company.yml and the kit's macros"


class TemplateRefused(SecurityError):
    """A construct the sandbox does not run; ``fix`` says what to write instead."""

    def __init__(self, construct: str, fix: str):
        super().__init__(construct)
        self.construct = construct
        self.fix = fix


def snippet_problem(name: object, folder: Path, root: Path) -> str | None:
    """Why ``{% include name %}`` may not load ``name`` from ``folder``; None when it may."""
    if not isinstance(name, str) or not name.strip():
        return "the snippet name is not a text"
    if name.startswith(("/", "\\", "~")) or ":" in name or "\\" in name:
        return f"'{short(name)}' is not a relative name inside docs/_snippets"
    if ".." in Path(name).parts:
        return f"'{short(name)}' climbs out of docs/_snippets with '..'"
    target = folder / name
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"there is no snippet '{short(name)}' in docs/_snippets"
    if not real.is_relative_to(folder.resolve()) or not real.is_relative_to(root.resolve()):
        return f"'{short(name)}' is a symbolic link that leaves the snippets folder"
    if not real.is_file():
        return f"'{short(name)}' is a folder, not a snippet file"
    return None


class SnippetLoader(BaseLoader):
    """Loads ``{% include 'x.md' %}`` from the snippets folder only (see :func:`snippet_problem`)."""

    def __init__(self, folder: Path, root: Path):
        self.folder, self.root = Path(folder), Path(root)

    def get_source(self, environment: Environment, template: str):
        problem = snippet_problem(template, self.folder, self.root)
        if problem:
            raise TemplateRefused(f"include of {problem}",
                                  "include a file of docs/_snippets by its name, e.g. "
                                  "{% include 'note.md' %}")
        path = (self.folder / template).resolve()
        data = path.read_bytes()
        if len(data) > MAX_SNIPPET_BYTES:
            raise TemplateRefused(f"the snippet '{template}' is larger than 2 MB",
                                  "split the snippet into smaller files")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateRefused(f"the snippet '{template}' is not UTF-8 text",
                                  "save the snippet as UTF-8") from None
        mtime = path.stat().st_mtime_ns
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime_ns == mtime


def bounded_range(*args: int) -> range:
    """``range()`` of at most :data:`MAX_RANGE` items.

    >>> len(bounded_range(10))
    10
    >>> bounded_range(10**9)
    Traceback (most recent call last):
    policykit.output.sandbox.TemplateRefused: range() with 1,000,000,000 items
    """
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise TemplateRefused(f"range() with {len(items):,} items",
                              f"loop over at most {MAX_RANGE:,} items")
    return items


def _check_numbers(name: str, args: tuple, kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise TemplateRefused(f"{name}() with the number {short(value, 20)}",
                                  f"use numbers up to {MAX_NUMBER:,}")


def _check_size(result: Any, what: str) -> Any:
    if isinstance(result, (str, list, tuple)) and len(result) > MAX_TEXT:
        raise TemplateRefused(f"{what} makes a text or list longer than {MAX_TEXT:,}",
                              "write the text in the page instead of building it")
    return result


def _bounded_filter(name: str, function: Callable) -> Callable:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(f"|{name}", args[1:], kwargs)
        return _check_size(function(*args, **kwargs), f"|{name}")
    for flag in ("jinja_pass_arg",):
        if hasattr(function, flag):
            setattr(bounded, flag, getattr(function, flag))
    return bounded


class GuardedTemplate(Template):
    """A page template whose failures become findings at the page's line."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env: PageSandbox = self.environment  # type: ignore[assignment]
        env.calls = 0
        try:
            with _deadline(MAX_SECONDS):
                return super().render(*args, **kwargs)
        except Exception as error:  # every failure of a page is reported, never raised
            finding = failure_finding(error, env.page_path, env.line_offset, env.root)
            env.report(finding)
            return "!!! failure\n\n    " + str(Markup.escape(str(finding)))


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the kit's limits (see the module docstring)."""

    template_class = GuardedTemplate
    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, *, snippets: Path, root: Path, **options: Any):
        super().__init__(loader=SnippetLoader(snippets, root), **options)
        self.root = Path(root)
        self.page_path = "(page)"
        self.line_offset = 0
        self.calls = 0
        self.report: Callable[[Finding], None] = lambda finding: None
        self.globals.clear()
        self.globals["range"] = bounded_range
        for name in list(self.filters):
            if name in REFUSED_FILTERS:
                del self.filters[name]
            else:
                self.filters[name] = _bounded_filter(name, self.filters[name])

    def from_string(self, source: str, globals: Mapping[str, Any] | None = None,  # noqa: A002
                    template_class: type[Template] | None = None) -> Template:
        """Jinja's ``from_string``, with the compiled page kept in the template cache (if set)."""
        return (template_class or self.template_class).from_code(
            self, compile_cached(self, source), self.make_globals(globals), None)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value) or not isinstance(obj, _DATA):
            return False
        return not callable(value) or attr in _STRING_METHODS or isinstance(obj, LoopContext)

    def wrap_str_format(self, value: Any) -> None:
        return None  # no str.format / format_map: widths would build texts without bound

    def unsafe_undefined(self, obj: Any, attribute: str):
        raise TemplateRefused(f"'.{short(attribute, 40)}' of {type(obj).__name__}",
                              RENDER_FIX)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise TemplateRefused(f"'** {short(right, 20)}'", "use exponents up to 64")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                        and len(seq) * count > MAX_TEXT:
                    raise TemplateRefused(f"'* {short(count, 20)}' repeats a text or list past "
                                          f"{MAX_TEXT:,} characters",
                                          "write the text in the page instead of building it")
        if operator == "%" and isinstance(left, str):
            widths = "".join(ch if ch.isdigit() else " " for ch in left[:200]).split()
            if "*" in left or any(len(width) > 4 for width in widths):
                raise TemplateRefused("'%' with a width past 9,999", "use smaller widths")
        return _check_size(super().call_binop(context, operator, left, right), f"'{operator}'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.calls += 1
        if __self.calls > MAX_CALLS:
            raise TemplateRefused(f"more than {MAX_CALLS:,} macro calls in one page",
                                  "call macros fewer times (does a macro call itself?)")
        if __obj is not bounded_range:  # range() has its own, clearer limit
            _check_numbers(getattr(__obj, "__name__", "call"), args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs), "a call")


def page_sandbox(existing: Environment, snippets: Path, root: Path) -> PageSandbox:
    """A :class:`PageSandbox` with ``existing``'s delimiters, undefined and finalize, and
    its globals that are not internal (the kit's macros)."""
    options = {key: getattr(existing, key) for key in (
        "block_start_string", "block_end_string", "variable_start_string",
        "variable_end_string", "comment_start_string", "comment_end_string",
        "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
        "keep_trailing_newline", "undefined", "finalize")}
    sandbox = PageSandbox(snippets=snippets, root=root, **options)
    for name, value in existing.globals.items():
        if name not in INTERNAL_NAMES and name != "range" and not name.startswith("_"):
            sandbox.globals[name] = value
    for name, value in existing.filters.items():
        if name not in sandbox.filters and name not in REFUSED_FILTERS:
            sandbox.filters[name] = _bounded_filter(name, value)
    return sandbox


def failure_finding(error: BaseException, page_path: str, line_offset: int,
                    root: Path | None = None) -> Finding:
    """The finding for an expression that failed while a page rendered."""
    path, line = page_path, None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<template>":
            path, line = page_path, (frame.lineno or 0) + line_offset
        elif frame.filename.endswith(".md") and root and frame.filename.startswith(str(root)):
            path, line = Path(frame.filename).relative_to(root).as_posix(), frame.lineno
    if isinstance(error, TemplateRefused):
        message, fix = f"not allowed in a page: {error.construct}", error.fix
    elif isinstance(error, SecurityError):
        message, fix = f"not allowed in a page: {short(error)}", RENDER_FIX
    elif isinstance(error, UndefinedError):
        message, fix = f"unknown value: {short(error)}", RENDER_FIX
    elif isinstance(error, TemplateSyntaxError):
        message, fix = (f"template syntax error: {short(error.message)}",
                        "check the {{ … }} and {% … %} on this line")
        line = line or error.lineno
    elif isinstance(error, TemplateNotFound):
        message, fix = f"no snippet '{short(error)}'", "include a file of docs/_snippets"
    elif isinstance(error, ZeroDivisionError):
        message, fix = "division by zero", "divide by a number that is not 0"
    elif isinstance(error, RecursionError):
        message, fix = "a macro calls itself without end", "stop the recursion"
    elif isinstance(error, TimeoutError):
        message, fix = (f"the page took longer than {MAX_SECONDS} s to render",
                        "loop over fewer items")
    else:
        message = f"the expression failed ({type(error).__name__}: {short(error)})"
        fix = "check the values and macros used on this line"
    return Finding(path, line, message, fix, check="macros")


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Stop a render running past ``seconds`` (main thread only; elsewhere unbounded in time,
    but still bounded in calls, ranges and sizes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError("render deadline")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
