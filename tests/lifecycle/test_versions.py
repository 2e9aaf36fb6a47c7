"""Versions for approval on a real git history with three tagged versions (built once each).

policy-2.1 → policy-2.2: a changed sentence, a changed variable (monitoring.retention_days), an
added page, a removed page and a renamed page; 2.2 asks for a new acknowledgement.
policy-2.2 → policy-2.3: one changed word. The redlines, the dossier PDFs, the Word files, the
"What changed" links and the acknowledgement notice are all read from these builds.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx  # python-docx, in the test extra
import pytest
from conftest import REPO, build, replace_in, require_chromium, require_program, small_kit
from gitrepo import commit_all, git, init_repo
from policykit.checks.active import kit_script_hashes, site_findings
from policykit.dates import long_date
from policykit.lifecycle import cli
from policykit.lifecycle.redlines import CACHE_DIR, compare_versions, redline_name, tagged_pairs
from policykit.sources.versions import VersionError, load_versions, resolve

PAGES = {
    "rules": ("# Testregels\n\nWe bewaren gemelde berichten {{ monitoring.retention_days }} dagen."
              "\n\nEen medewerker meldt een incident binnen twee werkdagen bij het team.\n",
              "# Test rules\n\nWe keep reported posts for {{ monitoring.retention_days }} days."
              "\n\nAn employee reports an incident within two working days to the team.\n"),
    "old-name": ("# Oude naam\n\nDeze pagina over vergaderingen verhuist naar een andere plek in "
                 "de site, met dezelfde tekst over agenda's, notulen en besluiten.\n",
                 "# Old name\n\nThis page about meetings moves to another place in the site, "
                 "with the same text about agendas, minutes and decisions.\n"),
    "gone": ("# Vervalt\n\nDe regeling voor faxberichten geldt niet meer.\n",
             "# Withdrawn\n\nThe rules for fax messages no longer apply.\n"),
}
ADDED = ("# Nieuw\n\nVanaf nu geldt een regel voor livestreams.[^1]\n\n"
         "| Kanaal | Wie |\n|---|---|\n| Livestream | Team |\n\n[^1]: Ook voor podcasts.\n",
         "# New\n\nFrom now on there is a rule for live streams.[^1]\n\n"
         "| Channel | Who |\n|---|---|\n| Live stream | Team |\n\n[^1]: Also for podcasts.\n")
FRONT = "---\ntopics: [{topics}]\nowner: hr\nlast_reviewed: 2026-11-20\n---\n\n"


def write_page(kit: Path, name: str, texts: tuple[str, str], topics: str = "governance") -> None:
    for lang, text in zip(("nl", "en"), texts, strict=True):
        path = kit / f"docs/versiontest/{name}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FRONT.format(topics=topics) + text, encoding="utf-8")


def set_nav(kit: Path, names: list[str]) -> None:
    text = (kit / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - versiontest/[^\n]*", "", text)
    entries = "".join(f"\n  - versiontest/{name}.md" for name in names)
    (kit / "mkdocs.yml").write_text(text.replace("\nnav:", "\nnav:" + entries, 1),
                                    encoding="utf-8")


def set_version(kit: Path, version: str, effective: str, approved: str, change: str,
                ack: bool) -> None:
    """A new current version, listed on top of policy.history."""
    path = kit / "variables/company.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  version: \"[^\"]*\"", f'  version: "{version}"', text, count=1)
    text = re.sub(r"(?m)^  effective_date: \S+", f"  effective_date: {effective}", text, count=1)
    text = re.sub(r"(?m)^  approved_date: \S+", f"  approved_date: {approved}", text, count=1)
    entry = (f'    - version: "{version}"\n      effective_date: {effective}\n'
             f"      approved_date: {approved}\n"
             + ("      needs_acknowledgement: true\n" if ack else "")
             + f'      changes:\n        nl: "{change}"\n        en: "{change} (en)"\n')
    text = re.sub(r"(?m)^(  history:[^\n]*\n(?:\s*#[^\n]*\n)*)", lambda m: m.group(1) + entry,
                  text, count=1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory):
    """A policy repository with the tags policy-2.1, policy-2.2 and policy-2.3, compared."""
    # The policy pages the tests name stay; the others are switched off (a smaller site for
    # each of the four builds: the three versions side by side and the newest with redlines).
    root = small_kit(tmp_path_factory.mktemp("versions") / "policy",
                     keep=("policy/respect.md", "policy/monitoring.md"))
    (root / ".gitignore").write_text((REPO / ".gitignore").read_text(encoding="utf-8"))
    # 2.1: the example, not asking for a new acknowledgement, with the test pages
    replace_in(root / "variables/company.yml", "      needs_acknowledgement: true", "      #")
    for name, texts in PAGES.items():
        write_page(root, name, texts, "monitoring" if name == "rules" else "governance")
    set_nav(root, list(PAGES))
    init_repo(root, day="2026-09-01")
    git(root, "tag", "policy-2.1")
    # 2.2: every kind of change
    for lang in ("nl", "en"):
        replace_in(root / f"docs/versiontest/rules.{lang}.md", *(
            ("binnen twee werkdagen", "binnen drie werkdagen") if lang == "nl"
            else ("within two working days", "within three working days")))
        (root / f"docs/versiontest/gone.{lang}.md").unlink()
        git(root, "mv", f"docs/versiontest/old-name.{lang}.md",
            f"docs/versiontest/new-name.{lang}.md")
        replace_in(root / f"docs/versiontest/new-name.{lang}.md",
                   *(("vergaderingen", "overleggen") if lang == "nl" else ("meetings", "consultations")))
    write_page(root, "added", ADDED)
    set_nav(root, ["rules", "new-name", "added"])
    replace_in(root / "variables/company.yml", "retention_days: 90", "retention_days: 60")
    set_version(root, "2.2", "2026-10-01", "2026-09-15", "Monitoring: berichten korter bewaard.",
                ack=True)
    commit_all(root, "2.2", day="2026-10-01")
    git(root, "tag", "policy-2.2")
    # 2.3: one word
    replace_in(root / "docs/versiontest/rules.nl.md", "Een medewerker meldt", "Iedere medewerker meldt")
    set_version(root, "2.3", "2026-11-01", "2026-10-20", "Kleine verduidelijking.", ack=False)
    commit_all(root, "2.3", day="2026-11-01")
    git(root, "tag", "policy-2.3")
    load_versions(root, ["2.1", "2.2", "policy-2.3"], root / CACHE_DIR)   # side by side
    first = compare_versions(root, "2.1", "2.2")
    second = compare_versions(root, "2.2", "policy-2.3")
    return root, first, second


def by_url(changes, url):
    return next(c for c in changes if c.page.url == url)


def test_redline_marks_exactly_the_changed_words(history):
    _, first, _ = history
    for lang, prefix in (("nl", ""), ("en", "en/")):
        changes = first.changes[lang]
        rules = by_url(changes, f"{prefix}versiontest/rules.html")
        assert rules.status == "changed"
        assert rules.deleted == (["90", "twee"] if lang == "nl" else ["90", "two"])
        assert rules.inserted == (["60", "drie"] if lang == "nl" else ["60", "three"])
        added = by_url(changes, f"{prefix}versiontest/added.html")
        assert added.status == "added" and added.old is None and not added.deleted
        assert "livestreams" in " ".join(added.inserted) or "live" in " ".join(added.inserted)
        gone = by_url(changes, f"{prefix}versiontest/gone.html")
        assert gone.status == "removed" and gone.new is None and not gone.inserted
        renamed = by_url(changes, f"{prefix}versiontest/new-name.html")
        assert renamed.status == "renamed"
        assert renamed.old.url == f"{prefix}versiontest/old-name.html"
        assert (renamed.deleted, renamed.inserted) == (
            (["vergaderingen"], ["overleggen"]) if lang == "nl"
            else (["meetings"], ["consultations"]))
        # Every other page changed only where a value changed: the version, its dates, the
        # retention period (the real monitoring page) and the history table.
        policies = (first.old.variables["policy"], first.new.variables["policy"])
        allowed = {"2.1", "2.2", "90", "60"} | {
            word for policy in policies for key in ("effective_date", "approved_date")
            for word in long_date(policy[key], lang).split()}
        for change in changes:
            if change.has_changes and "versiontest" not in change.page.url \
                    and "maintain/changes" not in change.page.url:
                words = {w for piece in change.inserted + change.deleted for w in piece.split()}
                assert words <= allowed, (change.page.url, words)
        assert by_url(changes, f"{prefix}policy/respect.html").status == "unchanged"


def test_redline_html_lists_unchanged_pages_and_follows_the_rename(history):
    root, first, _ = history
    assert cli.main(["redline", "--from", "2.1", "--to", "policy-2.2", "--root", str(root)]) == 0
    page = (root / "redlines" / redline_name("2.1", "2.2", "nl")).read_text(encoding="utf-8")
    assert "<del>twee</del> <ins>drie</ins> werkdagen" in page
    assert "<del>90</del> <ins>60</ins>" in page
    assert 'class="pk-rl-page pk-rl-removed"' in page and 'class="pk-rl-page pk-rl-added"' in page
    assert "Verplaatst of hernoemd — was versiontest/old-name.html" in page
    unchanged = page.split("Ongewijzigde pagina")[1]
    assert "Respect" in unchanged and "Testregels" not in unchanged
    english = (root / "redlines" / redline_name("2.1", "2.2", "en")).read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "<del>two</del> <ins>three</ins>" in english


def test_versions_resolve_by_number_tag_or_commit_and_say_what_is_known(history):
    root, first, second = history
    assert resolve(root, "2.2")[0] == "policy-2.2"
    assert resolve(root, "HEAD")[1] == second.new.commit
    assert first.new.commit == second.old.commit
    with pytest.raises(VersionError, match="policy-2.1, policy-2.2, policy-2.3"):
        resolve(root, "9.9")
    assert second.changes["nl"] and by_url(second.changes["nl"], "versiontest/rules.html") \
        .inserted == ["Iedere"]
    assert not by_url(second.changes["en"], "en/versiontest/rules.html").has_changes


def test_acknowledgement_notice_only_for_the_marked_version(history):
    _, first, second = history
    marked = first.new.site / "index.html"
    notice = re.search(r'<div class="pk-ack".*?</div>', marked.read_text(encoding="utf-8"),
                       re.DOTALL)
    assert notice and 'data-version="2.2"' in notice.group(0)
    assert "Deze versie vraagt om je bevestiging" in notice.group(0)
    assert "1 oktober 2026" in notice.group(0)
    fingerprint = re.search(r'data-fingerprint="([0-9a-f]{12})"', notice.group(0)).group(1)
    assert f"version=2.2&amp;date=2026-10-01&amp;text={fingerprint}" in notice.group(0)
    english = (first.new.site / "en/index.html").read_text(encoding="utf-8")
    assert "This version needs your acknowledgement" in english
    for site in (first.old.site, second.new.site):
        assert 'class="pk-ack"' not in (site / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def head_site(history):
    """``make redlines``, then the strict build of the newest version with them."""
    root = history[0]
    assert tagged_pairs(root, _history(root)) == [("2.1", "2.2"), ("2.2", "2.3")]
    assert cli.main(["redlines", "--root", str(root)]) == 0
    result = build(root)
    assert result.returncode == 0, result.explain()
    return result


def _history(root: Path):
    import yaml
    return yaml.safe_load((root / "variables/company.yml").read_text())["policy"]["history"]


def test_what_changed_links_each_tagged_version_to_its_redline(head_site):
    page = head_site.page("maintain/changes.html")
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r'<tr id="version-([0-9.]+)">(.*?)</tr>', page, re.DOTALL)}
    assert 'href="../redlines/redline-2.2-2.3.nl.html"' in rows["2.3"]
    assert 'href="../redlines/redline-2.1-2.2.nl.html"' in rows["2.2"]
    assert "pk-redline-link" not in rows["2.1"]   # 2.0 has no tag
    assert (head_site.site / "redlines/redline-2.2-2.3.nl.html").is_file()
    english = head_site.page("en/maintain/changes.html")
    assert 'href="../../redlines/redline-2.1-2.2.en.html"' in english
    # The redlines pass what `make publish` requires: no inline style or script, nothing from
    # outside, their stylesheet beside them.
    found = site_findings(head_site.site, kit_script_hashes(REPO))
    assert [f for f in found if f.path.startswith("redlines/")] == []
    assert 'href="redline.css"' in head_site.page("redlines/redline-2.1-2.2.nl.html")
    assert "ins{" in head_site.page("redlines/redline.css")


def test_dossier_pdfs_hold_cover_summary_grounds_redline_and_letter(history, tmp_path):
    pdftotext = require_program("pdftotext", package="poppler-utils")
    require_chromium()
    root = history[0]
    assert cli.main(["dossier", "--from", "2.1", "--to", "2.2", "--root", str(root),
                     "--out", str(tmp_path), "--today", "2026-09-20"]) == 0
    texts = {}
    for lang in ("nl", "en"):
        pdf = tmp_path / redline_name("2.1", "2.2", lang, "pdf", "dossier")
        done = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True)
        texts[lang] = " ".join(done.stdout.split())
    nl, en = texts["nl"], texts["en"]
    assert "Brugwerk Ingenieurs B.V." in nl and "Verzoek om instemming" in nl
    assert "Van versie 2.1 naar versie 2.2" in nl and "20 september 2026" in nl
    assert "Monitoring: berichten korter bewaard." in nl          # summary from policy.history
    assert "art. 27 lid 1 sub l WOR" in nl and "Testregels" in nl  # monitoring change flagged
    assert "twee drie werkdagen" in nl                              # the redline, both words
    assert "Handtekening voorzitter" in nl and "stemt in onder de volgende voorwaarden" in nl
    assert "Request for consent" in en and "art. 27(1)(l)" in en and "Signature of the chair" in en


def test_docx_has_headings_tables_footnotes_and_tracked_changes(head_site, tmp_path):
    require_program("pandoc", package="pandoc")
    root = head_site.site.parent
    assert cli.main(["docx", "--site", str(head_site.site), "--out", str(tmp_path),
                     "--redlines", str(root / "redlines")]) == 0
    document = docx.Document(str(tmp_path / "policy.nl.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Nieuw" in headings and "Testregels" in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Kanaal", "Livestream"} <= cells
    bullets = [p for p in document.paragraphs if p.style.name in ("Compact", "List Paragraph")
               or p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert bullets
    with zipfile.ZipFile(tmp_path / "policy.nl.docx") as archive:
        assert "Ook voor podcasts." in archive.read("word/footnotes.xml").decode("utf-8")
    redline = tmp_path / redline_name("2.2", "2.3", "nl", "docx")
    with zipfile.ZipFile(redline) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    inserted = re.findall(r"<w:ins [^>]*>(.*?)</w:ins>", xml, re.DOTALL)
    deleted = re.findall(r"<w:del [^>]*>(.*?)</w:del>", xml, re.DOTALL)
    html_redline = (root / "redlines" / redline_name("2.2", "2.3", "nl")).read_text("utf-8")
    assert len(inserted) == html_redline.count("<ins>") and len(deleted) == html_redline.count(
        "<del>")   # every marked word is a tracked change a reviewer can accept or reject
    assert any("Iedere" in x for x in inserted) and any(">Een<" in x for x in deleted)
    assert root.is_dir()
