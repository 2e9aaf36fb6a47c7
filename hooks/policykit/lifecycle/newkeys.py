"""Variables a kit version adds: written into an organisation's ``company.yml`` with their default.

The kit lists them in ``variables/new-keys.yml`` (key, default value, comment, version).
``make update-kit`` adds every listed key the organisation's file does not have yet, at the end
of its group, with the comment after it. Everything else in the file — values, comments, quotes,
order — stays exactly as the organisation wrote it (ruamel.yaml round trip).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from policykit.findings import Finding, InputError

COMMENT_COLUMN = 43  # where the comments of the kit's company.yml start


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of the kit's company.yml
    yaml.width = 4096
    return yaml


def add_new_keys(variables: Path, new_keys: Path) -> list[str]:
    """Add the keys of ``new_keys`` that ``variables`` lacks; returns their dotted names."""
    if not new_keys.is_file() or not variables.is_file():
        return []
    yaml = _yaml()
    entries = yaml.load(new_keys.read_text(encoding="utf-8")) or []
    text = variables.read_text(encoding="utf-8")
    try:
        data = yaml.load(text)
    except Exception as error:  # ruamel's many parser errors: the build reports them better
        raise InputError([Finding("variables/company.yml", None, f"could not add new keys ({error})",
                                  "run 'make site' to see what is wrong in the file, fix it, "
                                  "then run 'make update-kit' again", check="update-kit")]) from None
    added = [entry["key"] for entry in entries if _add(data, entry)]
    if added:
        out = io.StringIO()
        yaml.dump(data, out)
        variables.write_text(out.getvalue(), encoding="utf-8")
    return added


def _add(data: Any, entry: dict[str, Any]) -> bool:
    r"""Put ``entry['value']`` at ``entry['key']`` when it is missing; True when it was added.

    >>> data = _yaml().load("monitoring:\n  retention_days: 90\n")
    >>> _add(data, {"key": "monitoring.alerts", "value": False}), dict(data["monitoring"])
    (True, {'retention_days': 90, 'alerts': False})
    >>> _add(data, {"key": "monitoring.alerts", "value": True}), _add(data, {"key": "x.y"})
    (False, False)
    """
    *parents, last = str(entry["key"]).split(".")
    node = data
    for part in parents:
        if not isinstance(node, dict) or part not in node:
            return False  # the group itself is missing: the build names it
        node = node[part]
    if not isinstance(node, dict) or last in node:
        return False
    node[last] = entry.get("value")
    if entry.get("comment"):
        comment = f"# {entry['comment']} (added by the kit {entry.get('since', '')})"
        node.yaml_add_eol_comment(comment.replace(" ()", ""), last, column=COMMENT_COLUMN)
    return True
