"""Helpers of the safety tests: a variables file whose every text carries markup and template
code, generated from the schema, and the assertions on what must never reach a built file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

# Markers around each payload, so a test can tell exactly what became of it.
PAYLOADS = ('P1</title><svg onload=alert(1)>P2', 'P3"><img src=x onerror=alert(1)>P4',
            'P5{{ 7*7 }}P6')
FULL = " ".join(PAYLOADS)
# For fields with a pattern: the first candidate the pattern accepts is used.
COMPACT = ("#P1<svg/onload=alert(1)>P2", "P5{{7*7}}P6@example.org", FULL)
UNESCAPED = ("<svg onload=alert(1)>", "<svg/onload=alert(1)>", "<img src=x onerror=alert(1)>")
EVALUATED = re.compile(r"P5[^P]{0,40}?49[^P]{0,40}?P6")


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    return schema


def poisoned(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """``value`` with every string the schema lets carry it replaced by the payloads."""
    schema = _resolve(schema, root)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: poisoned(v, props.get(k, {}), root) for k, v in value.items()}
    if isinstance(value, list):
        return [poisoned(v, schema.get("items", {}), root) for v in value]
    if not isinstance(value, str) or "enum" in schema or "format" in schema:
        return value
    pattern = schema.get("pattern")
    if pattern is None:
        return FULL
    return next((c for c in COMPACT if re.search(pattern, c)), value)


def write_poisoned_variables(project: Path) -> int:
    """Rewrite ``project``'s variables file with the payloads; returns how many texts carry one."""
    path = project / "variables" / "company.yml"
    schema = json.loads((project / "variables" / "company.schema.json").read_text())
    data = poisoned(yaml.safe_load(path.read_text(encoding="utf-8")), schema, schema)
    data.setdefault("checks", {})["allowed_hosts"] = []
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    # What no pattern let carry a payload must not be left as the example organisation's value.
    text = text.replace("brugwerk", "zeeloods").replace("Brugwerk", "Zeeloods")
    path.write_text(text, encoding="utf-8")
    return text.count("P1") + text.count("P5")


def injected_problems(site: Path) -> list[str]:
    """Every place in a built site where a payload became markup or was evaluated."""
    problems = []
    for file in sorted(site.rglob("*")):
        if not file.is_file() or file.suffix not in (".html", ".json", ".js", ".xml", ".txt"):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        rel = file.relative_to(site).as_posix()
        problems += [f"{rel}: {bad}" for bad in UNESCAPED if bad in text]
        problems += [f"{rel}: evaluated {m.group(0)!r}" for m in EVALUATED.finditer(text)]
    return problems
