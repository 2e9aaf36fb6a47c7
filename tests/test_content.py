"""The policy text: front matter, topic coverage, no example values, matching languages.

Source checks read the Markdown files under docs/ directly; HTML checks use the session-wide
build of the example organisation (``example_site``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TEST_TODAY
from policykit.dates import parse_day
from policykit.sources.frontmatter import read_front_matter
from policykit.sources.pages import base_name

DOCS = REPO / "docs"
VARIABLES = yaml.safe_load((REPO / "variables/company.yml").read_text(encoding="utf-8"))
TOPICS = yaml.safe_load((REPO / "hooks/policykit/topics.yml").read_text(encoding="utf-8"))["topics"]
LANGUAGES = ("nl", "en")
FLAGS = tuple(VARIABLES["flags"])
HEADING = re.compile(r"^(#{1,6})\s+\S")
FENCE = re.compile(r"^\s*(```|~~~)")
KIT_NAME = "Social Media Policy Kit"


# --- Reading the sources -----------------------------------------------------------------

def page_files() -> list[Path]:
    """Every policy page source (snippets are included into pages, not pages themselves)."""
    return sorted(p for p in DOCS.rglob("*.md") if "_snippets" not in p.relative_to(DOCS).parts)


def page_language(path: Path) -> str:
    return path.name.rsplit(".", 2)[-2]


def pages_by_base() -> dict[str, dict[str, Path]]:
    """``{"policy/ai.md": {"nl": Path, "en": Path}, ...}``."""
    pages: dict[str, dict[str, Path]] = {}
    for path in page_files():
        rel = path.relative_to(DOCS).as_posix()
        pages.setdefault(base_name(rel), {})[page_language(path)] = path
    return pages


def front_matter(path: Path) -> dict:
    return read_front_matter(path.read_text(encoding="utf-8"))


def source_headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every Markdown heading outside fenced code and front matter."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---") + 1
    headings, in_fence = [], False
    for line in lines[start:]:
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and HEADING.match(line):
            hashes = HEADING.match(line).group(1)
            headings.append((len(hashes), line[len(hashes):].strip()))
    return headings


def string_leaves(value, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every string in the variables (dates as ISO text)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from string_leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_leaves(item, f"{path}[{index}]")
    elif isinstance(value, (dt.date, str)) and not isinstance(value, bool):
        yield path, value.isoformat() if isinstance(value, dt.date) else value


def is_trivial(path: str, value: str) -> bool:
    """Values that say nothing about the organisation: language codes, platform names, the
    spokespeople's job titles and the kind of Git host and branch name."""
    return (path.startswith("languages.")            # 'nl', 'en'
            or path in ("editing.host", "editing.branch")  # 'github', 'main'
            or path == "organisation.kind"             # a keyword: company, municipality, ...
            or re.fullmatch(r"accounts\[\d+\]\.platform", path) is not None  # public services
            # job titles: words the pages use too ('woordvoerder' is a search word of Contacts)
            or re.fullmatch(r"spokespeople\[\d+\]\.role\.(nl|en)", path) is not None
            or len(value.strip()) < 3)


# --- Front matter and coverage -----------------------------------------------------------

def test_every_page_exists_in_both_languages_with_the_same_front_matter():
    for base, versions in pages_by_base().items():
        assert set(versions) == set(LANGUAGES), f"docs/{base}: only {sorted(versions)}"
        nl, en = (front_matter(versions[lang]) for lang in LANGUAGES)
        for key in ("topics", "owner", "only_if"):
            assert nl.get(key) == en.get(key), f"docs/{base}: '{key}' differs between nl and en"


@pytest.mark.parametrize("path", page_files(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_front_matter_is_complete(path: Path):
    meta = front_matter(path)
    known_topics = {topic["id"] for topic in TOPICS}
    assert isinstance(meta.get("topics"), list) and meta["topics"], "topics: must list topic ids"
    assert set(meta["topics"]) <= known_topics, f"unknown topics {set(meta['topics']) - known_topics}"
    assert meta.get("owner") in VARIABLES["contacts"], "owner: must be a key of contacts"
    reviewed = parse_day(meta.get("last_reviewed"))
    assert reviewed is not None, "last_reviewed: must be a date YYYY-MM-DD"
    today = dt.date.fromisoformat(TEST_TODAY)
    assert reviewed <= today, "last_reviewed lies in the future"
    months = VARIABLES["policy"]["review_cycle_months"]
    assert (today - reviewed).days <= months * 31, f"review older than {months} months"
    assert meta.get("only_if") in (None, *FLAGS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_required_topic_is_covered_in_each_language(lang: str):
    always: set[str] = set()
    by_flag: dict[str, set[str]] = {flag: set() for flag in FLAGS}
    for path in page_files():
        if page_language(path) != lang:
            continue
        meta = front_matter(path)
        flag = meta.get("only_if")
        (by_flag[flag] if flag else always).update(meta["topics"])
    for topic in TOPICS:
        if "only_if" in topic:
            assert topic["id"] in by_flag[topic["only_if"]], \
                f"{lang}: flag topic '{topic['id']}' needs a page with only_if: {topic['only_if']}"
        else:
            assert topic["id"] in always, f"{lang}: topic '{topic['id']}' is not covered"


def test_flag_topics_are_declared_only_by_their_flag_pages():
    """A flag's topics live on its own pages, so switching the flag off removes them entirely."""
    flag_of = {topic["id"]: topic["only_if"] for topic in TOPICS if "only_if" in topic}
    for path in page_files():
        meta = front_matter(path)
        for topic in meta["topics"]:
            if topic in flag_of:
                assert meta.get("only_if") == flag_of[topic], \
                    f"{path.relative_to(DOCS)}: '{topic}' belongs on an only_if: {flag_of[topic]} page"


def test_every_page_is_in_the_navigation():
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config[config.index("\nnav:"):]
    listed = set(re.findall(r"^\s*-\s+(?:[^:\n]+:\s+)?([\w./-]+\.md)\s*$", nav, re.M))
    missing = set(pages_by_base()) - listed
    assert not missing, f"add to the nav in mkdocs.yml: {sorted(missing)}"


# --- Organisation facts come from the variables only --------------------------------------

def test_no_literal_value_of_the_example_organisation_in_page_sources():
    values = {value for path, value in string_leaves(VARIABLES) if not is_trivial(path, value)}
    assert "Brugwerk" in values and "+31 30 700 1100" in values  # the walk reaches the leaves
    patterns = [re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)", re.I) for value in values]
    # The trade name and mail domains also count inside longer words (#workingatbrugwerk).
    patterns += [re.compile(re.escape(VARIABLES["organisation"]["trade_name"]), re.I)]
    patterns += [re.compile(re.escape(d), re.I) for d in VARIABLES["organisation"]["email_domains"]]
    found = []
    for path in page_files() + sorted(DOCS.rglob("*.css")) + sorted(DOCS.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.replace(KIT_NAME, "")  # the kit's own name is not the organisation's title
            found += [f"docs/{path.relative_to(DOCS)}:{number}: {p.pattern}"
                      for p in patterns if p.search(line)]
    assert not found, "write {{ variables }} instead of these values:\n" + "\n".join(found)


def test_the_value_check_would_catch_a_written_out_value(tmp_path: Path):
    """The matcher itself: a phone number or team name in running text is found."""
    values = {v for p, v in string_leaves(VARIABLES) if not is_trivial(p, v)}
    line = f"Bel {VARIABLES['contacts']['hr']['phone']} of mail {VARIABLES['contacts']['hr']['email']}."
    hits = [v for v in values if re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", line, re.I)]
    assert VARIABLES["contacts"]["hr"]["phone"] in hits and VARIABLES["contacts"]["hr"]["email"] in hits


# --- The two languages match ----------------------------------------------------------------

def test_dutch_and_english_sources_have_the_same_heading_structure():
    for base, versions in pages_by_base().items():
        nl = [level for level, _ in source_headings(versions["nl"])]
        en = [level for level, _ in source_headings(versions["en"])]
        assert nl and nl[0] == 1, f"docs/{base}: must start with one '# title'"
        assert nl.count(1) == 1, f"docs/{base}: exactly one '# title'"
        assert nl == en, f"docs/{base}: headings nl {nl} != en {en}"


class ArticleParser(HTMLParser):
    """Headings, details/summary pairs, scripts and external sources inside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.headings: list[int] = []
        self.details = 0
        self.summaries_first: list[bool] = []
        self.scripts = 0
        self.external: list[str] = []
        self._last_start = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if self.depth:
            if re.fullmatch(r"h[1-6]", tag):
                self.headings.append(int(tag[1]))
            if tag == "details":
                self.details += 1
            if tag == "summary":
                self.summaries_first.append(self._last_start == "details")
            if tag == "script":
                self.scripts += 1
            for key in ("src", "srcset", "data"):
                if re.match(r"(https?:)?//", attributes.get(key) or ""):
                    self.external.append(attributes[key])
            self._last_start = tag

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def parse_article(html_text: str) -> ArticleParser:
    parser = ArticleParser()
    parser.feed(html_text)
    return parser


def published_pages() -> list[str]:
    """HTML paths of the source pages every organisation publishes (no ``only_if``)."""
    return sorted(base[:-len(".md")] + ".html" for base, versions in pages_by_base().items()
                  if front_matter(versions["nl"]).get("only_if") is None)


def test_dutch_and_english_html_have_the_same_heading_structure(example_site):
    for rel in published_pages():
        nl = parse_article(example_site.page(rel)).headings
        en = parse_article(example_site.page(f"en/{rel}")).headings
        assert nl and nl == en, f"{rel}: nl {nl} != en {en}"


# --- Decision tree ----------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["decision-tree.html", "en/decision-tree.html"])
def test_decision_tree_works_without_javascript(example_site, rel: str):
    html_text = example_site.page(rel)
    article = html_text[html_text.index("<article"):html_text.index("</article>")]
    parsed = parse_article(html_text)
    assert parsed.scripts == 0 and "<script" not in article
    assert not re.search(r"\son[a-z]+=", article), "inline event handlers need JavaScript"
    assert parsed.external == [], "the tree loads nothing from outside"
    # Two trees of four questions; every question offers two answers -> 2 * (4 + 8) details.
    assert parsed.details == 24
    assert len(parsed.summaries_first) == 24 and all(parsed.summaries_first), \
        "every <details> opens with a <summary>, the part a keyboard user can focus"
    assert parsed.headings[:3] == [1, 2, 2]
    answers = re.findall(r"<details class=\"(?:success|failure|info)\">\s*<summary>[^<]+</summary>"
                         r"\s*<p><strong>", article)
    # Per tree 8 choices, 3 of which lead on to the next question: 5 end in an answer.
    assert len(answers) == 10, "every path through the tree ends in a bold answer"


# --- Search and acknowledgement ---------------------------------------------------------------

def test_only_the_confidentiality_page_has_the_word_in_a_title(example_site):
    """Material boosts title matches 1000x; no other page may compete for these words."""
    index = json.loads((example_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    for word, page in (("vertrouwelijk", "principles/confidentiality.html"),
                       ("confidential", "en/principles/confidentiality.html")):
        hits = {doc["location"].split("#")[0] for doc in index["docs"]
                if word in doc["title"].lower()}
        assert hits == {page}, f"'{word}' in the titles of {sorted(hits)}"


@pytest.mark.parametrize("lang,prefix", [("nl", ""), ("en", "en/")])
def test_acknowledgement_is_filled_in_from_the_variables(example_site, lang: str, prefix: str):
    from policykit.dates import long_date
    text = re.sub(r"\s+", " ", example_site.page(f"{prefix}acknowledgement.html"))
    policy = VARIABLES["policy"]
    legal_name = VARIABLES["organisation"]["legal_name"]
    assert f"<strong>{legal_name}</strong>" in text
    assert f"<strong>{policy['version']}</strong>" in text
    assert f"<strong>{long_date(policy['effective_date'], lang)}</strong>" in text
    assert text.count('<th scope="row">') == 4, "four rows to fill in by hand"


@pytest.mark.parametrize("lang,rel,words", [("nl", "index.html", "geen juridisch advies"),
                                             ("en", "en/index.html", "not legal advice")])
def test_legal_review_note_is_visible_on_the_home_page(example_site, lang, rel, words):
    article = example_site.page(rel).split("<article", 1)[1]
    note = re.search(r'<div class="admonition warning">(.*?)</div>', article, re.S)
    assert note and words in note.group(1)
    assert VARIABLES["works_council"]["name"][lang] in note.group(1)
