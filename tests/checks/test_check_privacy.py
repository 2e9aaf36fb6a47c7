"""Privacy: nothing is loaded from another host; clickable links are fine."""

from __future__ import annotations

import pytest
from checkhelpers import add_page, covered_kit, messages
from conftest import build, replace_in
from policykit.checks.htmlscan import scan_html
from policykit.checks.privacy import allowed, page_problems, stylesheet_problems


@pytest.mark.parametrize("html, expected", [
    # page HTML, problem messages
    ('<a href="https://elsewhere.example/">a link</a>', []),
    ('<img src="img/local.png">', []),
    ('<img src="https://cdn.example.org/a.png">',
     ["the page loads an image from another host: 'https://cdn.example.org/a.png' "
      "(cdn.example.org learns who reads the policy)"]),
    ('<script src="//js.example.net/x.js"></script>',
     ["the page loads a script from another host: '//js.example.net/x.js' "
      "(js.example.net learns who reads the policy)"]),
    ('<link rel="stylesheet" href="https://fonts.example.com/css">',
     ["the page loads a style sheet, font or icon from another host: "
      "'https://fonts.example.com/css' (fonts.example.com learns who reads the policy)"]),
    ('<link rel="preconnect" href="https://fonts.example.com">',
     ["the page loads a style sheet, font or icon from another host: "
      "'https://fonts.example.com' (fonts.example.com learns who reads the policy)"]),
    ('<link rel="alternate" href="https://www.example.org/en/">', []),
    ('<iframe src="https://video.example.org/embed/1"></iframe>',
     ["the page loads an embedded frame from another host: 'https://video.example.org/embed/1' "
      "(video.example.org learns who reads the policy)"]),
    ('<style>@font-face{src:url("https://fonts.example.com/f.woff2")}</style>',
     ["the page loads a style or font from another host: 'https://fonts.example.com/f.woff2' "
      "(fonts.example.com learns who reads the policy)"]),
    ('<div style="background:url(https://img.example.org/bg.png)">x</div>',
     ["the page loads a file from another host: 'https://img.example.org/bg.png' "
      "(img.example.org learns who reads the policy)"]),
])
def test_page_problems(html, expected):
    assert [p.message for p in page_problems({"a.html": scan_html(html)})] == expected


def test_allow_list_and_stylesheets():
    assert allowed("https://cdn.example.org/a.js", ["cdn.example.org"])
    assert allowed("https://eu.cdn.example.org/a.js", ["*.cdn.example.org"])
    assert not allowed("https://cdn.example.org.evil.example/a.js", ["cdn.example.org"])
    assert page_problems({"a.html": scan_html('<img src="https://cdn.example.org/a.png">')},
                         ["cdn.example.org"]) == []
    found = stylesheet_problems({"assets/x.css": ["https://fonts.example.com/f.woff2",
                                                  "../fonts/local.woff2"]})
    assert [(p.page, p.url) for p in found] == [("assets/x.css",
                                                 "https://fonts.example.com/f.woff2")]


@pytest.mark.build
def test_external_resources_fail_the_build_and_allow_list_lets_them_pass(tmp_path):
    project = covered_kit(tmp_path / "kit", small=True)
    add_page(project, "policy/video.nl.md",
             "# Video\n\n"
             "[Bekijk het op de website](https://www.example.org/video).\n\n"          # line 9
             '<iframe src="https://video.example.org/embed/42"></iframe>\n\n'           # line 11
             "![Grafiek](https://img.example.org/grafiek.png)\n")                     # line 13
    add_page(project, "policy/video.en.md", "# Video\n\nNo video.\n", nav=False)
    (project / "docs/assets/stylesheets/policykit.css").write_text(
        '@import url("https://fonts.example.com/css2?family=Inter");\n', encoding="utf-8")
    result = build(project)
    assert result.returncode != 0, result.explain()
    assert messages(result.output, "from another host") == [
        "docs/assets/stylesheets/policykit.css:1: the page loads a font or image from a style "
        "sheet from another host: 'https://fonts.example.com/css2?family=Inter' "
        "(fonts.example.com learns who reads the policy) — save the file under docs/assets/ "
        "and refer to it there, or add the host to checks.allowed_hosts in "
        "variables/company.yml",
        "docs/policy/video.nl.md:11: the page loads an embedded frame from another host: "
        "'https://video.example.org/embed/42' (video.example.org learns who reads the policy) "
        "— save the file under docs/assets/ and refer to it there, or add the host to "
        "checks.allowed_hosts in variables/company.yml",
        "docs/policy/video.nl.md:13: the page loads an image from another host: "
        "'https://img.example.org/grafiek.png' (img.example.org learns who reads the policy) "
        "— save the file under docs/assets/ and refer to it there, or add the host to "
        "checks.allowed_hosts in variables/company.yml",
    ]
    replace_in(project / "variables/company.yml", "  allowed_hosts: []",
               '  allowed_hosts: ["video.example.org", "*.example.org", "fonts.example.com"]')
    allowed_build = build(project)
    assert allowed_build.returncode == 0, allowed_build.explain()


def test_loaded_references_skip_links_comments_and_inline_scripts():
    from policykit.checks.htmlscan import loaded_references
    refs = loaded_references(
        '<a href="https://x.example.org/">x</a><!-- <img src="https://old.example.org/a.png"> -->'
        '<script>var s = "<img src=https://js.example.org/b.png>";</script>'
        '<img src="https://img.example.org/c.png"><link rel="stylesheet" href="s.css">'
        '<link rel="alternate" href="https://alt.example.org/">'
        '<style>body{background:url(https://bg.example.org/d.png)}</style>')
    assert [(r.url, r.tag) for r in refs] == [("https://img.example.org/c.png", "img"),
                                              ("s.css", "link"),
                                              ("https://bg.example.org/d.png", "style")]
