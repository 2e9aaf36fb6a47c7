"""Link check: pure core (exact messages) and seeded defects in real builds."""

from __future__ import annotations

import re

import pytest
from checkhelpers import add_page, covered_kit, messages
from conftest import build, replace_in
from policykit.checks import links
from policykit.checks.htmlscan import PageScan, Reference, scan_html
from policykit.checks.links import Problem, SiteShape, check_reference, resolve, trace_problems
from policykit.sources.trace import Tracer, find_line, link_candidates

PAGES = {
    "index.html": PageScan(ids={"top", "hr"}),
    "en/contacts.html": PageScan(ids={"press-office"}),
}
FILES = {"index.html", "en/contacts.html", "img/logo.png", "docs/index.html"}


@pytest.mark.parametrize("page, url, kind, expected", [
    # page, url as in the HTML, reference kind, expected message (None: fine)
    ("index.html", "en/contacts.html", "link", None),
    ("index.html", "en/contacts.html#press-office", "link", None),
    ("index.html", "#hr", "link", None),
    ("index.html", "docs/", "link", None),
    ("index.html", "https://elsewhere.example/x", "link", None),
    ("index.html", "javascript:void(0)", "link", None),
    ("index.html", "mailto:hr@org.example?subject=Hi", "link", None),
    ("index.html", "tel:+31301234567", "link", None),
    ("index.html", "en/missing.html", "link",
     "broken link 'en/missing.html': 'en/missing.html' does not exist in the built site"),
    ("index.html", "img/logo.svg", "image",
     "broken image 'img/logo.svg': 'img/logo.svg' does not exist in the built site"),
    ("index.html", "#hrr", "link", "broken anchor '#hrr': 'index.html' has no heading or id 'hrr'"),
    ("en/contacts.html", "../index.html#nope", "link",
     "broken anchor '../index.html#nope': 'index.html' has no heading or id 'nope'"),
    ("index.html", "../outside.html", "link",
     "broken link '../outside.html': it points outside the site"),
    ("index.html", "/en/contacts.html", "link",
     "link '/en/contacts.html' starts with '/' and breaks when the site is not at the root of "
     "the web server"),
    ("404.html", "/en/contacts.html", "link", None),
    ("index.html", "mailto:hr-at-org", "link",
     "malformed e-mail link 'mailto:hr-at-org': 'hr-at-org' is not an e-mail address"),
    ("index.html", "mailto:", "link",
     "malformed e-mail link 'mailto:': '' is not an e-mail address"),
    ("index.html", "tel:030-1234", "link", "malformed phone link 'tel:030-1234'"),
])
def test_check_reference_messages(page, url, kind, expected):
    problem = check_reference(page, Reference(url, kind, "a"), PAGES, FILES)
    assert (problem.message if problem else None) == expected


@pytest.mark.parametrize("url, fix", [
    ("en/contact.html", "did you mean 'en/contacts.html'? Correct the link"),
    ("#h", "did you mean '#hr'?"),
    ("nothing/like/this.html", "correct the link or create the page"),
])
def test_fix_suggestions(url, fix):
    assert check_reference("index.html", Reference(url, "link", "a"), PAGES, FILES).fix == fix


SHAPE = SiteShape(("en/",), {"policy/us-staff.md": "us_staff"})


@pytest.mark.parametrize("page, url, expected", [
    ("policy/ai.html", "us-staff.md",
     "broken link 'us-staff.md': the page 'policy/us-staff.md' is switched off (only_if: "
     "us_staff, and flags.us_staff is false) — remove the link, or set flags.us_staff: true in "
     "variables/company.yml"),
    ("en/index.html", "policy/us-staff.html#a",
     "broken link 'policy/us-staff.html#a': the page 'policy/us-staff.md' is switched off "
     "(only_if: us_staff, and flags.us_staff is false) — remove the link, or set "
     "flags.us_staff: true in variables/company.yml"),
    ("policy/ai.html", "ai.en.md",
     "broken link 'ai.en.md': a link names the page without a language ('.en' is too much) — "
     "link to 'ai.md': each language then shows its own version"),
    ("en/policy/ai.html", "../../policy/ai.nl.md",
     "broken link '../../policy/ai.nl.md': a link names the page without a language ('.nl' is "
     "too much) — link to 'ai.md': each language then shows its own version"),
    ("policy/ai.html", "other.md",
     "broken link 'other.md': 'policy/other.md' does not exist in the built site — correct the "
     "link or create the page"),
])
def test_missing_pages_are_explained(page, url, expected):
    problem = check_reference(page, Reference(url, "link", "a"), PAGES, FILES, SHAPE)
    assert f"{problem.message} — {problem.fix}" == expected


def test_only_the_named_pages_are_judged_but_all_are_targets():
    pages = {"index.html": PageScan(references=[Reference("a.html#x", "link", "a")]),
             "print.html": PageScan(references=[Reference("#nope", "link", "a")]),
             "a.html": PageScan(ids={"x"})}
    files = set(pages)
    assert [p.page for p in links.site_problems(pages, files)] == ["print.html"]
    assert links.site_problems(pages, files, only={"index.html", "a.html"}) == []
    assert [p.url for p in links.site_problems(pages, files, only={"print.html"})] == ["#nope"]


def test_resolve_and_candidates_examples():
    assert resolve("en/policy/a.html", "../../x.html") == "x.html"
    assert resolve("a.html", "../x.html") is None
    assert link_candidates("mailto:a@b.example")[-1] == "a@b.example"


def test_scan_html_finds_ids_links_resources_and_text():
    scan = scan_html(
        '<h1 id="t">Title &amp; more</h1><a name="old"></a><!-- <a href="c.html"> -->'
        '<script src="s.js"></script><script>var a = "<a href=x.html>";</script>'
        '<link rel="stylesheet" href="a.css"><link rel="next" href="n.html">'
        '<img srcset="a.png 1x, b.png 2x"><div style="background:url(\'bg.png\')"></div>'
        '<code>{{ raw }}</code><p>after</p>')
    assert scan.ids == {"t", "old"}
    assert [(r.url, r.kind) for r in scan.references] == [
        ("s.js", "resource"), ("a.css", "resource"), ("n.html", "link"), ("a.png", "image"),
        ("b.png", "image"), ("bg.png", "resource")]
    assert scan.text == "Title & more {{ raw }} after"
    assert "{{" not in scan.raw_text and "after" in scan.raw_text


def test_trace_points_at_markdown_line_then_shared_sources(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    (tmp_path / "docs/a.nl.md").write_text("---\ntopics: []\n---\n\n# A\n\nSee [x](gone.md#top).\n")
    (tmp_path / "overrides/main.html").write_text("<p>\n<a href='theme-gone.html'>x</a>\n</p>\n")
    tracer = Tracer.for_project(tmp_path)
    problems = [Problem("a.html", "gone.html#top", "broken link 'gone.html#top'", "fix it"),
                Problem("a.html", "theme-gone.html", "broken link 'theme-gone.html'", "fix it"),
                Problem("b.html", "theme-gone.html", "broken link 'theme-gone.html'", "fix it")]
    sources = {"a.html": "docs/a.nl.md", "b.html": "docs/b.nl.md"}
    found = sorted(str(f) for f in trace_problems(problems, sources, tracer))
    assert found == [
        "docs/a.nl.md:7: broken link 'gone.html#top' — fix it",
        "overrides/main.html:2: broken link 'theme-gone.html' (on 2 pages, e.g. docs/a.nl.md)"
        " — fix it",
    ]
    assert find_line("x\ny", ["nothing"]) is None


# --- Seeded defects, all in one copy of the kit: one build per engine and verbosity --------

@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """Builds of one copy with every seeded link defect, made on first use and kept:
    ``seeded(engine, *args, env=None)``."""
    project = covered_kit(tmp_path_factory.mktemp("links") / "kit", small=True)
    add_page(project, "policy/links.nl.md",
             "# Links\n\n"
             "Zie [de regels](regels.md).\n\n"                              # line 9
             "![Logo](../assets/logo-missing.png)\n\n"                     # line 11
             "Naar [contact](../contacts.md#nergens).\n\n"                 # line 13
             '<a href="oud/pagina.html">oude pagina</a>\n\n'               # line 15
             '<a href="mailto:pers-at-brugwerk">mail</a>\n\n'              # line 17
             '<a href="tel:030 700">bel</a>\n\n'                           # line 19
             "[Boven](#links) is goed.\n")
    add_page(project, "policy/links.en.md", "# Links\n\nNothing broken here.\n", nav=False)
    replace_in(project / "overrides/partials/copyright.html",
               '<div class="md-copyright__highlight">',
               '<div class="md-copyright__highlight"><a href="{{ base_url }}/colofon.html">i</a>')
    add_page(project, "policy/q.nl.md", "# Q\n\n[x](nergens.md)\n")
    add_page(project, "policy/q.en.md", '# Q\n\n<a href="nowhere.html">x</a>\n', nav=False)
    add_page(project, "policy/v.nl.md", "# V\n\nZie [VS](us-staff.md) en [en](v.en.md).\n")
    add_page(project, "policy/v.en.md", "# V\n\nSee [listed](listed-company.md#rules).\n",
             nav=False)
    made: dict[tuple, object] = {}

    def result(engine: str = "mkdocs", *args: str, env: dict | None = None):
        key = (engine, args, tuple(sorted((env or {}).items())))
        if key not in made:
            made[key] = build(project, *args, engine=engine, env=env,
                              site=project / f"site-{len(made)}")
        return made[key]
    return result


def _warnings(output: str) -> int:
    return len(re.findall(r"^WARNING ", output, re.MULTILINE))


@pytest.mark.build
def test_seeded_link_defects_fail_the_build_with_file_line_and_target(seeded):
    result = seeded()
    assert result.returncode != 0, result.explain()
    found = messages(result.output, "docs/policy/links.nl.md")
    assert found == [
        "docs/policy/links.nl.md:9: broken link 'regels.md': 'policy/regels.md' does not exist "
        "in the built site — correct the link or create the page",
        "docs/policy/links.nl.md:11: broken image '../assets/logo-missing.png': "
        "'assets/logo-missing.png' does not exist in the built site — put the image under "
        "docs/ or correct the path",
        "docs/policy/links.nl.md:13: broken anchor '../contacts.html#nergens': 'contacts.html' "
        "has no heading or id 'nergens' — link to a heading that exists (see the page's table "
        "of contents)",
        "docs/policy/links.nl.md:15: broken link 'oud/pagina.html': 'policy/oud/pagina.html' "
        "does not exist in the built site — correct the link or create the page",
        "docs/policy/links.nl.md:17: malformed e-mail link 'mailto:pers-at-brugwerk': "
        "'pers-at-brugwerk' is not an e-mail address — write it as mailto:name@example.org",
        "docs/policy/links.nl.md:19: malformed phone link 'tel:030 700' — write tel: followed "
        "by + and the digits, e.g. tel:+31301234567",
    ]
    override = messages(result.output, "overrides/partials/copyright.html")
    assert len(override) == 1, result.output
    assert override[0].startswith("overrides/partials/copyright.html:6: broken link ")
    assert "colofon.html" in override[0] and "pages, e.g. docs/" in override[0]
    assert "Aborted with" in result.output


@pytest.mark.build
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_findings_of_every_language_are_listed_and_fail_quiet_builds(seeded, engine):
    loud = seeded(engine)
    assert loud.returncode != 0, loud.explain()
    # MkDocs' own warning in the English build no longer stops the site-wide checks.
    assert messages(loud.output, "docs/policy/q") == [
        "docs/policy/q.en.md:9: broken link 'nowhere.html': 'en/policy/nowhere.html' does not "
        "exist in the built site — correct the link or create the page",
        "docs/policy/q.nl.md:9: broken link 'nergens.md': 'policy/nergens.md' does not exist "
        "in the built site — correct the link or create the page",
    ]
    quiet = seeded(engine, "-q")
    assert quiet.returncode != 0, quiet.explain()
    assert f"Aborted with {_warnings(loud.output)} warnings in strict mode!" in quiet.output
    assert "broken link" not in quiet.output


@pytest.mark.build
def test_links_to_switched_off_and_language_pages_are_explained_once(seeded):
    result = seeded()
    assert result.returncode != 0, result.explain()
    assert messages(result.output, "docs/policy/v.") == [
        "docs/policy/v.en.md:9: broken link 'listed-company.md#rules': the page "
        "'policy/listed-company.md' is switched off (only_if: listed_company, and "
        "flags.listed_company is false) — remove the link, or set flags.listed_company: true "
        "in variables/company.yml",
        "docs/policy/v.nl.md:9: broken link 'us-staff.md': the page 'policy/us-staff.md' is "
        "switched off (only_if: us_staff, and flags.us_staff is false) — remove the link, or "
        "set flags.us_staff: true in variables/company.yml",
        "docs/policy/v.nl.md:9: broken link 'v.en.md': a link names the page without a "
        "language ('.en' is too much) — link to 'v.md': each language then shows its own "
        "version",
    ]
    # MkDocs' own message about the same links (no line, no fix) is only information now...
    assert not [line for line in result.output.splitlines()
                if "contains a link" in line and line.startswith("WARNING")]
    assert f"Aborted with {_warnings(result.output)} warnings" in result.output
    # ...but it still fails the build when the kit's link check is switched off.
    unchecked = seeded("mkdocs", env={"POLICYKIT_CHECKS": "coverage,reviews"})
    assert unchecked.returncode != 0
    assert "WARNING -  Doc file 'policy/v.nl.md' contains a link 'us-staff.md'" in unchecked.output
