"""Search benchmark: everyday queries typed into the built site's search box in Chromium.

    make bench                                   # or: .venv/bin/python benchmarks/search.py
    .venv/bin/python benchmarks/search.py --site site   # an already built site

The queries and the page that answers each are in ``tests/browser/search_queries.yml`` (the
browser test ``tests/browser/test_search.py`` holds a floor on the same set). Prints, per
language, how often the answering page is listed first (top-1) and among the first three
(top-3), how many queries list nothing, and every query whose page did not come first.
Target: top-1 >= 90 %, top-3 >= 97 % in both languages, no empty result.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from browser.searchset import load_queries, rates, report, run_queries  # noqa: E402
from browser.server import serve_folder  # noqa: E402
from browser.tools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from conftest import build, copy_kit  # noqa: E402
from policykit.project import Project  # noqa: E402

TARGET_TOP1, TARGET_TOP3 = 0.90, 0.97


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the kit afresh)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            project = copy_kit(Path(scratch) / "kit")
            result = build(project)
            if result.returncode:
                print(result.explain(), file=sys.stderr)
                return 1
            site = result.site
        default = Project(ROOT).load_variables().data["languages"]["default"]
        queries = load_queries()
        with serve_folder(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            started = time.perf_counter()
            outcomes = run_queries(browser, url, queries, default)
            took = time.perf_counter() - started
            browser.close()
    print(f"Search benchmark: {len(queries)} queries in {took:.1f} s")
    print(report(outcomes))
    below = [r.lang for r in rates(outcomes)
             if r.share(r.top1) < TARGET_TOP1 or r.share(r.top3) < TARGET_TOP3 or r.empty]
    print("targets met" if not below else f"below target: {', '.join(below)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
