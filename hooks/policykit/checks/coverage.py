"""Topic coverage: every required topic is covered by a page in every published language.

Required topics come from the kit (``topics.yml``; ``only_if`` topics only when their flag is
on) plus the organisation's ``coverage.extra_topics``. A topic may be waived in
``coverage.waivers`` with a written reason. Pages list what they cover in ``topics:``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from policykit.findings import Finding, did_you_mean
from policykit.project import VARIABLES_FILE
from policykit.sector import sector_words
from policykit.sources.pages import SourcePage
from policykit.sources.yamlfile import parse_yaml

TOPICS_FILE = Path(__file__).resolve().parents[1] / "topics.yml"
TOPICS_DISPLAY = "hooks/policykit/topics.yml"
LineOf = Callable[[tuple], int]


@dataclass(frozen=True)
class Topic:
    """A topic the policy must cover, and where it is defined."""

    id: str
    title: Mapping[str, str]
    why: str
    source: str
    only_if: str | None
    path: str
    line: int
    organisation: bool = False


@dataclass
class TopicStatus:
    """One row of the coverage table: the topic, its state and the pages per language."""

    topic: Topic
    state: str                      # required | waived | not-applicable
    reason: str = ""                # waiver reason, or the flag that is off
    pages: dict[str, list[SourcePage]] = field(default_factory=dict)

    def missing(self, languages: Sequence[str]) -> list[str]:
        return [lang for lang in languages if not self.pages.get(lang)]


@dataclass
class Coverage:
    """The coverage table and every problem found while making it."""

    languages: list[str]
    rows: list[TopicStatus]
    findings: list[Finding]


def load_kit_topics(path: Path = TOPICS_FILE, display: str = TOPICS_DISPLAY) -> list[Topic]:
    """The kit's required topics with the line each is defined on (read once per change)."""
    return list(_kit_topics(str(path), display, path.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _kit_topics(path: str, display: str, _stamp: int) -> tuple[Topic, ...]:
    document = parse_yaml(Path(path).read_text(encoding="utf-8"), display)
    topics = []
    for index, item in enumerate(document.data["topics"]):
        topics.append(Topic(item["id"], item["title"], item["why"], item.get("source", ""),
                            item.get("only_if"), display, document.line_of(("topics", index))))
    return tuple(topics)


def organisation_topics(data: Mapping[str, Any], line_of: LineOf) -> list[Topic]:
    """``coverage.extra_topics`` of the variables as topics.

    >>> extra = {"id": "x", "title": {"en": "X"}, "why": "w"}
    >>> [(t.id, t.line) for t in organisation_topics({"coverage": {"extra_topics": [extra]}},
    ...                                              lambda where: 7)]
    [('x', 7)]
    """
    extra = (data.get("coverage") or {}).get("extra_topics") or []
    return [Topic(item["id"], item["title"], item["why"], VARIABLES_FILE, None,
                  VARIABLES_FILE, line_of(("coverage", "extra_topics", index)), True)
            for index, item in enumerate(extra)]


def with_sector_words(topic: Topic, words: Mapping[str, Mapping[str, str]]) -> Topic:
    """The topic with ``{served}`` in its titles replaced by the organisation's word for the
    people it serves (``sectors.yml``), capitalised at the start of a title.

    >>> t = Topic("x", {"nl": "{served}, partners", "en": "Working with {served}"}, "", "", None,
    ...           "", 1)
    >>> with_sector_words(t, {"served": {"nl": "inwoners", "en": "residents"}}).title
    {'nl': 'Inwoners, partners', 'en': 'Working with residents'}
    """
    if not any("{served}" in text for text in topic.title.values()):
        return topic
    titles = {}
    for lang, text in topic.title.items():
        served = (words.get("served") or {}).get(lang, "")
        filled = text.replace("{served}", served)
        titles[lang] = filled[:1].upper() + filled[1:] if text.startswith("{served}") else filled
    return replace(topic, title=titles)


def evaluate(kit_topics: Sequence[Topic], pages: Sequence[SourcePage], data: Mapping[str, Any],
             line_of: LineOf, extra_waivers: Mapping[str, str] | None = None) -> Coverage:
    """Coverage of ``pages`` against the kit's and the organisation's topics; ``extra_waivers``
    (topic → reason) are those of the kit pages the organisation switched off."""
    languages = list(data["languages"]["published"])
    flags = data.get("flags") or {}
    findings: list[Finding] = []
    words = sector_words(data if isinstance(data.get("organisation"), Mapping)
                         else {"organisation": {}})  # no organisation given: the kit's default
    topics = [with_sector_words(t, words) for t in kit_topics]
    kit_ids = {t.id for t in kit_topics}
    for topic in organisation_topics(data, line_of):
        if topic.id in kit_ids:
            findings.append(Finding(topic.path, topic.line,
                                    f"extra topic '{topic.id}' is already a topic of the kit",
                                    "give it another id, or remove it: the kit requires it anyway",
                                    check="coverage"))
        else:
            topics.append(topic)
    known = {t.id: t for t in topics}
    waivers: dict[str, str] = {t: r for t, r in (extra_waivers or {}).items() if t in known}
    for index, waiver in enumerate((data.get("coverage") or {}).get("waivers") or []):
        if waiver["topic"] not in known:
            findings.append(Finding(VARIABLES_FILE, line_of(("coverage", "waivers", index)),
                                    f"waiver for unknown topic '{waiver['topic']}'",
                                    _suggest(waiver["topic"], known), check="coverage"))
        waivers[waiver["topic"]] = waiver["reason"]

    rows = {t.id: TopicStatus(t, "required", pages={lang: [] for lang in languages})
            for t in topics}
    for topic in topics:
        if topic.only_if and not flags.get(topic.only_if):
            rows[topic.id].state, rows[topic.id].reason = "not-applicable", topic.only_if
        elif topic.id in waivers:
            rows[topic.id].state, rows[topic.id].reason = "waived", waivers[topic.id]

    for page in pages:
        declared = page.meta.get("topics")
        if declared is None:
            findings.append(Finding(page.path, 1, "the page does not say which topics it covers",
                                    "add 'topics: [id, ...]' to the front matter "
                                    "(topics: [] when it covers none)", check="coverage"))
            continue
        if not isinstance(declared, list) or not all(isinstance(t, str) for t in declared):
            findings.append(Finding(page.path, page.key_line("topics"),
                                    "'topics' must be a list of topic ids",
                                    "write it as topics: [privacy, respect]", check="coverage"))
            continue
        for topic_id in declared:
            if topic_id not in known:
                findings.append(Finding(page.path, page.key_line("topics"),
                                        f"unknown topic '{topic_id}'", _suggest(topic_id, known),
                                        check="coverage"))
            elif page.language in rows[topic_id].pages:
                rows[topic_id].pages[page.language].append(page)

    by_base = {(p.base, p.language): p for p in pages}
    for row in rows.values():
        if row.state != "required":
            continue
        for lang in row.missing(languages):
            findings.append(_missing(row, lang, languages, by_base))
    return Coverage(languages, list(rows.values()), findings)


def _missing(row: TopicStatus, lang: str, languages: Sequence[str],
             by_base: Mapping[tuple[str, str], SourcePage]) -> Finding:
    topic = row.topic
    title = topic.title.get("en") or topic.title.get(lang) or topic.id
    message = f"required topic '{topic.id}' ({title}) is not covered in language '{lang}'"
    for other in languages:
        for page in row.pages.get(other, []):
            counterpart = by_base.get((page.base, lang))
            if counterpart is not None:
                return Finding(counterpart.path, counterpart.key_line("topics"), message,
                               f"add '{topic.id}' to topics: as in {page.path}", check="coverage")
            return Finding(page.path, page.key_line("topics"), message,
                           f"translate {page.path} into '{lang}'", check="coverage")
    return Finding(topic.path, topic.line, message,
                   f"write a page about it and list '{topic.id}' in its topics:, or waive it "
                   "in variables/company.yml under coverage.waivers with a reason",
                   check="coverage")


def _suggest(topic_id: str, known: Mapping[str, Topic]) -> str:
    return did_you_mean(topic_id, known,
                        "use an id from hooks/policykit/topics.yml or coverage.extra_topics")
