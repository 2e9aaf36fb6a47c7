"""The HTML scanner against the alternatives, on a built site (the figures in issue 10's note).

    .venv/bin/python benchmarks/scanners.py SITE_DIR

CPU milliseconds per pass over every page (best of five): the kit's regular-expression scan
(links, ids, text), its start-tag reader and active-content rules, the standard library's
html.parser reading every start tag, and selectolax/lexbor when it is installed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from policykit.checks.active import page_active  # noqa: E402
from policykit.checks.htmlscan import scan_html, start_tags  # noqa: E402


class _StartTags(HTMLParser):
    def handle_starttag(self, tag: str, attrs: list) -> None:
        pass


def _html_parser(page: str) -> None:
    parser = _StartTags()
    parser.feed(page)
    parser.close()


def _scanners() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {
        "regex scan_html (links, ids, text)": scan_html,
        "regex start_tags (every start tag)": start_tags,
        "page_active (every rule)": lambda page: page_active(page, set()),
        "html.parser (every start tag)": _html_parser,
    }
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        return found
    found["selectolax lexbor (every node)"] = lambda page: [
        node.attributes for node in LexborHTMLParser(page).root.traverse()]
    return found


def main(site: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))]
    print(f"{len(pages)} pages, {sum(map(len, pages)) // 1024} KiB")
    for name, scan in _scanners().items():
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            for page in pages:
                scan(page)
            best = min(best, time.process_time() - started)
        print(f"{name:40} {best * 1000:6.0f} ms")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
