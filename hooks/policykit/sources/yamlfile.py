"""Load YAML while remembering on which line every key and value stands.

Dates stay strings (``2026-09-01``) so that they are validated like any other text, and a
key written twice is reported instead of silently dropping the first value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from policykit.findings import Finding, InputError
from policykit.text import short

Path_ = tuple[Any, ...]


class TextDatesLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver: dates stay ISO strings."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# libyaml (PyYAML's C parser) reads the same YAML some twenty times faster. Its composer
# recurses in C without a limit, so it only gets text whose nesting is known to be shallow;
# on an error the Python parser reads the text again, so messages stay the same.
_FAST = getattr(yaml, "CSafeLoader", None)
C_DEPTH_LIMIT = 1000


class _FastTextDatesLoader(_FAST or TextDatesLoader):  # type: ignore[misc, valid-type]
    """The C parser with TextDatesLoader's resolvers."""


_FastTextDatesLoader.yaml_implicit_resolvers = TextDatesLoader.yaml_implicit_resolvers


def nesting_bound(text: str) -> int:
    r"""An upper bound of the nesting depth of YAML ``text``: a block level needs two columns
    of indentation or an indicator (``- ``, ``? ``, ``: ``) on its line, a flow level a bracket.

    >>> nesting_bound("a:\n  b: [1, {c: 2}]\n- - - x\n")
    11
    """
    lines = text.splitlines() or [""]
    indent = max(len(line) - len(line.lstrip(" ")) for line in lines)
    indicators = max(line.count("- ") + line.count("? ") + line.count(": ") for line in lines)
    return 2 * indent + indicators + text.count("[") + text.count("{") + 2


def _parse(text: str, build: str) -> Any:
    """``yaml.compose`` or ``yaml.load`` (``build``) of ``text``, with libyaml when it is safe."""
    if _FAST is not None and nesting_bound(text) <= C_DEPTH_LIMIT:
        try:
            return getattr(yaml, build)(text, Loader=_FastTextDatesLoader)  # noqa: S506
        except yaml.YAMLError:
            pass  # read again below: the Python parser's message is the one we explain
    return getattr(yaml, build)(text, Loader=TextDatesLoader)  # noqa: S506 (a SafeLoader)


def load_yaml(text: str) -> Any:
    """Plain data from YAML text, dates kept as text; raises ``yaml.YAMLError``.

    >>> load_yaml("day: 2026-09-01\\nn: [1, 2]")
    {'day': '2026-09-01', 'n': [1, 2]}
    """
    return _parse(text, "load")


def _construct(node: yaml.Node) -> Any:
    """The plain data of a composed (and already checked) node tree."""
    loader = TextDatesLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


@dataclass
class YamlDocument:
    """Parsed data plus the 1-based line of every value and key, by path."""

    data: Any
    value_lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)
    # top-level key -> the file it came from, when the data merges several files
    origins: dict[str, str] = field(default_factory=dict)

    def file_of(self, path: Path_, default: str) -> str:
        """The file that holds the value at ``path`` (``default``: the main file)."""
        return self.origins.get(path[0], default) if path else default

    def line_of(self, path: Path_) -> int:
        """Line of the value at ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.value_lines:
                return self.value_lines[path]
            path = path[:-1]
        return self.value_lines.get((), 1)

    def key_line(self, path: Path_) -> int:
        """Line of the key that ends ``path`` (falls back to the value's line)."""
        return self.key_lines.get(tuple(path)) or self.line_of(path)


MAX_NODES = 100_000   # values after aliases are expanded (a "billion laughs" file has 10**9)
MAX_DEPTH = 32        # levels of nesting (the variables file needs 6)
_DEEP_FLOW = re.compile(r"[\[{](?:[^\]}\n]{0,40}?[\[{]){" + str(MAX_DEPTH) + "}")
STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "seq", "map", "merge"))


def parse_yaml(text: str, display_path: str) -> YamlDocument:
    """Parse ``text``; raise :class:`InputError` naming file, line and column on bad input.

    Bounded: aliases may not expand past :data:`MAX_NODES` values, nesting may not pass
    :data:`MAX_DEPTH` levels, and only the standard tags (text, numbers, true/false, lists,
    groups of keys) are read; ``!!python/...`` and other tags are refused with their line.

    >>> document = parse_yaml("a:\\n  b: 2026-09-01\\n", "f.yml")
    >>> document.data, document.key_line(("a", "b"))
    ({'a': {'b': '2026-09-01'}}, 2)
    """
    deep = _DEEP_FLOW.search(text)
    if deep:
        raise InputError([Finding(display_path, text.count("\n", 0, deep.start()) + 1,
                                 f"the values are nested deeper than {MAX_DEPTH} levels",
                                 "write the file with the nesting of the kit's example "
                                 "variables/company.yml", check="variables")])
    try:
        node = _parse(text, "compose")
    except RecursionError:
        raise InputError([Finding(display_path, None, f"the values are nested deeper than "
                                 f"{MAX_DEPTH} levels", "write the file with the nesting of the "
                                 "kit's example variables/company.yml", check="variables")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if error.context:
            problem = f"{error.context}, {problem}"
        unclosed = _unclosed_quote(text, mark.line if mark else len(text.splitlines()))
        if unclosed:
            line, column, quote = unclosed
            raise InputError([Finding(display_path, line, f"YAML syntax error: the {quote} opened "
                                     "here is not closed", f"add the closing {quote} at the end "
                                     "of the value", column=column, check="variables")]) from None
        raise InputError([
            Finding(
                display_path,
                mark.line + 1 if mark else None,
                f"YAML syntax error: {plain_problem(problem)}",
                _yaml_hint(problem),
                column=mark.column + 1 if mark else None,
                check="variables",
            )
        ]) from None
    except yaml.YAMLError as error:  # pragma: no cover - non-marked errors are rare
        raise InputError([Finding(display_path, None, f"YAML error: {error}",
                                 "check the file's indentation and quotes", check="variables")]) from None
    if node is None:
        return YamlDocument(data=None, value_lines={(): 1})
    refused = _unsafe_structure(node, display_path)
    if refused:
        raise InputError(refused)
    document = YamlDocument(data=None)
    duplicates: list[Finding] = []
    _index(node, (), document, duplicates, display_path)
    if duplicates:
        raise InputError(duplicates)
    document.data = _construct(node)
    return document


def _unsafe_structure(root: yaml.Node, display_path: str) -> list[Finding]:
    """Non-standard tags, nesting past MAX_DEPTH, aliases expanding past MAX_NODES."""
    sizes: dict[int, int] = {}
    findings: list[Finding] = []
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    seen: set[int] = set()
    while stack:  # iterative: a 10,000-deep file must not exhaust Python's stack
        node, depth, done = stack.pop()
        line = node.start_mark.line + 1
        if not done:
            if node.tag not in STANDARD_TAGS and not findings:
                tag = short(node.tag.replace("tag:yaml.org,2002:", "!!"), 40)
                findings.append(Finding(display_path, line, f"the tag '{tag}' is not allowed",
                                        "remove the tag and write a plain value (text, number, list)",
                                        check="variables"))
            if depth > MAX_DEPTH:
                return [Finding(display_path, line, f"the values are nested deeper than "
                                f"{MAX_DEPTH} levels", "write the file with the nesting of the "
                                "kit's example variables/company.yml", check="variables")]
            if id(node) in sizes or id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, depth, True))
            for child in _children(node):
                stack.append((child, depth + 1, False))
            continue
        size = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
        sizes[id(node)] = size
        if size > MAX_NODES:
            return [Finding(display_path, line, f"aliases (*name) expand these values to more "
                            f"than {MAX_NODES:,} values", "write the values out, or use fewer "
                            "aliases (&name / *name)", check="variables")]
    return findings


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []



def _index(node: yaml.Node, path: Path_, doc: YamlDocument, duplicates: list[Finding],
           display_path: str) -> None:
    doc.value_lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(Finding(
                    display_path, line,
                    f"key '{short(_dotted(path + (key,)))}' is written twice (first on line {seen[key]})",
                    "keep one of the two and delete the other", check="variables"))
            seen[key] = line
            doc.key_lines[path + (key,)] = line
            _index(value_node, path + (key,), doc, duplicates, display_path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), doc, duplicates, display_path)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


dotted_path = _dotted


def _unclosed_quote(text: str, last_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of a value on lines up to ``last_line`` (0-based) whose quote stays open."""
    for number, line in enumerate(text.splitlines()[: last_line + 1], start=1):
        if line.lstrip().startswith("#"):
            continue
        stripped = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
        value = stripped.lstrip()
        if not value or value[0] not in "\"'":
            continue
        quote = value[0]
        rest = value[1:]
        closed = rest.replace("\\\\", "").replace('\\"', "").find(quote) >= 0 if quote == '"' \
            else rest.replace("''", "").find(quote) >= 0
        if not closed:
            column = line.find(value) + 1
            return number, column, "double quote (\")" if quote == '"' else "single quote (')"
    return None


_PLAIN = (  # the YAML parser's words → what an editor sees in the file
    ("mapping values are not allowed", "a colon (:) inside a value"),
    ("found character '\\t'", "a tab used to indent"),
    ("could not find expected ':'", "a line that is not 'key: value'"),
    ("expected <block end>", "the indentation does not match the lines around it"),
    ("did not find expected key", "the indentation does not match the lines around it"),
    ("did not find expected '-' indicator", "a list item ('- ...') out of line with the others"),
    ("found character that cannot start any token", "a value that starts with a special sign "
     "(@, `, %, * or &)"),
    ("found undefined alias", "a value that starts with *"),
    ("quoted scalar", "a quote that is not closed"),
    ("unexpected end of stream", "a quote or bracket that is not closed"),
)


def plain_problem(problem: str) -> str:
    """The YAML parser's description of a problem in plain words.

    >>> plain_problem("while scanning a simple key, could not find expected ':'")
    "a line that is not 'key: value'"
    """
    for words, plain in _PLAIN:
        if words in problem:
            return plain
    return "this line cannot be read as 'key: value'"


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "put text that contains a colon between quotes, or fix the indentation"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "every line needs the form 'key: value'; check the line above as well"
    if "quoted scalar" in problem or "unexpected end of stream" in problem:
        return "close the quote that was opened"
    if "did not find expected" in problem:
        return "align the indentation with the lines around it"
    return "compare the line with the lines around it and with the comments at the top of the file"
