"""Find variables a page uses that do not exist, with the line they stand on.

Runs before rendering so an editor learns ``docs/x.nl.md:12: unknown variable
'contacts.hr.emial'`` instead of a template traceback.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

from policykit.findings import Finding, did_you_mean
from policykit.sources.frontmatter import front_matter_lines, front_matter_offset


def markdown_line_offset(source: str, markdown: str) -> int:
    """Lines in the file ``source`` above where ``markdown`` (its body as the engine sees it) starts."""
    body = markdown.lstrip("\n")
    head = body.splitlines()[0] if body.strip() else ""
    start = source.find(head, front_matter_offset(source)) if head else -1
    if start < 0:
        return front_matter_lines(source)
    return source.count("\n", 0, start) - (len(markdown) - len(body))



def check_template(markdown: str, known: Mapping[str, Any], page_path: str,
                   line_offset: int = 0, env: Environment | None = None) -> list[Finding]:
    """Unknown names and keys in ``markdown``; ``known`` maps top-level names to their values.

    >>> [str(f) for f in check_template("{{ contacts.hr.emial }}",
    ...                                {"contacts": {"hr": {"email": ""}}}, "docs/p.md", 3)]
    ["docs/p.md:4: unknown variable 'contacts.hr.emial' — did you mean 'contacts.hr.email'?"]
    """
    parsed = parse_page(markdown, page_path, line_offset, env)
    if isinstance(parsed, Finding):
        return [parsed]
    return check_tree(parsed, known, page_path, line_offset)


def parse_page(markdown: str, page_path: str, line_offset: int = 0,
               env: Environment | None = None) -> nodes.Template | Finding:
    """The page's template tree, or the finding of its syntax error at its line. The page
    checks share this one parse (``template_safety.refused_constructs`` reads the tree too).

    >>> found = parse_page("{{ x ", "docs/p.md", 2)
    >>> found.line, found.message
    (3, "template syntax error: unexpected end of template, expected 'end of print statement'.")
    >>> parse_page("{{ x }}", "docs/p.md").body[0].nodes[0].name
    'x'
    """
    try:
        return (env or Environment()).parse(markdown)
    except TemplateSyntaxError as error:
        return Finding(page_path, (error.lineno or 0) + line_offset,
                       f"template syntax error: {error.message}",
                       "check the {{ … }} and {% … %} on this line: every one must be closed",
                       check="macros")


def check_tree(tree: nodes.Template, known: Mapping[str, Any], page_path: str,
               line_offset: int = 0) -> list[Finding]:
    """:func:`check_template` of a page already parsed."""
    local = _locally_defined(tree)
    findings: list[Finding] = []
    for node in outermost_lookups(tree):
        chain = lookup_chain(node)
        if chain is None:
            continue
        name, attrs, lineno = chain
        if name in local:
            continue
        line = lineno + line_offset
        if name not in known:
            findings.append(_unknown(page_path, line, name, known.keys()))
            continue
        value = known[name]
        walked = [name]
        for attr in attrs:
            if isinstance(value, Mapping):
                if attr not in value:
                    findings.append(_unknown(page_path, line, ".".join(walked + [attr]),
                                             [".".join(walked + [k]) for k in value]))
                    break
                value = value[attr]
                walked.append(attr)
            else:
                break
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name not in local \
                and callable(known.get(call.node.name)):
            findings += _call_findings(call, known, page_path, call.lineno + line_offset)
    return findings


# Macros whose first argument is a key of a part of the variables: (part, what a key is).
KEYED_MACROS = {"contact_card": ("contacts", "contact"), "who": ("names", "name"),
                "name_of": ("names", "name")}


def _call_findings(call: nodes.Call, known: Mapping[str, Any], path: str,
                   line: int) -> list[Finding]:
    """A macro called with the wrong arguments, or with a key the variables do not have."""
    name = call.node.name
    try:
        signature = inspect.signature(known[name])
    except (TypeError, ValueError):
        return []  # a built-in without a readable signature
    try:
        signature.bind(*call.args, **{kw.key: kw.value for kw in call.kwargs})
    except TypeError as error:
        return [Finding(path, line, f"{name}(): {error}",
                        f"write it as {_parameters(name, signature)}", check="macros")]
    if name in KEYED_MACROS and call.args and isinstance(call.args[0], nodes.Const):
        part, what = KEYED_MACROS[name]
        keys = known.get(part)
        key = call.args[0].value
        if isinstance(keys, Mapping) and key not in keys:
            fix = did_you_mean(key, keys, f"use one of: {', '.join(str(k) for k in keys)}")
            return [Finding(path, line, f"{name}('{key}'): there is no {what} '{key}' in "
                            f"{part} in variables/company.yml", fix, check="macros")]
    return []


def _parameters(name: str, signature: inspect.Signature) -> str:
    """How to call ``name``: ``{{ contacts_table() }}`` or ``{{ link(url, label) }} (label may
    be left out)``."""
    params = list(signature.parameters.values())
    call = f"{{{{ {name}({', '.join(p.name for p in params)}) }}}}"
    optional = [p.name for p in params if p.default is not inspect.Parameter.empty]
    return call + (f" ({', '.join(optional)} may be left out)" if optional else "")


def _unknown(path: str, line: int, name: str, candidates: Iterable[str]) -> Finding:
    fix = did_you_mean(name, candidates, "check the spelling against variables/company.yml")
    return Finding(path, line, f"unknown variable '{name}'", fix, check="macros")


JINJA_SPECIAL_NAMES = frozenset({"loop", "super", "self", "varargs", "kwargs", "caller"})


def _locally_defined(tree: nodes.Template) -> set[str]:
    names: set[str] = set(JINJA_SPECIAL_NAMES)
    for node in tree.find_all(nodes.Name):
        if node.ctx in ("store", "param"):
            names.add(node.name)
    for macro in tree.find_all(nodes.Macro):
        names.add(macro.name)
    return names


def outermost_lookups(tree: nodes.Node) -> Iterable[nodes.Node]:
    """Name / Getattr / Getitem chains, outermost only (``a.b.c`` once, not ``a.b`` again)."""
    def visit(node: nodes.Node, inside_chain: bool):
        is_lookup = isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Name))
        if is_lookup and not inside_chain:
            yield node
        for child in node.iter_child_nodes():
            chain_child = is_lookup and isinstance(node, (nodes.Getattr, nodes.Getitem)) and \
                child is node.node
            yield from visit(child, chain_child)
    yield from visit(tree, False)


def lookup_chain(node: nodes.Node) -> tuple[str, list[str], int] | None:
    """``a.b['c']`` → ``('a', ['b', 'c'], line)``; None when not a plain constant chain."""
    attrs: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            attrs.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attrs.append(node.arg.value)
        else:
            return None
        node = node.node
    if not isinstance(node, nodes.Name) or node.ctx != "load":
        return None
    return node.name, list(reversed(attrs)), node.lineno
