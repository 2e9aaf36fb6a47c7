"""The print version (print.html per language) and its PDF made with headless Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import (
    REPO,
    BuildResult,
    build,
    replace_in,
    require_chromium,
    require_program,
    small_kit,
    small_repository,
)
from gitrepo import make
from policykit.output.printbook import anchor_of, rebase


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without acting on ``!ENV`` and Python tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/",
                                  lambda loader, suffix, node: None)


def nav_pages(project: Path) -> list[str]:
    """The page files of mkdocs.yml's nav in order: ``["index.md", "policy/x.md", ...]``."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)

    def walk(item: object) -> list[str]:
        if isinstance(item, str):
            return [item] if item.endswith(".md") else []
        if isinstance(item, dict):
            return [page for value in item.values() for page in walk(value)]
        if isinstance(item, list):
            return [page for value in item for page in walk(value)]
        return []
    return walk(config["nav"])


def section_ids(book: str) -> list[str]:
    return re.findall(r'<section class="pk-book-page" id="([^"]+)"', book)


@pytest.fixture(scope="module")
def ack_site(example_site: BuildResult) -> BuildResult:
    """The example organisation's site (built once per run), with its acknowledgement page."""
    assert (example_site.site / "acknowledgement.html").is_file(), \
        "the kit has an acknowledgement page (docs/acknowledgement.nl.md)"
    return example_site


# --- the print version as HTML --------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(("book", "words"), [
    ("print.html", ["Brugwerk Ingenieurs B.V.", "Socialemediabeleid", "Versie", "2.1",
                    "Geldig vanaf", "1 september 2026", "De directie op 14 juli 2026",
                    "Manager Communicatie", '<html lang="nl">']),
    ("en/print.html", ["Brugwerk Ingenieurs B.V.", "Social media policy", "Version", "2.1",
                       "In force from", "1 September 2026", "Head of Communications",
                       '<html lang="en">']),
])
def test_cover_names_organisation_version_and_date(example_site: BuildResult, book: str,
                                                   words: list[str]) -> None:
    text = example_site.page(book)
    cover = text[text.index('<section class="pk-cover">'):text.index("</section>")]
    for word in words[:-1]:
        assert word in cover, f"{book}: cover lacks {word!r}"
    assert words[-1] in text
    assert "CONCEPT" not in cover and "DRAFT" not in cover


@pytest.mark.build
def test_book_holds_every_page_in_nav_order(example_site: BuildResult) -> None:
    project = example_site.site.parent
    for prefix in ("", "en/"):
        expected = [anchor_of(prefix + page[:-3] + ".html") for page in nav_pages(project)
                    if (example_site.site / (prefix + page[:-3] + ".html")).exists()]
        book = example_site.page(prefix + "print.html")
        assert section_ids(book) == expected
        assert len(expected) >= 4


@pytest.mark.build
def test_switched_off_page_is_not_printed(example_site: BuildResult) -> None:
    assert not (example_site.site / "policy" / "us-staff.html").exists()
    assert "us-staff" not in example_site.page("print.html")


@pytest.mark.build
def test_ids_are_unique_and_links_stay_inside_the_book(example_site: BuildResult) -> None:
    for book_url in ("print.html", "en/print.html"):
        book = example_site.page(book_url)
        ids = re.findall(r' id="([^"]+)"', book)
        assert len(ids) == len(set(ids)), f"{book_url}: duplicate ids"
        for target in re.findall(r' href="#([^"]*)"', book):
            assert target in ids, f"{book_url}: link to #{target} has no target"
        assert 'class="headerlink"' not in book
        assert '<link rel="stylesheet" href="' in book
        sheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', book)[1]
        assert (example_site.site / Path(book_url).parent / sheet).resolve().is_file()
        for page in ("md-header", "md-sidebar", "<script"):
            assert page not in book, f"{book_url}: the print version has no {page}"


@pytest.mark.build
def test_cover_shows_draft_and_escapes_values(tmp_path: Path) -> None:
    kit = small_kit(tmp_path / "kit")
    replace_in(kit / "variables" / "company.yml", 'legal_name: "Brugwerk Ingenieurs B.V."',
               'legal_name: "Brug & Werk <Holding>"')
    replace_in(kit / "variables" / "company.yml", "draft: false", "draft: true")
    result = build(kit)
    assert result.returncode == 0, result.explain()
    book = result.page("print.html")
    assert "Brug &amp; Werk &lt;Holding&gt;" in book and "<Holding>" not in book
    assert "CONCEPT — nog niet vastgesteld" in book
    assert "DRAFT — not adopted yet" in result.page("en/print.html")


def test_rebase_rewrites_ids_and_links() -> None:
    html = ('<h2 id="rules">Rules<a class="headerlink" href="#rules">¶</a></h2>'
            '<a href="#rules">here</a> <a href="../contacts.html#contact-hr">HR</a> '
            '<a href="../elsewhere.html">not printed</a> <a href="https://x.example/a">out</a> '
            '<img src="../assets/logo.png">')
    out = rebase(html, "en/policy/principles.html", "en/print.html",
                 {"en/policy/principles.html", "en/contacts.html"})
    assert out == ('<h2 id="p-en-policy-principles--rules">Rules</h2>'
                   '<a href="#p-en-policy-principles--rules">here</a> '
                   '<a href="#p-en-contacts--contact-hr">HR</a> '
                   '<a href="elsewhere.html">not printed</a> <a href="https://x.example/a">out</a> '
                   '<img src="assets/logo.png">')


def test_rebase_handles_single_quotes_bare_values_and_srcset() -> None:
    html = ("<span id='here'></span><a href='#here'>x</a> <a href=../contacts.html>c</a> "
            '<img srcset="../a.png 1x, ../b.png 2x" src=\'../a.png\'>')
    out = rebase(html, "local/a.html", "print.html", {"local/a.html"})
    assert out == ('<span id="p-local-a--here"></span><a href="#p-local-a--here">x</a> '
                   '<a href="contacts.html">c</a> '
                   '<img srcset="a.png 1x, b.png 2x" src="a.png">')


@pytest.mark.build
def test_print_version_links_are_checked_and_raw_html_links_work_in_it(tmp_path: Path) -> None:
    kit = small_kit(tmp_path / "kit")
    (kit / "docs/local").mkdir(exist_ok=True)
    front = "---\ntopics: []\nowner: hr\nlast_reviewed: 2026-08-20\n---\n\n"
    for lang, text, here in (("nl", "Tekst", "hier"), ("en", "Text", "here")):
        (kit / f"docs/local/a.{lang}.md").write_text(
            front + f"# A\n\n<span id='hier'></span>{text}.\n\n[{here}](#hier) "
            "<a href='../contacts.html'>contact</a>\n", encoding="utf-8")
    result = build(kit)
    assert result.returncode == 0, result.explain()
    book = result.page("print.html")
    assert '<span id="p-local-a--hier">' in book and 'href="#p-local-a--hier"' in book
    assert 'href="#p-contacts"' in book  # the contacts page is in the book: a link inside it
    report = yaml.safe_load((result.site / "policykit-report.json").read_text(encoding="utf-8"))
    # Every HTML file, the two print versions included, went through the link check.
    assert report["checks"]["links"]["checked"]["pages"] == len(result.html_pages())


# --- PDF with headless Chromium -------------------------------------------------------------------


def pdf_info(pdf: Path) -> dict[str, str]:
    pdfinfo = require_program("pdfinfo", package="poppler-utils")
    out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pdftotext = require_program("pdftotext", package="poppler-utils")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run([pdftotext, *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True)
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def made_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``make pdf`` as an editor runs it: the site built into SITE, one PDF per language into
    PDF_DIR, in a copy of the repository with its policy pages but one switched off (the print
    version of every page is tested as HTML above). Returns (site, pdf folder)."""
    require_chromium()
    out = tmp_path_factory.mktemp("make-pdf")
    project = small_repository(out / "kit", keep=("policy/principles.md",))
    done = make(project, "pdf", f"SITE={out / 'site'}", f"PDF_DIR={out / 'pdf'}")
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "site", out / "pdf"


@pytest.fixture(scope="module")
def pdfs(made_pdfs: tuple[Path, Path]) -> Path:
    return made_pdfs[1]


@pytest.mark.browser
@pytest.mark.build
def test_pdf_has_cover_then_every_page(pdfs: Path, made_pdfs: tuple[Path, Path]) -> None:
    pdf = pdfs / "policy.nl.pdf"
    info = pdf_info(pdf)
    assert "A4" in info["Page size"]
    assert info["Tagged"] == "yes", "a tagged PDF: its structure reaches screen readers"
    assert b"/Outlines" in pdf.read_bytes(), "an outline: bookmarks from the headings"
    sections = len(section_ids((made_pdfs[0] / "print.html").read_text(encoding="utf-8")))
    assert int(info["Pages"]) >= 2 + sections, "cover, contents and one sheet per page"
    cover = pdf_text(pdf, 1, 1)
    for word in ("Brugwerk Ingenieurs B.V.", "Socialemediabeleid", "Versie 2.1",
                 "Geldig vanaf 1 september 2026", "Eigenaar Manager Communicatie"):
        assert word in cover, f"cover text lacks {word!r}: {cover!r}"
    assert "Inhoud" not in cover, "the contents start on their own sheet"
    whole = pdf_text(pdf)
    assert "Verklaring van kennisname" in whole and "Principes" in whole
    english = pdf_text(pdfs / "policy.en.pdf", 1, 1)
    assert "Social media policy" in english and "In force from 1 September 2026" in english


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("page", ["acknowledgement.html", "en/acknowledgement.html"])
def test_acknowledgement_prints_on_one_a4_page(ack_site: BuildResult, tmp_path: Path,
                                               page: str) -> None:
    from policykit.lifecycle.pdf import print_to_pdf

    require_chromium()
    pdf = print_to_pdf(ack_site.site / page, tmp_path / "acknowledgement.pdf")
    info = pdf_info(pdf)
    assert "A4" in info["Page size"]
    assert info["Pages"] == "1", f"{page} prints on {info['Pages']} pages"
    text = pdf_text(pdf)
    assert "Handtekening" in text or "Signature" in text
    footer = ("versie 2.1 · geldig vanaf 1 september 2026" if page.startswith("ack")
              else "version 2.1 · in force from 1 September 2026")
    assert footer in text, "a printed page says which policy version it belongs to"
    for hidden in ("Zoeken", "Search", "Nederlands"):
        assert hidden not in text, f"screen-only element {hidden!r} is printed"


def test_pdf_command_explains_a_missing_site(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    done = subprocess.run([sys.executable, "-m", "policykit.lifecycle.cli", "pdf", "--site",
                           str(tmp_path / "nosite"), "--out", str(tmp_path)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert "print.html not found — build the site first" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.browser
@pytest.mark.build
def test_make_pdf_writes_one_pdf_per_language(made_pdfs: tuple[Path, Path]) -> None:
    site, pdf = made_pdfs
    assert (site / "print.html").is_file() and (site / "en" / "print.html").is_file()
    assert sorted(p.name for p in pdf.iterdir()) == ["policy.en.pdf", "policy.nl.pdf"]
    assert "Brugwerk Ingenieurs B.V." in pdf_text(pdf / "policy.nl.pdf", 1, 1)
