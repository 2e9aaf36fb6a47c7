"""Earlier versions of the policy from Git: find them, build them, read their rendered text.

A version is named by a git ref (``policy-2.0``, ``v2.0``, a commit, ``HEAD``) or by a
version number from ``policy.history`` (``2.0`` → the tag ``policy-2.0``). Each version is
exported with ``git archive`` into a temporary folder and built there with its own hooks and
pages (checks off: an old version's reviews are overdue today), so the text is exactly what
its readers saw, variables filled in. The text of every page per language comes from the
build's print version (``print.html``), which holds every policy page in navigation order.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from policykit.output.printbook import BOOK_FILE
from policykit.sources.frontmatter import read_front_matter

TAG_PREFIX = "policy-"
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "pre",
           "caption", "figcaption", "summary"}
_SKIPPED = {"script", "style", "template", "svg"}
_QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
          "POLICYKIT_CHECKS": "off"}


class VersionError(Exception):
    """A version could not be found or built; the message says what to do."""


@dataclass(frozen=True)
class Block:
    """One block of rendered text: a heading, paragraph, list item or table cell."""

    kind: str
    text: str


@dataclass(frozen=True)
class PageText:
    """A page's rendered text: its site URL (``policy/ai.html``), title, blocks and topics."""

    url: str
    title: str
    blocks: tuple[Block, ...]
    topics: tuple[str, ...] = ()

    @property
    def words(self) -> str:
        return " ".join(block.text for block in self.blocks)


@dataclass
class VersionText:
    """One built version: its name, commit, variables and the pages per language."""

    ref: str
    commit: str
    variables: dict[str, Any]
    pages: dict[str, list[PageText]] = field(default_factory=dict)  # language → pages
    site: Path | None = None

    @property
    def version(self) -> str:
        return str(self.variables["policy"]["version"])

    @property
    def label(self) -> str:
        """``2.1`` for the tagged version, ``2.2+1a2b3c4`` for any other commit.

        >>> data = {"policy": {"version": "2.2"}}
        >>> VersionText("policy-2.2", "1a2b3c4d5e", data).label
        '2.2'
        >>> VersionText("HEAD", "1a2b3c4d5e", data).label
        '2.2+1a2b3c4'
        """
        if self.ref in (version_tag(self.version), self.version):
            return self.version
        return f"{self.version}+{self.commit[:7]}"

    @property
    def effective_date(self) -> str:
        return str(self.variables["policy"]["effective_date"])


def git(root: Path, *args: str, binary: bool = False) -> Any:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                          text=not binary, timeout=120)
    if done.returncode != 0:
        error = done.stderr if not binary else done.stderr.decode("utf-8", "replace")
        raise VersionError(f"git {' '.join(args)}: {error.strip()}")
    return done.stdout


def version_tag(version: str) -> str:
    """The tag of a policy version (kit releases use ``v…`` tags).

    >>> version_tag("2.1")
    'policy-2.1'
    """
    return f"{TAG_PREFIX}{version}"


def tags(root: Path) -> set[str]:
    """Every tag in the repository (none when ``root`` is not a git repository)."""
    try:
        return set(git(root, "tag", "--list").split())
    except VersionError:
        return set()


def resolve(root: Path, name: str) -> tuple[str, str]:
    """``(ref, commit)`` for a version number, tag, branch or commit; VersionError otherwise."""
    name = name.strip()
    candidates = [version_tag(name), name] if not name.startswith(TAG_PREFIX) else [name]
    for ref in candidates:
        try:
            commit = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
        except VersionError:
            continue
        if commit:
            return ref, commit
    known = sorted(t for t in tags(root) if t.startswith(TAG_PREFIX))
    raise VersionError(f"version '{name}' not found — tag the commit of each adopted version "
                       f"(git tag {version_tag('<version>')}); known: "
                       f"{', '.join(known) or 'no policy-* tags yet'}")


def export(root: Path, commit: str, dest: Path) -> Path:
    """The files of ``commit`` in ``dest`` (``git archive``; no history, no work tree)."""
    data = git(root, "archive", "--format=tar", commit, binary=True)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        members = [m for m in archive.getmembers() if m.isfile() or m.isdir()]
        try:
            archive.extractall(dest, members=members, filter="data")
        except TypeError:  # Python before 3.10.12 has no filters; git's own archive is plain
            archive.extractall(dest, members=members)
    if not (dest / "mkdocs.yml").is_file():
        raise VersionError(f"{commit[:12]}: no mkdocs.yml in this commit — is it a policy "
                           "repository's commit?")
    return dest


def build(project: Path, site: Path, timeout: int = 600) -> Path:
    """Build ``project`` (an exported version) into ``site``; VersionError with its output."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f",
               str(project / "mkdocs.yml"), "--site-dir", str(site)]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **_QUIET})
    if done.returncode != 0 or not (site / BOOK_FILE).is_file():
        raise VersionError(f"the version in {project} does not build:\n"
                           + (done.stdout + done.stderr).strip()[-3000:])
    return site


def load_version(root: Path, name: str, workdir: Path) -> VersionText:
    """Find, export, build (once per commit in ``workdir``) and read the version ``name``."""
    ref, commit = resolve(root, name)
    folder = workdir / commit
    site = folder / "site"
    if not (site / BOOK_FILE).is_file():
        export(root, commit, folder / "src")
        build(folder / "src", site)
    variables = yaml.safe_load((folder / "src/variables/company.yml").read_text(encoding="utf-8"))
    version = VersionText(ref, commit, variables, site=site)
    default = variables["languages"]["default"]
    for lang in variables["languages"]["published"]:
        book = site / (BOOK_FILE if lang == default else f"{lang}/{BOOK_FILE}")
        if book.is_file():
            pages = read_book(book.read_text(encoding="utf-8"))
            version.pages[lang] = [_with_topics(p, folder / "src/docs", lang, default)
                                   for p in pages]
    return version


def load_versions(root: Path, names: list[str], workdir: Path,
                  workers: int = 2) -> list[VersionText]:
    """Several versions, built side by side (each commit once): ``make redlines`` and the
    dossier wait for the slowest build, not for the sum of them."""
    commits = {}
    for name in names:   # resolve first: a wrong name fails before any build starts
        commits.setdefault(resolve(root, name)[1], name)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        built = dict(zip(commits, pool.map(lambda name: load_version(root, name, workdir),
                                           commits.values()), strict=True))
    return [built[resolve(root, name)[1]] for name in names]


def _with_topics(page: PageText, docs: Path, lang: str, default: str) -> PageText:
    """The page with the ``topics`` of its source's front matter (for the consent grounds)."""
    base = page.url[len(lang) + 1:] if page.url.startswith(f"{lang}/") else page.url
    stem = base[:-5] if base.endswith(".html") else base
    names = [f"{stem}.{lang}.md"] + ([f"{stem}.md"] if lang == default else [])
    for name in names:
        source = docs / name
        if source.is_file():
            try:
                meta = read_front_matter(source.read_text(encoding="utf-8"))
            except yaml.YAMLError:
                meta = {}
            topics = meta.get("topics") or []
            if isinstance(topics, list):
                return PageText(page.url, page.title, page.blocks, tuple(map(str, topics)))
    return page


def read_book(document: str) -> list[PageText]:
    """The pages of a print version, in order, as text blocks.

    >>> read_book('<section class="pk-book-page" data-page="a.html"><h1>A</h1>'
    ...           '<p>One <em>two</em>.</p></section>')[0].blocks
    (Block(kind='h1', text='A'), Block(kind='p', text='One two.'))
    """
    reader = _BookReader()
    reader.feed(document)
    reader.close()
    return reader.pages


class _BookReader(HTMLParser):
    """Collects the text blocks of each ``<section class="pk-book-page">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[PageText] = []
        self._page: dict[str, Any] | None = None
        self._depth = 0        # open <section>s inside the current page
        self._skip = 0         # open script/style elements
        self._kinds: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "section":
            if self._page is None and "pk-book-page" in (values.get("class") or "").split():
                ident = values.get("id") or ""
                url = values.get("data-page") or ident.removeprefix("p-").replace("-", "/")
                self._page = {"url": url, "blocks": [], "title": ""}
                self._depth = 0
                return
            if self._page is not None:
                self._depth += 1
        if self._page is None:
            return
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _BLOCKS:
            self._flush()
            self._kinds.append(tag)
        elif tag in ("br",):
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._page is None:
            return
        if tag == "section":
            if self._depth == 0:
                self._flush()
                blocks = tuple(self._page["blocks"])
                title = next((b.text for b in blocks if b.kind == "h1"), self._page["url"])
                self.pages.append(PageText(self._page["url"], title, blocks))
                self._page, self._kinds = None, []
                return
            self._depth -= 1
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()
            if tag in self._kinds:
                del self._kinds[len(self._kinds) - 1 - self._kinds[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        if self._page is not None and not self._skip:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text and self._page is not None:
            text = text.replace("¶", "").strip()
            if text:
                self._page["blocks"].append(Block(self._kinds[-1] if self._kinds else "p", text))

