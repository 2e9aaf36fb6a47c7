"""``make site`` (``policykit.lifecycle.sitebuild``): a failed build leaves the previous site
as it was; a passing one replaces it whole."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import QUIET_ENV, replace_in, small_kit

pytestmark = pytest.mark.build
SCRIPT = "<script>alert(1)</script>"


def _make_site(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykit.lifecycle.sitebuild", "--site-dir",
                           "site"], cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **QUIET_ENV})


def test_a_failed_build_leaves_the_previous_site_and_a_good_one_replaces_it(tmp_path):
    project = small_kit(tmp_path / "kit")
    previous = project / "site"
    previous.mkdir()
    (previous / "index.html").write_text("the site as it was", encoding="utf-8")
    page = project / "docs/contacts.en.md"
    replace_in(page, "\n# ", f"\n{SCRIPT}\n\n# ")

    failed = _make_site(project)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "docs/contacts.en.md:" in failed.stdout and "inline <script>" in failed.stdout
    assert failed.stdout.rstrip().endswith("1 problem — the site was not built")
    assert sorted(p.name for p in previous.iterdir()) == ["index.html"]
    assert (previous / "index.html").read_text(encoding="utf-8") == "the site as it was"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]

    replace_in(page, f"\n{SCRIPT}\n\n# ", "\n# ")
    passed = _make_site(project)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "pages checked: site/" in passed.stdout
    assert "the site as it was" not in (previous / "index.html").read_text(encoding="utf-8")
    assert (previous / "en" / "contacts.html").is_file()
    assert not any(SCRIPT in p.read_text(encoding="utf-8") for p in previous.rglob("*.html"))
    assert stat.S_IMODE(previous.stat().st_mode) & 0o055 == 0o055, "readable by a web server"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_a_site_folder_that_is_a_file_is_refused(tmp_path):
    project = tmp_path / "kit"
    project.mkdir()
    (project / "site").write_text("not a folder", encoding="utf-8")
    done = _make_site(project)
    assert done.returncode == 2
    assert "site is a file, not a folder — choose another folder" in done.stdout
    assert (project / "site").read_text(encoding="utf-8") == "not a folder"


def test_a_problem_with_a_whole_file_is_shown_without_verbose(tmp_path):
    """A finding without a line number (a file as a whole) is listed like the others; before,
    the quiet build said '1 problem' and hid which."""
    project = small_kit(tmp_path / "kit")
    (project / "docs/local").mkdir(exist_ok=True)
    (project / "docs/local/outside").symlink_to(tmp_path)
    done = _make_site(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"docs/local/outside: symbolic link to '{tmp_path}', outside the repository — " \
           "copy the file into the repository" in done.stdout, done.stdout
    assert done.stdout.rstrip().endswith("1 problem — the site was not built")
