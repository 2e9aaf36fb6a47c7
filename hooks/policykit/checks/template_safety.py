"""Constructs a page template may not use, found before rendering, each at its line.

The sandbox (``policykit.output.sandbox``) refuses the same things while rendering; this
check names them first, with what to write instead: Python internals (``__class__``,
``_private``), MkDocs objects and debugging macros, ``|safe``, includes that are not a plain
name in the snippets folder, loops nested too deep and ranges or repetitions that are too big.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import nodes

from policykit.findings import Finding
from policykit.output.sandbox import (
    INTERNAL_NAMES,
    MAX_RANGE,
    MAX_TEXT,
    REFUSED_FILTERS,
    RENDER_FIX,
    snippet_problem,
)
from policykit.text import short

MAX_LOOP_DEPTH = 2
_INCLUDE_FIX = "include a file of docs/_snippets by its name, e.g. {% include 'note.md' %}"


def refused_constructs(tree: nodes.Template, page_path: str, line_offset: int,
                       snippets: Path, root: Path) -> list[Finding]:
    """Every construct of ``tree`` the sandbox refuses, as findings at the page's lines.

    >>> from jinja2 import Environment
    >>> def refused(markdown):
    ...     tree = Environment().parse(markdown)
    ...     return [f.message for f in refused_constructs(tree, "p.md", 0, Path("s"), Path("."))]
    >>> refused("{{ x.__class__ }}")
    ["not allowed in a page: '__class__' reaches Python internals"]
    >>> refused("{{ policy.title }}")
    []
    """
    found: list[Finding] = []

    def add(node: nodes.Node, message: str, fix: str) -> None:
        found.append(Finding(page_path, (node.lineno or 0) + line_offset,
                             f"not allowed in a page: {message}", fix, check="macros"))

    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else _const(node.arg)
        if isinstance(attr, str) and attr.startswith("_"):
            add(node, f"'{short(attr, 40)}' reaches Python internals", RENDER_FIX)
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name.startswith("_"):
            add(node, f"'{short(node.name, 40)}' is internal", RENDER_FIX)
        elif node.ctx == "load" and node.name in INTERNAL_NAMES:
            add(node, f"'{node.name}' is {INTERNAL_NAMES[node.name]}", RENDER_FIX)
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        if isinstance(node, nodes.Filter) and node.name in REFUSED_FILTERS:
            add(node, f"'|{node.name}': {REFUSED_FILTERS[node.name]}",
                "values are always shown as text; write HTML in the page itself")
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        name = _const(node.template)
        what = type(node).__name__.lower()
        if not isinstance(name, str):
            add(node, f"{what} of a name computed while rendering", _INCLUDE_FIX)
        else:
            problem = snippet_problem(name, snippets, root)
            if problem:
                add(node, f"{what} of {problem}", _INCLUDE_FIX)
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Name) and node.node.name == "range":
            args = [_const(a) for a in node.args]
            if args and all(isinstance(a, int) for a in args):
                try:
                    size = len(range(*args))
                except (ValueError, TypeError):
                    continue
                if size > MAX_RANGE:
                    add(node, f"range() with {size:,} items", f"loop over at most {MAX_RANGE:,} items")
    for node in tree.find_all(nodes.Mul):
        left, right = _const(node.left), _const(node.right)
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, str) and isinstance(count, int) and len(seq) * count > MAX_TEXT:
                add(node, f"'* {short(count, 20)}' repeats a text past {MAX_TEXT:,} characters",
                    "write the text in the page instead of building it")
    for node in tree.find_all(nodes.For):
        depth = _loop_depth(node)
        if depth > MAX_LOOP_DEPTH:
            add(node, f"loops nested {depth} deep", f"nest at most {MAX_LOOP_DEPTH} loops")
    return _once(found)


def _const(node: nodes.Node) -> object:
    """The value of a constant expression node (``'a'``, ``10**10``), else None."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Pow):
        base, exponent = _const(node.left), _const(node.right)
        if isinstance(base, int) and isinstance(exponent, int) and 0 <= exponent <= 64:
            return base ** exponent
    if isinstance(node, nodes.Neg):
        value = _const(node.node)
        return -value if isinstance(value, int) else None
    return None


def _loop_depth(node: nodes.Node) -> int:
    inner = [_loop_depth(child) for child in node.iter_child_nodes()]
    return (1 if isinstance(node, nodes.For) else 0) + max(inner, default=0)


def _once(found: list[Finding]) -> list[Finding]:
    """Each finding once, in page order (a deep loop nest is reported at its outer loops)."""
    return sorted(set(found), key=lambda f: (f.line or 0, f.message))
