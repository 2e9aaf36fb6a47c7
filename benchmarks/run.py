"""Benchmarks of the build checks, measured side by side in one run.

    make bench                      # or: .venv/bin/python benchmarks/run.py [--quick]

A. Overhead: the kit's full build with every check on, divided by the same build with the
   checks switched off (POLICYKIT_CHECKS=off); median of paired runs. Target: at most 1.10.
   Twice: as every build but a machine's first runs (the kit's cache in ~/.cache/policykit
   holds compiled templates and language results, for every clone), and with no cache at all
   on either side (the first build on a new machine). The same for the kit with 300
   generated pages, for comparison.
B. Link check against mkdocs-htmlproofer-plugin (external URLs off) on the same library with
   seeded broken links: time spent in each checker and the broken links each one found.
   Target: at least 5x faster, same broken links. Needs the ``bench`` extra.
C. Scale: generated libraries of 100, 300 and 1,000 pages (in chapters of 25, as a real
   library is organised) built with every check on: time per page, the time each added page
   costs, and peak memory of the build process. Target: linear, under 1 GiB.
D. Language checks (spelling, plain language, terms, translations in step) alone, per page
   and per check, at 100, 300 and 1,000 pages of real prose in a real git history; computed
   anew each time (no cache). Target: linear. See benchmarks/language.py.

Builds run one at a time in child processes, alternating between the variants compared. This
machine's other load slows single builds at random, so the fastest repetition is the figure
that counts; medians are shown beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import language  # noqa: E402
from library import copy_kit, make_library, seed_broken_links  # noqa: E402

HERE = Path(__file__).resolve().parent
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
         "POLICYKIT_TODAY": "2026-11-26"}
_OURS = re.compile(r"docs/(\S+?):\d+: broken (?:link|image|anchor|file) '([^']+)'")
_PROOFER = re.compile(r"invalid url - (\S+) \[[^\]]*\] \[([^\]]+)\]")


def timed_build(project: Path, checks: str, htmlproofer: bool = False,
                cache: bool = True) -> dict:
    """One build in a child process: its timings, log and peak memory (bytes). ``cache``
    False keeps nothing between builds (``POLICYKIT_CACHE=off``): every template compiled and
    the language checks computed anew, as on the first build on a new machine."""
    site = project / f"site-{checks}-{int(htmlproofer)}"
    command = [sys.executable, str(HERE / "timed_build.py"), str(project), str(site)]
    if htmlproofer:
        command.append("--htmlproofer")
    env = {**os.environ, **QUIET, "POLICYKIT_CHECKS": checks}
    if not cache:
        env["POLICYKIT_CACHE"] = "off"
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=err,
                                 text=True)
        _, status, usage = os.wait4(child.pid, 0)  # rusage of this child alone
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, log = out.read(), err.read()
    if not stdout.strip():
        raise SystemExit(f"benchmark build crashed:\n{log[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(wall=wall, log=log, pages=len(list(site.rglob("*.html"))),
                  peak_bytes=usage.ru_maxrss * 1024, cpu=usage.ru_utime + usage.ru_stime)
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def overhead(base: Path, pages: int, repeat: int) -> None:
    """Checks on vs off, alternating. Wall time and CPU time of the build process: other load
    on the machine inflates wall times at random, CPU time much less. The minimum of the
    repetitions is the run least disturbed by other load; the median is shown beside it. The
    time the checks themselves report (``policykit-report.json``) gives the same overhead from
    inside each build, free of run-to-run noise."""
    name = "the kit" if not pages else f"kit + {pages} pages"
    project = (make_library(base / f"overhead-{pages}", pages) if pages
               else copy_kit(base / "overhead-kit"))
    runs: dict[str, list[dict]] = {"off": [], "all": [], "cold-off": [], "cold": []}
    timed_build(project, "off")  # warm the file cache
    timed_build(project, "all")  # and the kit's cache (templates, language results)
    for _ in range(repeat):
        for mode in runs:
            runs[mode].append(timed_build(project, "off" if mode.endswith("off") else "all",
                                          cache=not mode.startswith("cold")))
    html = runs["all"][0]["pages"]
    for measure, label in (("total", "build() wall"), ("cpu", "process CPU")):
        for base_mode, mode, what in (
                ("off", "all", "checks on"),
                ("cold-off", "cold", "checks on, no cache at all (first build on a machine)")):
            off = [r[measure] for r in runs[base_mode]]
            on = [r[measure] for r in runs[mode]]
            ratio = median(on) / median(off)
            verdict = ("OK" if ratio <= 1.10 else "ABOVE 1.10") if not pages else "for comparison"
            print(f"  {name} ({html} HTML pages), {label}: checks off {median(off):6.2f} s | "
                  f"{what} {median(on):6.2f} s | median ratio {ratio:.3f} {verdict}   "
                  f"(fastest {min(off):.2f} s | {min(on):.2f} s | {min(on) / min(off):.3f})")
    language_checks = [c for c in runs["cold"][0]["checks"]
                       if c in ("spelling", "plain-language", "terms", "translations-in-step")]
    for check in language_checks:
        seconds = median([r["checks"].get(check, 0) for r in runs["cold"]])
        print(f"  {name}, {check}: {seconds * 1000 / max(runs['cold'][0]['pages'], 1):.2f} ms "
              f"per page (no cache; median of {repeat})")
    inside = [sum(r["checks"].values()) for r in runs["all"]]
    shares = [1 / (1 - c / r["total"]) for c, r in zip(inside, runs["all"], strict=True)]
    print(f"  {name}, time inside the checks: {median(inside):.2f} s of "
          f"{median([r['total'] for r in runs['all']]):.2f} s per build; build ÷ (build − checks) "
          f"{median(shares):.3f}")


def versus_htmlproofer(base: Path, pages: int, repeat: int) -> None:
    try:
        import htmlproofer  # noqa: F401
    except ImportError:
        print("  skipped: install the bench extra first (pip install -e '.[bench]')")
        return
    project = make_library(base / f"proofer-{pages}", pages)
    expected = seed_broken_links(project)
    ours, theirs, plain = [], [], []
    for _ in range(repeat):
        plain.append(timed_build(project, "off"))
        ours.append(timed_build(project, "links"))
        theirs.append(timed_build(project, "off", htmlproofer=True))
    # The link check's own time plus the scan of the built pages it needs (reported apart).
    our_time = median([r["checks"]["links"] + r["checks"].get("site scan", 0.0) for r in ours])
    their_time = median([r["htmlproofer"] for r in theirs])
    found_ours = {(p, u) for p, u in _OURS.findall(ours[0]["log"])}
    # htmlproofer checks before the report file is written at the end of the build.
    found_theirs = {(p, u) for u, p in _PROOFER.findall(theirs[0]["log"])
                    if not u.endswith("policykit-report.json")}
    print(f"  site: {ours[0]['pages']} HTML pages, {len(expected)} seeded broken links")
    print(f"  build without link check      {median([r['total'] for r in plain]):7.2f} s")
    print(f"  build with policykit links    {median([r['total'] for r in ours]):7.2f} s"
          f"   time in the check {our_time:7.3f} s")
    print(f"  build with htmlproofer        {median([r['total'] for r in theirs]):7.2f} s"
          f"   time in the check {their_time:7.3f} s")
    speedup = their_time / our_time if our_time else float("inf")
    print(f"  speed-up: {speedup:.1f}x {'OK' if speedup >= 5 else 'BELOW 5x'}")
    print(f"  seeded links found: policykit {len(expected & found_ours)}/{len(expected)}, "
          f"htmlproofer {len(expected & found_theirs)}/{len(expected)}")
    only_ours = sorted(found_ours - found_theirs)
    only_theirs = sorted(found_theirs - found_ours)
    print(f"  same broken internal links: {'yes' if not only_ours and not only_theirs else 'no'}"
          f" (policykit {len(found_ours)}, htmlproofer {len(found_theirs)})")
    for label, items in (("only policykit", only_ours), ("only htmlproofer", only_theirs)):
        for page, url in items:
            print(f"    {label}: {page} -> {url}")


def scale(base: Path, sizes: list[int], repeat: int) -> None:
    """Time per page at each size (fastest of ``repeat`` builds), and the time each added page
    costs between two sizes: constant when build time grows linearly."""
    print(f"  {'pages':>6} {'HTML':>6} {'build+checks':>13} {'per page':>10} {'CPU/page':>9} "
          f"{'checks':>8} {'peak memory':>12} {'per added page':>15}")
    previous: dict | None = None
    for size in sizes:
        project = make_library(base / f"scale-{size}", size)
        result = min((timed_build(project, "all") for _ in range(repeat)),
                     key=lambda r: r["total"])
        per_page = result["total"] / result["pages"]
        added = ""
        if previous:
            step = (result["total"] - previous["total"]) / (result["pages"] - previous["pages"])
            added = f"{step * 1000:>12.1f} ms"
        print(f"  {size:>6} {result['pages']:>6} {result['total']:>11.2f} s "
              f"{per_page * 1000:>7.1f} ms {result['cpu'] / result['pages'] * 1000:>6.1f} ms "
              f"{sum(result['checks'].values()):>6.2f} s "
              f"{result['peak_bytes'] / 2**20:>9.0f} MiB {added}"
              + ("" if not result["failed"] else f"  (build failed: {result['failed']})"))
        previous = result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and pages")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--sizes", default="100,300,1000")
    args = parser.parse_args()
    repeat = args.repeat or (1 if args.quick else 5)
    sizes = [100, 300] if args.quick else [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="policykit-bench-") as tmp:
        base = Path(tmp)
        os.environ["POLICYKIT_CACHE"] = str(base / "cache")  # the benchmark's own kit cache
        print(f"A. Overhead of all checks (fastest of {2 * repeat + 1} builds of the kit, "
              f"{repeat} of the larger site)")
        overhead(base, 0, 2 * repeat + 1)
        overhead(base, 300, repeat)
        print(f"B. Link check vs mkdocs-htmlproofer-plugin (median of {min(repeat, 3)})")
        versus_htmlproofer(base, 300, min(repeat, 3))
        print(f"C. Scale (every check on, fastest of {min(repeat, 3)})")
        scale(base, sizes, min(repeat, 3))
        print(f"D. Language checks alone, per page (fastest of {min(repeat, 3)}, no cache)")
        os.environ["POLICYKIT_LANGUAGE_CACHE"] = "off"
        language.measure(base, sizes, min(repeat, 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
