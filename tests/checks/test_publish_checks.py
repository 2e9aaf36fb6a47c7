"""The checks ``policykit publish`` runs on a built site before it goes live."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from policykit.checks.active import csp_hashes, script_hash, site_findings
from policykit.checks.htmlscan import inline_scripts


def test_inline_scripts_and_their_csp_hash() -> None:
    html = ('<script>var a=1</script><script src="x.js"></script>'
            '<script type="application/json">{"b": 2}</script><script type="module">go()</script>')
    assert [text for text, _line in inline_scripts(html)] == ["var a=1", "go()"]
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert script_hash("var a=1") == f"sha256-{expected}"


def test_csp_hashes_are_read_from_the_header() -> None:
    header = ("default-src 'self'; script-src 'self' 'sha256-AbC+/1=' 'sha384-XyZ='; "
              "style-src 'self'")
    assert csp_hashes(header) == {"sha256-AbC+/1=", "sha384-XyZ="}


def test_unlisted_inline_script_and_inline_style_are_reported(tmp_path: Path) -> None:
    allowed = {script_hash("known()")}
    (tmp_path / "index.html").write_text(
        "<html><body>\n<script>known()</script>\n<script>evil()</script>\n"
        '<p style="color: red">x</p>\n</body></html>')
    problems = sorted(str(f) for f in site_findings(tmp_path, allowed))
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"index.html:3: inline <script> ({script_hash('evil()')}) is "
                                  "not one of the kit's own")
    assert "policy-security-headers.conf" in problems[0]
    assert problems[1].startswith("index.html:4: <p style=…>: inline styles are blocked")
    assert [str(f) for f in site_findings(tmp_path, None)] == [problems[1]], \
        "without a CSP the inline scripts are not judged"
