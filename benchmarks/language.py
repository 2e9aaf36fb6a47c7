"""Benchmark of the language checks alone: time per page of each check at 100, 300 and 1,000
pages, in a real git repository (so "translations in step" reads a real history).

    .venv/bin/python benchmarks/language.py [--sizes 100,300,1000] [--repeat 3]

The pages are the kit's own pages, copied under new names until the library has the size
asked for: real Dutch and English prose, whose vocabulary grows the way a real library's does
(slower than its page count). Half of the Dutch pages change in a second commit, so the
translation check has versions that are behind. Fastest of ``repeat`` runs per size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from policykit.checks.language import CHECKS, check_language  # noqa: E402
from policykit.project import Project  # noqa: E402
from policykit.sources.pages import read_pages  # noqa: E402

GIT = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@test.invalid",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@test.invalid"}


def make_repository(dest: Path, pages: int) -> Path:
    """``pages`` pages (half nl, half en) from the kit's own, in a git repository of 2 commits."""
    sources = sorted(p for p in (REPO / "docs").rglob("*.nl.md"))
    docs = dest / "docs"
    for number in range(pages // 2):
        page = sources[number % len(sources)]
        for lang in ("nl", "en"):
            text = page.with_name(page.name.replace(".nl.md", f".{lang}.md")).read_text("utf-8")
            target = docs / "library" / f"page{number:04d}.{lang}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    _git(dest, "init", "-q", "-b", "main")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "library", day="2026-10-01")
    for number in range(0, pages // 2, 2):
        target = docs / "library" / f"page{number:04d}.nl.md"
        target.write_text(target.read_text("utf-8") + "\nEen nieuwe zin.\n", encoding="utf-8")
    _git(dest, "commit", "-q", "-am", "Dutch changes", day="2026-11-20")
    return dest


def _git(cwd: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, **GIT}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def measure(base: Path, sizes: list[int], repeat: int) -> None:
    data = Project(REPO).load_variables().data
    print(f"  {'pages':>6} {'all (s)':>8} {'per page':>9} "
          + " ".join(f"{c + ' /page':>24}" for c in CHECKS) + f" {'per added page':>15}")
    previous: tuple[int, float] | None = None
    for size in sizes:
        root = make_repository(base / f"language-{size}", size)
        pages = read_pages(root / "docs", "nl").pages
        best = None
        for _ in range(repeat):
            started = time.perf_counter()
            report = check_language(root, pages, data, os.environ)
            total = time.perf_counter() - started
            if best is None or total < best[0]:
                best = (total, report)
        total, report = best
        per_check = " ".join(f"{report.seconds.get(c, 0) / len(pages) * 1000:>21.2f} ms"
                             for c in CHECKS)
        added = ""
        if previous:
            added = f"{(total - previous[1]) / (len(pages) - previous[0]) * 1000:>12.2f} ms"
        print(f"  {len(pages):>6} {total:>8.2f} {total / len(pages) * 1000:>6.2f} ms "
              f"{per_check} {added}   ({len(report.findings)} findings, "
              f"{len(report.behind)} translations behind)")
        previous = (len(pages), total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policykit-language-") as tmp:
        measure(Path(tmp), [int(s) for s in args.sizes.split(",")], args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
