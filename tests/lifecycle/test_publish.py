"""``policykit publish``: a failed build or check never changes the published site.

The end-to-end tests run the real command on a temporary copy of the kit; the core tests use a
tiny stand-in build command so that many publishes run in a fraction of a second.
"""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import QUIET_ENV, REPO, replace_in, small_kit, small_repository
from gitrepo import make
from policykit.lifecycle.publish import PublishError, Release, publish

# --- end to end: the real command on a real kit -------------------------------------------------


def run_publish(kit: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **QUIET_ENV, "PYTHONPATH": str(REPO / "hooks")}
    return subprocess.run([sys.executable, "-m", "policykit.lifecycle.cli", "publish", "--dest", str(dest),
                           "--root", str(kit)], cwd=kit, env=env, capture_output=True, text=True,
                          timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (following the published symlink) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_failed_publish_leaves_the_site_byte_for_byte(tmp_path: Path) -> None:
    kit = small_kit(tmp_path / "kit", keep=("policy/principles.md",))
    dest = tmp_path / "www" / "policy-site"
    dest.parent.mkdir()  # publish refuses a DEST whose folder does not exist
    first = run_publish(kit, dest)
    assert first.returncode == 0, first.stderr
    assert dest.is_symlink(), "DEST must be a symlink switched atomically"
    assert "versie 2.1" in (dest / "index.html").read_text(encoding="utf-8")
    assert (dest / "print.html").is_file() and (dest / "en" / "index.html").is_file()
    before = snapshot(dest)
    live = os.readlink(dest)

    # 1. a link to a page that does not exist, and (2.) a variable that does not exist: one
    #    failed build reports both
    page = kit / "docs" / "policy" / "principles.nl.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nZie ook [de regels](bestaat-niet.md).\n", encoding="utf-8")
    other = kit / "docs" / "policy" / "principles.en.md"
    other_original = other.read_text(encoding="utf-8")
    other.write_text(other_original + "\nVersion {{ policy.versoin }}.\n", encoding="utf-8")
    broken = run_publish(kit, dest)
    assert broken.returncode == 1
    assert "bestaat-niet.md" in broken.stderr and "versoin" in broken.stderr
    assert f"{dest} was not changed" in broken.stderr
    assert "Traceback" not in broken.stderr
    assert os.readlink(dest) == live
    assert snapshot(dest) == before
    leftovers = [p.name for p in Release(dest).releases_dir.iterdir()
                 if p.name.startswith("build-")]
    assert leftovers == [], "a failed build must remove its temporary folder"

    # 3. a good change goes live; the previous release stays for a rollback
    page.write_text(original, encoding="utf-8")
    other.write_text(other_original, encoding="utf-8")
    replace_in(kit / "variables" / "company.yml", 'version: "2.1"', 'version: "2.2"')
    # A new version takes effect on its own day and is listed in policy.history.
    replace_in(kit / "variables" / "company.yml", "effective_date: 2026-09-01",
               "effective_date: 2026-10-01")
    replace_in(kit / "variables" / "company.yml", '    - version: "2.1"', '    - {version: "2.2", '
               'effective_date: 2026-10-01, changes: {nl: "Nieuw.", en: "New."}}\n'
               '    - version: "2.1"')
    second = run_publish(kit, dest)
    assert second.returncode == 0, second.stderr
    assert "versie 2.2" in (dest / "index.html").read_text(encoding="utf-8")
    assert os.readlink(dest) != live
    assert (dest.parent / live / "index.html").read_bytes() == before["index.html"]
    mode = stat.S_IMODE((dest.parent / os.readlink(dest)).stat().st_mode)
    assert mode & 0o005 == 0o005, "the web server's user must be able to read the release"


@pytest.mark.build
def test_make_publish_without_dest_explains_usage() -> None:
    done = make(REPO, "publish", env={"DEST": ""})
    assert done.returncode != 0
    assert "make publish DEST=" in done.stderr


# --- the core, with a stand-in build --------------------------------------------------------------

WRITE_SITE = ("import pathlib, sys; site = pathlib.Path(sys.argv[1]); "
              "(site / 'index.html').write_text(sys.argv[2]); "
              "(site / 'page.html').write_text(sys.argv[2] * 1000)")


def fake_build(text: str) -> list[str]:
    return [sys.executable, "-c", WRITE_SITE, "{site}", text]


def test_publish_switches_and_keeps_recent_releases(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    for number in range(1, 6):
        result = publish(dest, fake_build(f"v{number}"), cwd=tmp_path, keep=3)
        assert (dest / "index.html").read_text() == f"v{number}"
        assert result.release.parent == Release(dest).releases_dir
    releases = sorted(p.name for p in Release(dest).releases_dir.iterdir() if p.is_dir())
    assert len(releases) == 3


def test_failed_check_leaves_site_untouched(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    publish(dest, fake_build("good"), cwd=tmp_path)
    with pytest.raises(PublishError, match="failed its checks:\n  page.html: too long"):
        publish(dest, fake_build("bad"), cwd=tmp_path,
                checks=[lambda site: ["page.html: too long"]])
    assert (dest / "index.html").read_text() == "good"
    with pytest.raises(PublishError, match="the build failed"):
        publish(dest, [sys.executable, "-c", "raise SystemExit(3)"], cwd=tmp_path)
    assert (dest / "index.html").read_text() == "good"


def test_plain_folder_is_moved_aside_once(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "index.html").write_text("old plain folder")
    result = publish(dest, fake_build("new"), cwd=tmp_path)
    assert dest.is_symlink() and (dest / "index.html").read_text() == "new"
    kept = [p for p in Release(dest).releases_dir.iterdir() if p.name.startswith("legacy-")]
    assert [(p / "index.html").read_text() for p in kept] == ["old plain folder"]
    assert result.previous == kept[0]


def test_dest_that_is_a_file_is_refused(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    dest.write_text("not a site")
    with pytest.raises(PublishError, match="is a file"):
        publish(dest, fake_build("x"), cwd=tmp_path)
    assert dest.read_text() == "not a site"


def test_second_publish_at_the_same_time_is_refused(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    publish(dest, fake_build("one"), cwd=tmp_path)
    with open(Release(dest).releases_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(PublishError, match="another publish"):
            publish(dest, fake_build("two"), cwd=tmp_path)
    assert (dest / "index.html").read_text() == "one"


def test_readers_never_see_a_missing_or_partial_site(tmp_path: Path) -> None:
    """While publishes run, every read finds a complete page of one release."""
    dest = tmp_path / "site"
    publish(dest, fake_build("v0"), cwd=tmp_path)
    problems: list[str] = []
    reads = 0
    done = threading.Event()

    def read() -> None:
        nonlocal reads
        while not done.is_set():
            try:
                text = (dest / "page.html").read_text()
            except OSError as error:
                problems.append(repr(error))
                continue
            reads += 1
            parts = text.split("v")
            if parts[0] or len(parts) != 1001 or len(set(parts[1:])) != 1:
                problems.append(f"partial page: {text[:20]!r}… ({len(text)} characters)")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(1, 16):
            publish(dest, fake_build(f"v{number}"), cwd=tmp_path, keep=2)
    finally:
        done.set()
        reader.join()
    assert reads > 0
    assert problems == []


@pytest.mark.build
def test_make_publish_publishes_the_site_it_builds(tmp_path: Path) -> None:
    dest = tmp_path / "www" / "policy-site"
    dest.parent.mkdir()  # publish refuses a DEST whose folder does not exist
    done = make(small_repository(tmp_path / "kit"), "publish", f"DEST={dest}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"to {dest}" in done.stdout
    assert dest.is_symlink() and (dest / "index.html").is_file()
