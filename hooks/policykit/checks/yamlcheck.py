"""``python -m policykit.checks.yamlcheck FILE...``: YAML files parse and no key is written twice.

Used by the pre-commit configuration. Only the structure is read (no values are built), so
files with MkDocs tags such as ``!ENV`` or ``!!python/name:`` are checked too.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from policykit.findings import Finding, format_findings


def check_yaml(text: str, path: str) -> list[Finding]:
    """Syntax errors and repeated keys in ``text`` (all documents of the file).

    >>> [str(f) for f in check_yaml("a: 1\\na: 2\\n", "f.yml")]
    ["f.yml:2: key 'a' is written twice (first on line 1) — keep one of the two and delete the other"]
    """
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return [Finding(path, mark.line + 1 if mark else None,
                        f"YAML syntax error: {error.problem or error}",
                        "check the indentation and close every quote and bracket",
                        column=mark.column + 1 if mark else None, check="yaml")]
    findings: list[Finding] = []
    for node in documents:
        if node is not None:
            findings.extend(_repeated_keys(node, path))
    return findings


def _repeated_keys(node: yaml.Node, path: str) -> list[Finding]:
    findings: list[Finding] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                if key.value in first:
                    findings.append(Finding(
                        path, line, f"key '{key.value}' is written twice (first on line "
                        f"{first[key.value]})", "keep one of the two and delete the other",
                        check="yaml"))
                first.setdefault(key.value, line)
            findings.extend(_repeated_keys(value, path))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            findings.extend(_repeated_keys(item, path))
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    """Check every file named; print findings and return 1 when there are any."""
    findings: list[Finding] = []
    for name in argv if argv is not None else sys.argv[1:]:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            findings.append(Finding(name, None, f"cannot read the file ({error})",
                                    "save it as UTF-8 text", check="yaml"))
            continue
        findings.extend(check_yaml(text, name))
    if findings:
        print(format_findings(findings), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
