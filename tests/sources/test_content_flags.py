"""Flag sections: on means present everywhere, off means absent from site, navigation and search.

The example organisation has every flag off (``example_site``); one extra build of a temporary
copy has every flag on. The difference between the two must be exactly the ``only_if`` pages.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, build, copy_kit
from policykit.sources.frontmatter import read_front_matter
from policykit.sources.pages import base_name, switched_off_pages

DOCS = REPO / "docs"
FLAGS = ("us_staff", "listed_company", "public_body")


def flag_pages() -> dict[str, set[str]]:
    """``{"us_staff": {"policy/us-staff.md"}, ...}`` from the pages' front matter."""
    pages: dict[str, set[str]] = {flag: set() for flag in FLAGS}
    for path in DOCS.rglob("*.md"):
        flag = read_front_matter(path.read_text(encoding="utf-8")).get("only_if")
        if flag:
            pages[flag].add(base_name(path.relative_to(DOCS).as_posix()))
    return pages


def html_of(page: str) -> str:
    return page[:-len(".md")] + ".html"


def site_files(site: BuildResult) -> set[str]:
    return {p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html")}


def search_locations(site: BuildResult) -> set[str]:
    index = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"]}


class NavLinks(HTMLParser):
    """Hrefs of links inside <nav> elements (the site navigation, not the page text)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.add(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_links(html_text: str) -> set[str]:
    parser = NavLinks()
    parser.feed(html_text)
    return parser.links


@pytest.fixture(scope="module")
def all_flags_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_kit(tmp_path_factory.mktemp("flags") / "kit")
    variables = project / "variables/company.yml"
    text = variables.read_text(encoding="utf-8")
    for flag in FLAGS:
        text, count = re.subn(rf"^(  {flag}:) false", r"\1 true", text, flags=re.M)
        assert count == 1, flag
    variables.write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.explain()
    return result


def test_each_flag_switches_exactly_its_own_pages():
    """The pure core: one flag off removes that flag's pages and nothing else."""
    pages = flag_pages()
    assert all(pages.values()), f"every flag has a page: {pages}"
    for flag in FLAGS:
        flags = {name: name != flag for name in FLAGS}
        off, findings = switched_off_pages(DOCS, flags)
        assert findings == []
        assert set(off) == pages[flag] and set(off.values()) == {flag}, flag
    off, _ = switched_off_pages(DOCS, {name: True for name in FLAGS})
    assert off == {}


def test_flag_pages_are_absent_when_off_and_present_when_on(example_site, all_flags_site):
    pages = {html_of(page) for group in flag_pages().values() for page in group}
    expected = pages | {f"en/{page}" for page in pages}
    off, on = site_files(example_site), site_files(all_flags_site)
    assert on - off == expected, "switching the flags on adds exactly their pages"
    assert off <= on, "switching flags on removes nothing"
    names = {Path(page).name for page in pages}
    for path in example_site.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert not [n for n in names if n in text], f"{path.name} refers to a switched-off page"


def test_flag_pages_are_in_the_navigation_only_when_on(example_site, all_flags_site):
    pages = {html_of(page) for group in flag_pages().values() for page in group}
    for rel in ("glossary.html", "en/glossary.html"):
        on, off = nav_links(all_flags_site.page(rel)), nav_links(example_site.page(rel))
        assert pages <= on, f"{rel}: nav lacks {pages - on}"
        assert not pages & off, f"{rel}: nav still links {pages & off}"
        assert on - off == pages, f"{rel}: the nav differs by more than the flag pages"
    section = {"Aanvullende regels": "glossary.html", "Additional rules": "en/glossary.html"}
    for title, rel in section.items():
        assert title in all_flags_site.page(rel)
        assert title not in example_site.page(rel), "an empty section heading stays behind"


def test_flag_pages_are_in_the_search_index_only_when_on(example_site, all_flags_site):
    pages = {html_of(page) for group in flag_pages().values() for page in group}
    expected = pages | {f"en/{page}" for page in pages}
    off, on = search_locations(example_site), search_locations(all_flags_site)
    assert on - off == expected
    index = (example_site.site / "search/search_index.json").read_text(encoding="utf-8")
    for words in ("Stericycle", "marktmisbruik", "Ambtenarenwet"):
        assert words not in index, f"'{words}' is searchable while its flag is off"
        assert words in (all_flags_site.site / "search/search_index.json").read_text("utf-8")


def test_references_to_flag_pages_appear_only_when_on(example_site, all_flags_site):
    """Conditional sentences in other pages follow the flags too (no broken links)."""
    for rel, target in (("policy/sensitive.html", 'href="listed-company.html"'),
                        ("policy/sensitive.html", 'href="public-body.html"'),
                        ("en/policy/records.html", 'href="public-body.html#public-records-act-and-woo"')):
        assert target in all_flags_site.page(rel), rel
        assert target not in example_site.page(rel), rel


def test_flag_pages_name_their_laws(all_flags_site):
    expected = {
        "policy/us-staff.html": ("372 NLRB No. 113", "16 CFR Part 465", "§7 NLRA",
                                 "De NLRB heeft sinds januari 2026 weer een quorum"),
        "policy/listed-company.html": ("Verordening marktmisbruik", "art. 17 MAR"),
        "policy/public-body.html": ("art. 9 Ambtenarenwet 2017", "Archiefwet 1995", "Woo",
                                    "Een nieuwe Archiefwet ligt bij het parlement"),
        "en/policy/us-staff.html": ("372 NLRB No. 113", "16 CFR Part 465", "§7 NLRA",
                                    "The NLRB has had a quorum again since January 2026"),
        "en/policy/listed-company.html": ("Market Abuse Regulation", "art. 17 MAR"),
        "en/policy/public-body.html": ("art. 9 Civil Servants Act 2017", "Archiefwet 1995",
                                       "Open Government Act", "A new Archiefwet is before parliament"),
    }
    for rel, words in expected.items():
        text = all_flags_site.page(rel)
        for word in words:
            assert word in text, f"{rel}: '{word}'"
    # The flag pages' sources join the Sources page only when their flag is on.
    for rel in ("sources.html", "en/sources.html"):
        assert 'id="stericycle"' in all_flags_site.page(rel) and 'id="mar-17"' in all_flags_site.page(rel)


def test_flag_sources_exist_in_both_languages():
    for group in flag_pages().values():
        for page in group:
            stem = Path(page).with_suffix("")
            for lang in ("nl", "en"):
                assert (DOCS / f"{stem}.{lang}.md").exists()
