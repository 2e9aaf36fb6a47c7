"""Leftovers in the built pages: template code, TODO markers, the example organisation's values.

Also lists variables that no page uses (a notice, not an error: an organisation may keep a
value for later).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes

from policykit.checks.htmlscan import PageScan
from policykit.checks.templates import lookup_chain, outermost_lookups
from policykit.text import is_text

EXAMPLE_VALUES_FILE = Path(__file__).resolve().parents[1] / "example_values.yml"
_TEMPLATE = re.compile(r"\{\{.{0,60}?(?:\}\}|$)|\{%.{0,60}?(?:%\}|$)", re.MULTILINE)
_MARKER_WORDS = ("TODO", "TBD", "XXX", "FIXME", "psum", "PSUM")  # cheap tests before the regex
_MARKERS = re.compile(r"\b(?:TODO|TBD|XXX|FIXME)\b|\b[Ll](?:orem|OREM)\s+[Ii](?:psum|PSUM)\b")

# Macros and the variables they show.
MACRO_USES: dict[str, tuple[str, ...]] = {
    "contacts_table": ("contacts",), "accounts_table": ("accounts",),
    "spokespeople_table": ("spokespeople",), "related_policies": ("related_policies",),
    "related_policies_list": ("related_policies",), "policy_history": ("policy.history",),
    "tags": ("disclosure.tags",),
}
# Variables the theme and the build hooks use on every build.
KIT_USES = (
    "organisation.legal_name", "organisation.trade_name", "policy.title", "policy.version",
    "policy.effective_date", "policy.owner_role", "policy.draft", "policy.review_cycle_months",
    "policy.review_grace_days", "policy.next_review", "flags", "languages", "coverage", "checks",
)


@dataclass(frozen=True)
class Leftover:
    """A piece of text that must not be in a published page."""

    text: str
    message: str
    fix: str


def template_leftovers(raw_text: str) -> list[Leftover]:
    """``{{ … }}`` and ``{% … %}`` that were not rendered (text inside code is not passed in)."""
    found = []
    for match in _TEMPLATE.finditer(raw_text):
        snippet = match.group(0).strip()
        found.append(Leftover(snippet, f"unrendered template code '{snippet}'",
                              "close the {{ … }} / {% … %} or remove it; use {% raw %} only "
                              "for a deliberate example"))
    return found


def marker_leftovers(text: str) -> list[Leftover]:
    """TODO / TBD / XXX / FIXME (in capitals) and lorem ipsum.

    >>> [m.message for m in marker_leftovers("Text TODO, then lorem ipsum")]
    ["unfinished text 'TODO'", "unfinished text 'lorem ipsum'"]
    """
    found = []
    for match in _MARKERS.finditer(text):
        word = match.group(0)
        found.append(Leftover(word, f"unfinished text '{word}'",
                              "write the final text or remove the marker"))
    return found


def page_leftovers(scan: PageScan, example_values: Sequence[str] = ()) -> list[Leftover]:
    """Every leftover in one scanned page. Cheap substring tests on the HTML come first:
    most pages have none, and the text is only extracted from pages that may have some."""
    markup = scan.markup
    found = template_leftovers(scan.raw_text) \
        if "{" in markup and ("{{" in markup or "{%" in markup) else []
    markers = any(word in markup for word in _MARKER_WORDS)
    lowered = markup.lower() if example_values else ""
    examples = [v for v in example_values if v.lower() in lowered]
    if markers or examples:
        text = scan.text
        found += marker_leftovers(text)
        haystack = text + " " + " ".join(r.url for r in scan.references)
        found += example_leftovers(haystack, examples)
    return found


def example_values_for(organisation: Mapping[str, Any],
                       path: Path = EXAMPLE_VALUES_FILE) -> list[str]:
    """The example organisation's values that must not appear in ``organisation``'s site;
    none when ``organisation`` is the example itself (same legal or trade name)."""
    if is_kit_example(organisation, path):
        return []
    return [str(v) for v in yaml.safe_load(path.read_text(encoding="utf-8"))["values"]]


def is_kit_example(organisation: Mapping[str, Any], path: Path = EXAMPLE_VALUES_FILE) -> bool:
    """True when ``organisation`` is the kit's own fictional example (same legal or trade name)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return organisation.get("legal_name") == data["example_legal_name"] or \
        organisation.get("trade_name") == data["example_trade_name"]


def example_leftovers(haystack: str, values: Iterable[str]) -> list[Leftover]:
    """Example-only values in ``haystack`` (case-insensitive)."""
    lowered = haystack.lower()
    return [Leftover(value, f"value of the example organisation '{value}'",
                     "replace it with your organisation's own value")
            for value in values if value.lower() in lowered]


def used_variables(sources: Iterable[str]) -> set[str]:
    """Dotted variable paths the page sources use, directly or through a macro."""
    env = Environment()
    used: set[str] = set()
    for source in sources:
        if "{{" not in source and "{%" not in source:
            continue
        try:
            tree = env.parse(source)
        except TemplateSyntaxError:
            continue  # reported by the template check
        for node in outermost_lookups(tree):
            chain = lookup_chain(node)
            if chain:
                name, attrs, _ = chain
                parts = attrs if name == "raw" else [name, *attrs]
                if parts:
                    used.add(".".join(parts))
        for call in tree.find_all(nodes.Call):
            if not isinstance(call.node, nodes.Name):
                continue
            used.update(MACRO_USES.get(call.node.name, ()))
            if call.node.name == "contact_card" and call.args and \
                    isinstance(call.args[0], nodes.Const):
                used.add(f"contacts.{call.args[0].value}")
    return used


def unused_variables(data: Mapping[str, Any], used: Iterable[str]) -> list[str]:
    """Variables (two levels deep) that neither a page nor the kit uses."""
    used_parts = [tuple(u.split(".")) for u in [*used, *KIT_USES]]
    unused = []
    for path in _variable_paths(data):
        parts = tuple(path.split("."))
        if not any(u[:len(parts)] == parts or parts[:len(u)] == u for u in used_parts):
            unused.append(path)
    return unused


def _variable_paths(data: Mapping[str, Any]) -> list[str]:
    paths = []
    for key, value in data.items():
        if isinstance(value, Mapping) and not is_text(value):
            paths.extend(f"{key}.{child}" for child in value)
        else:
            paths.append(key)
    return paths
