"""The web editor (``admin/``, Decap CMS) on its local backend, in one browser session.

A copy of the kit with the web editor on (``POLICYKIT_EDITOR_BACKEND``, as ``make editor``
sets it) and contacts moved to ``variables/editor/people.yml`` (``policykit editor-data``) is built
and served; ``decap-server`` saves into that copy. The flow an editor follows: change a
sentence on a Dutch page and on its English twin, change a contact's e-mail address in the
form, create a page in ``docs/local/``; then the copy is built again. Screenshots for the
editors' guide go to ``artifacts/editor-*.png``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TEST_TODAY, build, replace_in, small_kit
from policykit.labels import word
from policykit.lifecycle.editor import DECAP_SERVER, backend_environment, backend_url, move_people
from policykit.output.editorconfig import BUNDLE_DIR, BUNDLE_SCRIPT
from policykit.project import Project
from policykit.sources.pages import read_front_matter
from policykit.sources.people import PEOPLE_FILE

from browser.guard import guarded_context
from browser.server import serve_folder
from browser.tools import missing

NL_PAGE = "docs/policy/ai.nl.md"
EN_PAGE = "docs/policy/ai.en.md"
NL_SENTENCE = "ook als een AI-tool het heeft gemaakt."
EN_SENTENCE = "also when an AI tool made it."
NL_ADDED = " Dat geldt ook als je iets van een ander deelt."
EN_ADDED = " That includes sharing what someone else posted."
OLD_EMAIL, NEW_EMAIL = "pers@brugwerk.example", "media@brugwerk.example"
SHOT = {"width": 1100, "height": 760}
LOCAL_TITLE = {"nl": "Reiskosten", "en": "Travel expenses"}
LOCAL_SLUG = "reiskosten"
LOCAL_TEXT = {"nl": "Declareer reiskosten binnen een maand.",
              "en": "Claim travel expenses within a month."}


@dataclass
class EditorSite:
    project: Path
    url: str
    before: dict[str, str]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _hashes(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()
            and path.relative_to(root).parts[0] not in ("site", "editor")}


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorSite]:
    node = shutil.which("node")
    for needed in (REPO / DECAP_SERVER, REPO / BUNDLE_DIR / BUNDLE_SCRIPT):
        if not needed.is_file() or not node:
            missing(f"the web editor ({needed})", "run `make editor-install` (.ci/run does)")
    project = small_kit(tmp_path_factory.mktemp("editor") / "kit", keep=("policy/ai.md",))
    shutil.copytree(REPO / BUNDLE_DIR, project / BUNDLE_DIR)
    move_people(Project(project))
    port = _free_port()
    built = build(project, env={"POLICYKIT_EDITOR_BACKEND": backend_url(port)})
    assert built.returncode == 0, built.explain()
    before = _hashes(project)
    server = subprocess.Popen([node, str(REPO / DECAP_SERVER)], cwd=project,
                              env=backend_environment(project, port),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "decap-server did not start"
            time.sleep(0.1)
    try:
        with serve_folder(built.site) as url:
            yield EditorSite(project, url, before)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _open(page, url: str, route: str) -> None:
    """Open a route of the editor as a new page load (a changed #hash alone does not make
    Decap open another entry)."""
    page.goto(f"{url}admin/index.html?open={route.replace('/', '-')}#/{route}")


def _put_caret_after(page, needle: str) -> None:
    """Place the caret after ``needle`` in Decap's Markdown editor (a Slate editor follows the
    browser's selection), so typing changes the text right there."""
    page.evaluate("""(needle) => {
      const editor = document.querySelector('[data-slate-editor]');
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(needle);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at + needle.length);
          range.collapse(true);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
          return;
        }
      }
      throw new Error('not in the editor: ' + needle);
    }""", needle)
    page.wait_for_timeout(200)


def _publish(page) -> None:
    page.get_by_role("button", name="Publiceer", exact=True).click()
    page.get_by_text("Publiceer nu").click()
    page.get_by_text("Wijzigingen opgeslagen", exact=False).wait_for()


def _edit_sentence(page, url: str, entry: str, needle: str, added: str) -> None:
    _open(page, url, f"collections/online-gedrag/entries/{entry}")
    page.locator("[data-slate-editor]").get_by_text(needle[:12], exact=False).first.wait_for()
    _put_caret_after(page, needle)
    page.keyboard.type(added)
    _publish(page)


def _textbox_with(page, value: str):
    for box in page.get_by_role("textbox").all():
        if box.input_value() == value:
            return box
    raise AssertionError(f"no field holds {value!r}")


def _retype(page, box, text: str) -> None:
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _changed(site: EditorSite) -> set[str]:
    after = _hashes(site.project)
    return {path for path in set(after) | set(site.before)
            if after.get(path) != site.before.get(path)}


def test_web_editor_flow(browser, editor_site: EditorSite, artifacts: Path):
    site = editor_site
    project = site.project
    originals = {rel: (project / rel).read_text(encoding="utf-8") for rel in (NL_PAGE, EN_PAGE)}
    company_before = (project / "variables/company.yml").read_text(encoding="utf-8")
    people_before = yaml.safe_load((project / PEOPLE_FILE).read_text(encoding="utf-8"))
    context, log = guarded_context(browser, locale="nl-NL", viewport=SHOT)
    context.set_default_timeout(20_000)
    context.clock.set_system_time(dt.datetime.fromisoformat(f"{TEST_TODAY}T12:00:00"))  # "Nu"
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    page.goto(site.url + "admin/index.html")
    page.screenshot(path=str(artifacts / "editor-sign-in.png"))
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Online gedrag").first.click()
    page.get_by_text("AI-gegenereerde inhoud (nl)").wait_for()
    page.screenshot(path=str(artifacts / "editor-collections.png"))

    # 1. A sentence on a Dutch page and on its English twin: one save each.
    _edit_sentence(page, site.url, "policy-ai-nl", NL_SENTENCE, NL_ADDED)
    page.screenshot(path=str(artifacts / "editor-page.png"))
    _edit_sentence(page, site.url, "policy-ai-en", EN_SENTENCE, EN_ADDED)
    assert _changed(site) == {NL_PAGE, EN_PAGE}
    for rel, needle, added in ((NL_PAGE, NL_SENTENCE, NL_ADDED), (EN_PAGE, EN_SENTENCE, EN_ADDED)):
        old, new = originals[rel], (project / rel).read_text(encoding="utf-8")
        assert read_front_matter(new) == read_front_matter(old), f"{rel}: front matter changed"
        old_body, new_body = old.split("\n---\n", 1)[1], new.split("\n---\n", 1)[1]
        assert new_body == old_body.replace(needle, needle + added, 1), f"{rel}: more than the sentence"

    # 2. A contact's e-mail address in the form; a wrong one is refused with the schema's hint.
    _open(page, site.url, "collections/people/entries/people")
    page.get_by_text("Questions from journalists.").wait_for()
    box = _textbox_with(page, OLD_EMAIL)
    _retype(page, box, "pers-at-brugwerk")
    page.get_by_role("button", name="Publiceer", exact=True).click()
    page.get_by_text("Publiceer nu").click()
    refused = f"{word('editor', 'wrong_form', 'nl')} An e-mail address such as name@example.nl"
    page.get_by_text(refused).wait_for()
    page.screenshot(path=str(artifacts / "editor-contact-error.png"))
    # Decap rejects the refused save with an empty reason; that is not a script error.
    errors[:] = [error for error in errors if not error.endswith(": undefined")]
    _retype(page, box, NEW_EMAIL)
    _publish(page)
    people = (project / PEOPLE_FILE).read_text(encoding="utf-8")
    expected = copy.deepcopy(people_before)
    expected["contacts"]["press_office"]["email"] = NEW_EMAIL
    assert yaml.safe_load(people) == expected, "more than the e-mail address changed"
    assert "# Questions from journalists." in people, "the field documentation is not in the file"
    assert (project / "variables/company.yml").read_text(encoding="utf-8") == company_before

    # 3. A new page of the organisation's own, in both languages at once.
    _open(page, site.url, "collections/local/new")
    titles = page.get_by_label("Titel")
    titles.nth(0).fill(LOCAL_TITLE["nl"])
    titles.nth(1).fill(LOCAL_TITLE["en"])
    owner = page.get_by_label("Eigenaar").first
    owner.click()
    page.keyboard.type("HR-servicepunt")
    page.keyboard.press("Enter")
    page.get_by_text("Nu", exact=True).first.click()
    bodies = page.locator("[data-slate-editor]")
    for index, lang in enumerate(("nl", "en")):
        bodies.nth(index).click()
        page.keyboard.type(LOCAL_TEXT[lang])
    page.screenshot(path=str(artifacts / "editor-new-page.png"))
    _publish(page)

    new_pages = {f"docs/local/{LOCAL_SLUG}.{lang}.md" for lang in ("nl", "en")}
    assert _changed(site) == {NL_PAGE, EN_PAGE, PEOPLE_FILE} | new_pages
    for lang in ("nl", "en"):
        text = (project / f"docs/local/{LOCAL_SLUG}.{lang}.md").read_text(encoding="utf-8")
        meta = read_front_matter(text)
        assert meta == {"title": LOCAL_TITLE[lang], "topics": [], "owner": "hr",
                        "last_reviewed": TEST_TODAY}, meta
        assert LOCAL_TEXT[lang] in text

    # The edited copy builds (strict), with the new page in the menu and the new address.
    rebuilt = build(project, site=project / "site-after")
    assert rebuilt.returncode == 0, rebuilt.explain()
    home = rebuilt.page("index.html")
    assert f"local/{LOCAL_SLUG}.html" in home and LOCAL_TITLE["nl"] in home
    assert LOCAL_TITLE["en"] in rebuilt.page("en/index.html")
    assert f"mailto:{NEW_EMAIL}" in rebuilt.page("contacts.html")
    assert NL_ADDED.strip() in rebuilt.page("policy/ai.html")

    # A wrong address written into the file by hand: the usual file:line message.
    replace_in(project / PEOPLE_FILE, NEW_EMAIL, "media(at)brugwerk")
    line = next(number for number, text in enumerate(
        (project / PEOPLE_FILE).read_text(encoding="utf-8").splitlines(), 1) if "media(at)" in text)
    broken = build(project, site=project / "site-broken")
    assert broken.returncode != 0
    assert (f"{PEOPLE_FILE}:{line}: contacts.press_office.email: 'media(at)brugwerk' is not an "
            "e-mail address — write an e-mail address such as name@example.nl") in broken.output, \
        broken.explain()
    context.close()
    assert not errors, errors
    assert not log.outside(), f"requests left 127.0.0.1: {log.outside()}"
