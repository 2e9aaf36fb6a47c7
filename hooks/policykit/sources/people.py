"""The web editor's own data file, ``variables/editor/people.yml``: contacts, accounts, spokespeople.

The web editor (Decap CMS) rewrites a YAML file as a whole and drops its comments. The
comments that document ``variables/company.yml`` must survive, so the editor never writes that
file: the three parts people change most, edited as forms, move to ``variables/editor/people.yml``
(``policykit editor-data`` moves them once). The variables loader merges that file in; the
documentation of its fields lives in ``company.schema.json``, whose descriptions the web
editor shows as field hints and text editors show on hover.
"""

from __future__ import annotations

import re

from policykit.findings import Finding
from policykit.sources.yamlfile import YamlDocument

PEOPLE_FILE = "variables/editor/people.yml"   # a folder of its own: Decap edits a folder
PEOPLE_KEYS = ("contacts", "accounts", "spokespeople")


def merge_people(main: YamlDocument, people: YamlDocument, main_path: str,
                 people_path: str) -> tuple[YamlDocument, list[Finding]]:
    """``main`` with the parts of ``people`` merged in, each remembering its file and lines."""
    data = people.data if people.data is not None else {}
    if not isinstance(data, dict):
        return main, [Finding(people_path, 1, "the file holds no keys",
                              f"write {', '.join(PEOPLE_KEYS)} at the top level", check="variables")]
    findings: list[Finding] = []
    for key in data:
        if key not in PEOPLE_KEYS:
            findings.append(Finding(people_path, people.key_line((key,)), f"{key}: unknown key",
                                    f"only {', '.join(PEOPLE_KEYS)} belong here; move it to "
                                    f"{main_path}", check="variables"))
        elif key in main.data:
            findings.append(Finding(people_path, people.key_line((key,)),
                                    f"{key}: is in this file and in {main_path} "
                                    f"(line {main.key_line((key,))})",
                                    f"keep one: delete the part '{key}:' from {main_path}",
                                    check="variables"))
    if findings:
        return main, findings
    merged = YamlDocument(data={**main.data, **data},
                          value_lines=dict(main.value_lines), key_lines=dict(main.key_lines),
                          origins=dict(main.origins))
    for lines, extra in ((merged.value_lines, people.value_lines),
                         (merged.key_lines, people.key_lines)):
        lines.update({path: line for path, line in extra.items() if path})
    merged.origins.update({key: people_path for key in data})
    return merged, []


POINTER = (f"# --- Contacts, official accounts, spokespeople: in {PEOPLE_FILE} -------------\n"
           "# The web editor edits them as forms; company.schema.json documents every field.\n\n")
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def split_people(text: str) -> tuple[str, str]:
    r"""``(company_text, people_text)``: the parts ``PEOPLE_KEYS`` cut out of the text of
    company.yml with their comments, the rest of the file left byte for byte as it was.

    A part runs from its ``# ---`` heading (or its key) to the next heading or top-level key.

    >>> company, people = split_people("a: 1\n# who\ncontacts: {}\nb: 2\n")
    >>> people, company.splitlines()[0], company.splitlines()[-1]
    ('# who\ncontacts: {}\n', 'a: 1', 'b: 2')
    """
    lines = text.splitlines(keepends=True)
    starts = []
    for number, line in enumerate(lines):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            first = number
            while first > 0 and lines[first - 1].startswith("#"):
                first -= 1
            starts.append((first, match.group(1)))
    kept, moved = [], []
    bounds = [*starts, (len(lines), "")]
    kept.extend(lines[:bounds[0][0]] if starts else lines)
    for (first, key), (end, _next) in zip(bounds, bounds[1:], strict=False):
        if key in PEOPLE_KEYS and not moved:
            kept.append(POINTER)
        (moved if key in PEOPLE_KEYS else kept).extend(lines[first:end])
    return "".join(kept), "".join(moved)
