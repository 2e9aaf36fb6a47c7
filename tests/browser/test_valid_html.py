"""Valid HTML: the Nu Html Checker over the whole built site (one JVM: it is slow to start)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from browser.tools import VNU_JAR, java_command, require_tool
from browser.vnu import check_site, is_error, load_allowlist, where

ALLOWLIST = Path(__file__).with_name("vnu-allowlist.yml")


@pytest.fixture(scope="session")
def vnu_messages(example_site):
    jar = require_tool(VNU_JAR, "the Nu Html Checker (npm vnu-jar)")
    return check_site(java_command(), jar, example_site.site)


def test_allowlist_gives_a_reason_for_each_entry():
    entries = load_allowlist(ALLOWLIST)
    assert entries
    for entry in entries:
        assert entry.theme_file.startswith("material/"), entry
        assert len(entry.reason) > 40, f"say why this theme error is harmless: {entry}"


def test_no_html_errors_from_our_pages(vnu_messages, example_site, capsys):
    allowlist = load_allowlist(ALLOWLIST)
    errors = [message for message in vnu_messages if is_error(message)]
    ours = [error for error in errors if not any(entry.matches(error) for entry in allowlist)]
    used = Counter(entry.message for error in errors for entry in allowlist if entry.matches(error))
    with capsys.disabled():
        print(f"\nvnu: {len(errors)} errors over {len(example_site.html_pages())} pages, "
              f"{len(errors) - len(ours)} of them the theme's (allow-listed: "
              f"{', '.join(str(n) for n in used.values()) or 'none'})")
        for entry in allowlist:
            if not used[entry.message]:
                print(f"  allow-list entry not needed by this site: {entry.message}")
    assert not ours, "HTML errors from our pages, overrides or macros:\n" + "\n".join(
        f"{where(error, example_site.site)}: {error['message']} — {error.get('extract', '')!r}"
        for error in ours[:40])
