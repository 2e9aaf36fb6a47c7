"""Validate the organisation's variables file against its JSON Schema, reporting every problem.

Each problem becomes a :class:`Finding` such as
``variables/company.yml:41: contacts.hr.email: 'hr-at-example' is not an e-mail address —
write it as name@example.nl``.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from policykit.dates import to_date
from policykit.findings import Finding, InputError, did_you_mean
from policykit.labels import LANGUAGES
from policykit.sources.people import merge_people
from policykit.sources.yamlfile import YamlDocument, dotted_path, parse_yaml
from policykit.text import short

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of keys",
    "null": "empty",
}


@dataclass
class Variables:
    """The validated variables, with the document they came from."""

    data: dict[str, Any]
    document: YamlDocument
    path: str


def load_schema(schema_path: Path) -> dict[str, Any]:
    """Read the JSON Schema that describes the variables file."""
    return json.loads(Path(schema_path).read_text(encoding="utf-8"))


def load_variables(path: Path, schema: dict[str, Any], display_path: str | None = None,
                   people_path: Path | None = None, people_display: str | None = None) -> Variables:
    """Read and validate ``path`` (merged with the web editor's ``people_path`` when that file
    exists); raise :class:`InputError` with every finding."""
    display = display_path or str(path)
    text = _read(Path(path), display)
    people = None
    if people_path is not None and Path(people_path).is_file():
        people = (_read(Path(people_path), people_display or str(people_path)),
                  people_display or str(people_path))
    findings = validate_text(text, schema, display, people)
    if findings:
        raise InputError(findings)
    document = parse_yaml(text, display)
    if people:
        document, _ = merge_people(document, parse_yaml(people[0], people[1]), display, people[1])
    return Variables(data=document.data, document=document, path=display)


def _read(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Finding(display, None, "the variables file does not exist",
                                      "copy variables/company.yml from the kit and fill it in",
                                      check="variables")]) from None
    except UnicodeDecodeError as error:
        raise InputError([Finding(display, None, f"the file is not UTF-8 text ({error.reason})",
                                      "save the file as UTF-8", check="variables")]) from None
    except IsADirectoryError:
        raise InputError([Finding(display, None, "is a folder, not a file",
                                      "put the variables in the file variables/company.yml",
                                      check="variables")]) from None
    except (OSError, RuntimeError) as error:  # a symbolic link loop, no permission, ...
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError([Finding(display, None, f"cannot be read ({reason})",
                                      "make variables/company.yml a plain file you can read",
                                      check="variables")]) from None


def validate_text(text: str, schema: dict[str, Any], display_path: str,
                  people: tuple[str, str] | None = None) -> list[Finding]:
    """Every problem of the variables file ``text`` (with ``people``: the text and name of the
    web editor's data file merged in): syntax, schema and consistency.

    >>> [f.location() + ": " + f.message[:17] for f in validate_text("a: [", {}, "v.yml")]
    ['v.yml:1:5: YAML syntax error']
    """
    try:
        document = parse_yaml(text, display_path)
        people_document = parse_yaml(people[0], people[1]) if people else None
    except InputError as error:
        return error.findings
    if not isinstance(document.data, dict):
        return [Finding(display_path, 1, "the file holds no keys",
                        "start from the variables/company.yml of the Social Media Policy Kit",
                        check="variables")]
    if people_document is not None:
        document, findings = merge_people(document, people_document, display_path, people[1])
        if findings:
            return findings
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = list(validator.iter_errors(document.data))
    typos = _typo_targets(errors)
    findings = [_finding_for(error, document, display_path, schema)
                for error in errors if _missing_key(error) not in typos]
    if not findings:
        findings = _consistency(document, display_path)
    return sorted(set(findings), key=lambda f: (f.path, f.line or 0, f.message))


def _missing_key(error: ValidationError) -> tuple[Any, ...] | None:
    """Path of the key a ``required`` error reports missing."""
    if error.validator != "required":
        return None
    return tuple(error.absolute_path) + (str(error.message).split("'")[1],)


def _typo_targets(errors: list[ValidationError]) -> set[tuple[Any, ...]]:
    """Missing keys that an unknown key next to them probably misspells (report the typo once)."""
    targets: set[tuple[Any, ...]] = set()
    for error in errors:
        if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
            continue
        allowed = list((error.schema.get("properties") or {}).keys())
        for key in error.instance:
            if key not in allowed:
                for guess in difflib.get_close_matches(str(key), allowed, n=1):
                    targets.add(tuple(error.absolute_path) + (guess,))
    return targets


def _finding_for(error: ValidationError, doc: YamlDocument, path: str,
                 schema: dict[str, Any]) -> Finding:
    where = tuple(error.absolute_path)
    path = doc.file_of(where, path)
    key = short(dotted_path(where))
    value = error.instance
    kind = error.validator
    description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    line = doc.key_line(where)
    if kind == "required":
        missing = str(error.message).split("'")[1]
        full = dotted_path(where + (missing,))
        return Finding(path, doc.key_line(where) if where else 1,
                       f"{full}: required key is missing",
                       f"add '{missing}:' {'under ' + key if where else 'at the top level'}"
                       " (variables/company.schema.json describes it)", check="variables")
    if kind == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        unknown = extras[0] if extras else "?"
        fix = did_you_mean(unknown, allowed, f"remove it; allowed here: {', '.join(allowed)}",
                           "did you mean '{}'? Correct the spelling")
        return Finding(path, doc.key_line(where + (unknown,)),
                       f"{short(dotted_path(where + (unknown,)))}: unknown key", fix, check="variables")
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        got = _describe(value)
        fix = f"write {words} here"
        if "object" in wanted and error.schema.get("properties", {}).keys() >= {"nl", "en"}:
            fix = "write the text per language on two indented lines 'nl: ...' and 'en: ...'"
        elif "string" in wanted and isinstance(value, (int, float)):
            fix = "put the value between quotes, e.g. \"2.1\""
        return Finding(path, line, f"{key}: expected {words}, found {got}", fix, check="variables")
    if kind == "format" and error.validator_value == "date":
        return Finding(path, line, f"{key}: '{short(value)}' is not a valid date",
                       "write it as YEAR-MONTH-DAY, e.g. 2026-09-01", check="variables")
    if kind == "pattern":
        what = _pattern_subject(error.schema, schema)
        example = description or "see the comments in variables/company.yml"
        return Finding(path, line, f"{key}: '{short(value)}' is not {what}",
                       f"write {example[0].lower() + example[1:]}" if description else example,
                       check="variables")
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return Finding(path, line, f"{key}: '{short(value)}' is not allowed",
                       f"use one of: {options}", check="variables")
    if kind in ("minimum", "maximum"):
        return Finding(path, line, f"{key}: {value} is {'too small' if kind == 'minimum' else 'too large'}",
                       f"use a number {'from' if kind == 'minimum' else 'up to'} {error.validator_value}",
                       check="variables")
    if kind == "minLength":
        return Finding(path, line, f"{key}: the text is too short",
                       f"write at least {error.validator_value} character(s)"
                       + (f": {description[0].lower()}{description[1:]}" if description else ""),
                       check="variables")
    if kind in ("minItems", "minProperties"):
        return Finding(path, line, f"{key}: is empty", "add at least one entry", check="variables")
    if kind == "uniqueItems":
        return Finding(path, line, f"{key}: contains the same entry twice",
                       "remove the repeated entry", check="variables")
    return Finding(path, line, f"{key}: {short(error.message)}",
                   "compare with the comments in variables/company.yml", check="variables")


def _pattern_subject(node_schema: dict[str, Any], root: dict[str, Any]) -> str:
    defs = root.get("$defs", {})
    for name, words in (("email", "an e-mail address"), ("url", "a web address"),
                        ("phone", "a phone number in international form"),
                        ("domain", "a domain name"), ("tag", "a tag starting with #"),
                        ("topic_id", "a topic id (lower case letters, digits and -)")):
        if defs.get(name, {}).get("pattern") == node_schema.get("pattern"):
            return words
    return "in the expected form"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{short(value)}'"


def _consistency(doc: YamlDocument, path: str) -> list[Finding]:
    """Rules a schema cannot express: language choices and text present per published language."""
    data = doc.data
    findings: list[Finding] = []
    langs = data["languages"]
    if langs["default"] not in langs["published"]:
        findings.append(Finding(path, doc.key_line(("languages", "default")),
                                f"languages.default: '{langs['default']}' is not in languages.published",
                                f"choose one of: {', '.join(langs['published'])}", check="variables"))
    for where, value in _walk(data, ()):
        if _is_text(value):
            for lang in langs["published"]:
                if not str(value.get(lang) or "").strip() and not _optional_text(where):
                    findings.append(Finding(
                        doc.file_of(where, path), doc.key_line(where),
                        f"{dotted_path(where)}: no '{lang}' text, but '{lang}' is published",
                        f"add a line '{lang}: ...' under {dotted_path(where)}", check="variables"))
    tags = data["disclosure"]["tags"]
    for lang in langs["published"]:
        if not tags.get(lang):
            findings.append(Finding(path, doc.key_line(("disclosure", "tags")),
                                    f"disclosure.tags: no '{lang}' tags, but '{lang}' is published",
                                    f"add '{lang}: [\"#...\"]' under disclosure.tags",
                                    check="variables"))
    kind = data["organisation"].get("kind")
    if kind in ("municipality", "public_body") and not data["flags"]["public_body"]:
        findings.append(Finding(path, doc.key_line(("flags", "public_body")),
                                f"flags.public_body: false, but organisation.kind is '{kind}'",
                                "set public_body: true (the rules for public bodies apply to you)",
                                check="variables"))
    policy = data["policy"]
    if to_date(policy["next_review"]) <= to_date(policy["effective_date"]):
        findings.append(Finding(path, doc.key_line(("policy", "next_review")),
                                "policy.next_review: lies on or before policy.effective_date",
                                "set the next review after the date the policy takes effect",
                                check="variables"))
    return findings


def _optional_text(where: tuple[Any, ...]) -> bool:
    """Texts that may be left empty: monitoring.tool ('' means no tool is used)."""
    return where == ("monitoring", "tool")


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and value and set(value) <= set(LANGUAGES) and all(
        isinstance(v, str) for v in value.values())


def _walk(value: Any, where: tuple[Any, ...]):
    yield where, value
    if isinstance(value, dict) and not _is_text(value):
        for key, item in value.items():
            yield from _walk(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, where + (index,))

