"""Topic coverage: the pure evaluation (exact messages) and real builds with seeded defects."""

from __future__ import annotations

import re

import pytest
from checkhelpers import add_page, covered_kit, front_matter, messages
from conftest import build, replace_in
from policykit.checks.coverage import Topic, evaluate, load_kit_topics
from policykit.sources.pages import SourcePage

KIT = [
    Topic("privacy", {"nl": "Privacy", "en": "Privacy"}, "why", "src", None, "topics.yml", 3),
    Topic("respect", {"nl": "Respect", "en": "Respect"}, "why", "src", None, "topics.yml", 7),
    Topic("us-ftc", {"nl": "FTC", "en": "FTC"}, "why", "src", "us_staff", "topics.yml", 11),
]


def page(uri: str, lang: str, topics) -> SourcePage:
    meta = {} if topics is None else {"topics": topics}
    return SourcePage(uri, lang, meta, "---\nowner: hr\ntopics: x\n---\n# T\n")


def data(waivers=(), extra=(), us_staff=False, published=("nl", "en")) -> dict:
    return {"languages": {"published": list(published), "default": "nl"},
            "flags": {"us_staff": us_staff},
            "coverage": {"waivers": list(waivers), "extra_topics": list(extra)}}


def line_of(path: tuple) -> int:
    return 100 + (path[-1] if isinstance(path[-1], int) else 0)


def run(pages, **kwargs) -> list[str]:
    return sorted(str(f) for f in evaluate(KIT, pages, data(**kwargs), line_of).findings)


COMPLETE = [page("a.nl.md", "nl", ["privacy", "respect"]),
            page("a.en.md", "en", ["privacy", "respect"])]


@pytest.mark.parametrize("pages, kwargs, expected", [
    # pages, variables options, expected findings (exact)
    (COMPLETE, {}, []),
    (COMPLETE[:1], {}, [
        "docs/a.nl.md:3: required topic 'privacy' (Privacy) is not covered in language 'en' — "
        "translate docs/a.nl.md into 'en'",
        "docs/a.nl.md:3: required topic 'respect' (Respect) is not covered in language 'en' — "
        "translate docs/a.nl.md into 'en'",
    ]),
    ([COMPLETE[0], page("a.en.md", "en", ["privacy"])], {}, [
        "docs/a.en.md:3: required topic 'respect' (Respect) is not covered in language 'en' — "
        "add 'respect' to topics: as in docs/a.nl.md",
    ]),
    ([page("a.nl.md", "nl", ["privacy"])], {"published": ("nl",)}, [
        "topics.yml:7: required topic 'respect' (Respect) is not covered in language 'nl' — "
        "write a page about it and list 'respect' in its topics:, or waive it in "
        "variables/company.yml under coverage.waivers with a reason",
    ]),
    ([page("a.nl.md", "nl", ["privacy"])],
     {"published": ("nl",), "waivers": [{"topic": "respect", "reason": "A long enough reason."}]},
     []),
    (COMPLETE, {"us_staff": True}, [
        "topics.yml:11: required topic 'us-ftc' (FTC) is not covered in language 'en' — write a "
        "page about it and list 'us-ftc' in its topics:, or waive it in variables/company.yml "
        "under coverage.waivers with a reason",
        "topics.yml:11: required topic 'us-ftc' (FTC) is not covered in language 'nl' — write a "
        "page about it and list 'us-ftc' in its topics:, or waive it in variables/company.yml "
        "under coverage.waivers with a reason",
    ]),
    (COMPLETE + [page("b.nl.md", "nl", ["privcy"]), page("b.en.md", "en", None),
                 page("c.en.md", "en", "respect")], {}, [
        "docs/b.en.md:1: the page does not say which topics it covers — add 'topics: [id, ...]' "
        "to the front matter (topics: [] when it covers none)",
        "docs/b.nl.md:3: unknown topic 'privcy' — did you mean 'privacy'?",
        "docs/c.en.md:3: 'topics' must be a list of topic ids — write it as topics: "
        "[privacy, respect]",
    ]),
    (COMPLETE, {"waivers": [{"topic": "travel", "reason": "We never travel for work at all."}]},
     ["variables/company.yml:100: waiver for unknown topic 'travel' — use an id from "
      "hooks/policykit/topics.yml or coverage.extra_topics"]),
    (COMPLETE, {"extra": [{"id": "travel", "title": {"nl": "Reizen", "en": "Travel"}, "why": "w"},
                          {"id": "privacy", "title": {"en": "P"}, "why": "w"}]}, [
        "variables/company.yml:100: required topic 'travel' (Travel) is not covered in language "
        "'en' — write a page about it and list 'travel' in its topics:, or waive it in "
        "variables/company.yml under coverage.waivers with a reason",
        "variables/company.yml:100: required topic 'travel' (Travel) is not covered in language "
        "'nl' — write a page about it and list 'travel' in its topics:, or waive it in "
        "variables/company.yml under coverage.waivers with a reason",
        "variables/company.yml:101: extra topic 'privacy' is already a topic of the kit — give it "
        "another id, or remove it: the kit requires it anyway",
    ]),
])
def test_coverage_findings(pages, kwargs, expected):
    assert run(pages, **kwargs) == expected


def test_rows_say_waived_and_not_applicable():
    result = evaluate(KIT, COMPLETE, data(waivers=[{"topic": "respect", "reason": "Because."}]),
                      line_of)
    states = {row.topic.id: (row.state, row.reason) for row in result.rows}
    assert states == {"privacy": ("required", ""), "respect": ("waived", "Because."),
                      "us-ftc": ("not-applicable", "us_staff")}


def test_kit_topics_file_has_ids_titles_and_lines():
    topics = load_kit_topics()
    assert len({t.id for t in topics}) == len(topics)
    assert all(t.title.get("nl") and t.title.get("en") and t.why for t in topics)
    assert topics[0].line < topics[1].line


def _pages_covering(project, topic: str, lang: str) -> list[str]:
    """Site paths (relative to the language root) of the pages listing ``topic``."""
    found = []
    for path in sorted((project / "docs").rglob(f"*.{lang}.md")):
        if topic in (front_matter(path).get("topics") or []):
            found.append(path.relative_to(project / "docs").as_posix()[:-len(".nl.md")] + ".html")
    return found


def _table_rows(html: str) -> dict[str, str]:
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        match = re.search(r"\(<code>([a-z-]+)</code>\)", row)
        if match and match.group(1) not in rows:  # the topic table comes first
            rows[match.group(1)] = re.sub(r"\s+", " ", row)
    return rows


@pytest.mark.build
def test_coverage_page_lists_topics_pages_waivers_and_reviews(tmp_path):
    project = covered_kit(tmp_path / "kit")
    replace_in(project / "variables/company.yml", "  waivers: []",
               '  waivers:\n    - {topic: records, reason: "Our archive team keeps every post; '
               'the archive rules make no endorsements there."}')
    replace_in(project / "variables/company.yml", "  extra_topics: []",
               '  extra_topics:\n    - {id: travel, title: {nl: "Reizen", en: "Travel"}, '
               'why: "Staff travel a lot."}')
    add_page(project, "travel.nl.md", "# Reizen\n\nTekst.\n", topics="[travel]")
    add_page(project, "travel.en.md", "# Travel\n\nText.\n", topics="[travel]", nav=False)
    result = build(project, env={"POLICYKIT_TODAY": "2026-11-26"})
    assert result.returncode == 0, result.explain()
    for lang, prefix in (("nl", ""), ("en", "en/")):
        html = result.page(f"{prefix}coverage.html")
        rows = _table_rows(html)
        assert 'data-generated="hooks/check_sources.py"' in html
        assert 'href="travel.html">' + ("Reizen" if lang == "nl" else "Travel") in rows["travel"]
        other = "Travel" if lang == "nl" else "Reizen"  # the other language's page, by its title
        assert f"<td>{other}</td>" in rows["travel"] and "<code>travel." not in rows["travel"]
        assert ("eigen onderwerp" if lang == "nl" else "own topic") in rows["travel"]
        assert ("vrijgesteld" if lang == "nl" else "waived") in rows["records"]
        assert "make no endorsements there." in html
        assert "us_staff" in rows["us-nlra"]
        for topic in ("confidentiality", "accounts", "purpose"):
            covering = _pages_covering(project, topic, lang)
            assert covering, topic
            for rel in covering:
                assert f'href="{rel}"' in rows[topic]
        assert "2027-08-20" in html  # next review of the example pages
        assert f'href="{"" if lang == "nl" else "../"}policykit-report.json"' in html
    # Every page of the site links to the Coverage page in its own language.
    assert 'href="../coverage.html"' in result.page("en/policy/principles.html")
    assert "Dekking en reviews" in result.page("index.html")


@pytest.fixture(scope="module")
def uncovered(tmp_path_factory):
    """One build with two seeded coverage defects: an own topic covered in one language only
    with a misspelt topic, and the US flag on while no page covers the US topics."""
    project = covered_kit(tmp_path_factory.mktemp("uncovered") / "kit", small=True)
    replace_in(project / "variables/company.yml", "  extra_topics: []",
               '  extra_topics:\n    - {id: travel, title: {nl: "Reizen", en: "Travel"}, '
               'why: "Staff travel a lot."}')
    replace_in(project / "variables/company.yml", "us_staff: false", "us_staff: true")
    for path in (project / "docs").rglob("*.md"):  # no page covers the US topics
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^topics: \[(.*)\]$", lambda m: "topics: [" + ", ".join(
            t for t in m.group(1).split(", ") if t and not t.startswith("us-")) + "]", text),
            encoding="utf-8")
    add_page(project, "policy/seed.nl.md", "# Reizen\n\nTekst.\n", topics="[travel]")
    add_page(project, "policy/seed.en.md", "# Travel\n\nText.\n", topics="[respectt]",
             nav=False)
    return build(project, env={"POLICYKIT_TODAY": "2026-11-26"})


@pytest.mark.build
def test_uncovered_and_unknown_topics_fail_the_build(uncovered):
    result = uncovered
    assert result.returncode != 0, result.explain()
    assert messages(result.output, "docs/policy/seed") == [
        "docs/policy/seed.en.md:2: required topic 'travel' (Travel) is not covered in language "
        "'en' — add 'travel' to topics: as in docs/policy/seed.nl.md",
        "docs/policy/seed.en.md:2: unknown topic 'respectt' — did you mean 'respect'?",
    ]


@pytest.mark.build
def test_flagged_topics_are_required_only_when_the_flag_is_on(uncovered):
    result = uncovered
    assert result.returncode != 0, result.explain()
    found = messages(result.output, "required topic 'us-")
    lines = {t.id: t.line for t in load_kit_topics()}
    assert [f.split(": required")[0] for f in found] == \
        [f"hooks/policykit/topics.yml:{lines['us-nlra']}"] * 2 \
        + [f"hooks/policykit/topics.yml:{lines['us-ftc']}"] * 2
    assert "required topic 'us-ftc' (US: FTC endorsement rules) is not covered in language 'en'" \
        in " ".join(found)
    assert "inside-information" not in result.output
