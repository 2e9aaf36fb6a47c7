"""Benchmark: last-change dates of every page with one ``git log`` versus one call per page.

Makes a temporary git repository with PAGES pages and COMMITS commits (each commit changes a
few pages), then measures side by side, in one run:
- ``policykit.sources.gitdates.read_history`` (two git calls for the whole docs folder), and
- the usual per-page approach, ``git log -1 --format=%cs -- <page>`` for every page,
and checks that both give the same dates. Run: ``.venv/bin/python benchmarks/page_dates.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from policykit.sources.gitdates import read_history  # noqa: E402

ENV = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b.invalid",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@b.invalid"}


def git(cwd: Path, *args: str, day: str | None = None) -> str:
    env = dict(ENV)
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def make_repo(root: Path, pages: int, commits: int) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    git(root, "init", "-q")
    for n in range(pages):
        (docs / f"page{n:04d}.nl.md").write_text(f"# Page {n}\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start", day="2024-01-01")
    for c in range(commits):
        for n in range(c * 7 % pages, pages, max(1, pages // 3)):
            with open(docs / f"page{n:04d}.nl.md", "a", encoding="utf-8") as out:
                out.write(f"change {c}\n")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"change {c}",
            day=f"2025-{1 + c % 12:02d}-{1 + c % 28:02d}")
    return docs


def per_page(docs: Path) -> dict[str, str]:
    return {p.name: git(docs, "log", "-1", "--format=%cs", "--", p.name).strip()
            for p in sorted(docs.glob("*.md"))}


def timed(func, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    print(f"{'pages':>6} {'commits':>8} {'one git log (s)':>16} {'git per page (s)':>17} "
          f"{'faster':>7}")
    for pages, commits in ((100, 50), (300, 100), (1000, 200)):
        with tempfile.TemporaryDirectory() as tmp:
            docs = make_repo(Path(tmp), pages, commits)
            one, history = timed(lambda docs=docs: read_history(docs))
            many, dates = timed(lambda docs=docs: per_page(docs), runs=1)
            same = {k: v.day.isoformat() for k, v in history.dates.items()} == dates
            assert same, "the two methods disagree"
            print(f"{pages:>6} {commits:>8} {one:>16.3f} {many:>17.3f} {many / one:>6.0f}x")


if __name__ == "__main__":
    main()
