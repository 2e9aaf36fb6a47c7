"""The nginx configuration in deploy/nginx/, run by a real nginx on 127.0.0.1.

Only the ``listen`` and ``root`` lines of policy-site.conf are replaced; the headers snippet is
used as it is. Without nginx the tests skip, except in CI (CI=true), where they fail.
The server runs in the foreground (``daemon off``) as a child of the test, with its pid, logs
and temporary files in a temporary prefix, and is stopped after the module.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, BuildResult, require_chromium, require_program
from policykit.checks.active import csp_hashes, script_hash, site_findings
from policykit.checks.htmlscan import inline_scripts
from policykit.lifecycle.pdf import headless
from policykit.lifecycle.publish import PublishError, publish

NGINX_DIR = REPO / "deploy" / "nginx"
SITE_CONF = NGINX_DIR / "policy-site.conf"
HEADERS_CONF = NGINX_DIR / "snippets" / "policy-security-headers.conf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Server:
    base: str

    def get(self, path: str) -> Response:
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(self.base + path, timeout=10) as answer:
                return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()},
                                answer.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Response(error.code, {k.lower(): v for k, v in error.headers.items()},
                            error.read().decode("utf-8", "replace"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def server_config(prefix: Path, root: Path, port: int) -> Path:
    """A complete nginx.conf in ``prefix`` that includes the repository's server block."""
    conf = prefix / "conf"
    (conf / "snippets").mkdir(parents=True)
    shutil.copy(HEADERS_CONF, conf / "snippets" / HEADERS_CONF.name)
    mime = Path("/etc/nginx/mime.types")
    (conf / "mime.types").write_text(mime.read_text() if mime.exists() else
                                     "types { text/html html; text/css css; "
                                     "application/javascript js; application/json json; }\n")
    site = SITE_CONF.read_text(encoding="utf-8")
    site, listens = re.subn(r"(?m)^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{port};", site)
    site, roots = re.subn(r"(?m)^(\s*)root\s+[^;]+;", rf"\1root {root};", site)
    assert listens == 1 and roots == 1, "policy-site.conf must have one listen and one root line"
    (conf / "policy-site.conf").write_text(site, encoding="utf-8")
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = conf / "nginx.conf"
    main.write_text(
        f"{user}worker_processes 1;\ndaemon off;\npid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        "http {\n  include mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {prefix}/access.log;\n"
        f"  client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;\n"
        f"  fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp;\n"
        f"  scgi_temp_path {prefix}/tmp;\n"
        "  include policy-site.conf;\n}\n", encoding="utf-8")
    (prefix / "tmp").mkdir()
    return main


@pytest.fixture(scope="module")
def served(example_site: BuildResult, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Server]:
    """The example site behind the repository's nginx configuration."""
    root = tmp_path_factory.mktemp("www") / "policy-site"
    shutil.copytree(example_site.site, root)
    (root / "assets" / "empty-folder").mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    with run_nginx(root, tmp_path_factory.mktemp("nginx")) as server:
        yield server


@contextlib.contextmanager
def run_nginx(root: Path, prefix: Path) -> Iterator[Server]:
    """A real nginx in the foreground serving ``root``; stopped when the block ends."""
    binary = require_program("nginx", package="nginx")
    port = free_port()
    main = server_config(prefix, root, port)
    checked = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(main)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t rejects the configuration:\n{checked.stderr}"
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(main)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process, prefix)
        yield Server(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_port(port: int, process: subprocess.Popen, prefix: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
            pytest.fail(f"nginx stopped at start (exit {process.returncode}):\n{log}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail("nginx did not start listening within 15 s")


SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
                    "x-frame-options")


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.build
@pytest.mark.parametrize("path", ["/", "/index.html", "/en/index.html",
                                  "/policy/principles.html", "/en/policy/principles.html"])
def test_pages_are_served_with_security_headers(served: Server, path: str) -> None:
    answer = served.get(path)
    assert answer.status == 200, answer
    assert "text/html" in answer.headers["content-type"]
    assert "utf-8" in answer.headers["content-type"].lower()
    for name in SECURITY_HEADERS:
        assert name in answer.headers, f"{path} lacks {name}: {answer.headers}"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] in {"same-origin", "no-referrer",
                                                 "strict-origin-when-cross-origin"}
    assert answer.headers["cache-control"] == "no-cache"
    assert "nginx/" not in answer.headers.get("server", ""), "version number is disclosed"


@pytest.mark.build
def test_csp_allows_no_other_host(served: Server) -> None:
    csp = csp_directives(served.get("/index.html").headers["content-security-policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    allowed = {"'self'", "'none'", "data:"}
    for name, sources in csp.items():
        for source in sources:
            assert source in allowed or source.startswith("'sha256-"), \
                f"{name} allows {source}: only this host may be a source"
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]


@pytest.mark.build
def test_every_inline_script_of_the_site_is_allowed_by_hash(served: Server,
                                                            example_site: BuildResult) -> None:
    allowed = csp_hashes(served.get("/index.html").headers["content-security-policy"])
    seen = {script_hash(script) for page in example_site.html_pages()
            for script, _line in inline_scripts(page.read_text(encoding="utf-8"))}
    assert seen, "the theme has inline scripts; the scan found none"
    assert seen <= allowed, f"not allowed by the CSP: {sorted(seen - allowed)}"
    assert site_findings(example_site.site, allowed) == []


@pytest.mark.build
def test_assets_and_search_index_have_headers_and_types(served: Server,
                                                         example_site: BuildResult) -> None:
    css = served.get("/assets/stylesheets/policykit.css")
    assert css.status == 200 and css.headers["content-type"].startswith("text/css")
    assert css.headers["x-content-type-options"] == "nosniff"
    index = served.get("/search/search_index.json")
    assert index.status == 200 and "application/json" in index.headers["content-type"]
    bundle = next((example_site.site / "assets" / "javascripts").glob("bundle.*.min.js"))
    hashed = served.get(f"/assets/javascripts/{bundle.name}")
    assert hashed.status == 200
    assert "immutable" in hashed.headers["cache-control"]
    assert "content-security-policy" in hashed.headers, "headers lost in the caching location"


@pytest.mark.build
def test_folder_without_index_is_not_listed(served: Server) -> None:
    for path in ("/assets/", "/assets/empty-folder/", "/search/"):
        answer = served.get(path)
        assert answer.status in (403, 404), (path, answer.status)
        assert "Index of" not in answer.body and "search_index.json" not in answer.body
        assert "content-security-policy" in answer.headers


@pytest.mark.build
def test_missing_page_gets_the_sites_404_page(served: Server, example_site: BuildResult) -> None:
    answer = served.get("/policy/no-such-page.html")
    assert answer.status == 404
    assert answer.body == example_site.page("404.html")
    assert "content-security-policy" in answer.headers


@pytest.mark.build
def test_hidden_files_and_folder_redirects(served: Server) -> None:
    assert served.get("/.git/config").status == 404
    answer = served.get("/en")
    assert answer.status == 301
    assert answer.headers["location"] == "/en/", "redirect must stay relative to the host used"
    assert served.get("/en/").status == 200


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("path", ["/index.html", "/en/policy/principles.html", "/404.html",
                                  "/print.html"])
def test_browser_reports_no_csp_violation(served: Server, tmp_path: Path, path: str) -> None:
    """Headless Chromium loads the page from nginx: the theme's scripts run, nothing is blocked."""
    chromium = require_chromium()
    done = subprocess.run(
        [*headless(chromium, tmp_path / "profile"), "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=4000", "--dump-dom", served.base + path],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    blocked = [line for line in console
               if "Content Security Policy" in line or "Refused" in line]
    assert blocked == [], "\n".join(blocked)
    if path != "/print.html":
        html_tag = re.search(r"<html[^>]*>", done.stdout)[0]
        assert re.search(r'class="[^"]*\bjs\b', html_tag), f"theme script did not run: {html_tag}"


def test_nginx_serves_each_publish_without_reload(tmp_path: Path) -> None:
    """nginx follows the published symlink per request: a publish needs no reload, and a
    failed one keeps the old site answering."""
    dest = tmp_path / "www" / "policy-site"
    dest.parent.mkdir()  # publish refuses a DEST whose folder does not exist

    def site_build(text: str) -> list[str]:
        return [sys.executable, "-c", "import pathlib, sys; "
                "pathlib.Path(sys.argv[1], 'index.html').write_text(sys.argv[2])", "{site}", text]

    publish(dest, site_build("<p>release one</p>"), cwd=tmp_path)
    with run_nginx(dest, tmp_path / "nginx") as server:
        assert server.get("/index.html").body == "<p>release one</p>"
        with pytest.raises(PublishError):
            publish(dest, [sys.executable, "-c", "raise SystemExit(1)"], cwd=tmp_path)
        assert server.get("/index.html").body == "<p>release one</p>"
        publish(dest, site_build("<p>release two</p>"), cwd=tmp_path)
        assert server.get("/index.html").body == "<p>release two</p>"


def test_scope_script_matches_the_installed_theme() -> None:
    """Our fixed-text copy of Material's first inline script differs from the installed
    theme's only in where it reads the base URL; a theme upgrade that changes it fails here."""
    import material

    upstream = (Path(material.__file__).parent / "templates" / "partials" / "javascripts"
                / "base.html").read_text(encoding="utf-8")
    ours = (REPO / "overrides" / "partials" / "javascripts" / "base.html").read_text("utf-8")
    upstream_script = re.search(r"<script>(.*?)</script>", upstream, re.DOTALL)[1]
    our_script = re.search(r"<script [^>]*>(.*?)</script>", ours, re.DOTALL)[1]
    expected = upstream_script.replace('"{{ config.extra.scope | d(base_url) }}"',
                                       "document.currentScript.dataset.mdScope")
    assert expected != upstream_script, "the theme no longer writes the scope into the script"
    assert our_script == expected


@pytest.mark.build
def test_text_is_sent_compressed(served: Server) -> None:
    for path in ("/search/search_index.json", "/assets/stylesheets/policykit.css", "/index.html"):
        request = urllib.request.Request(served.base + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
            assert answer.headers.get("Content-Encoding") == "gzip", path
            assert "content-security-policy" in {k.lower() for k in answer.headers}
        assert body[:2] == b"\x1f\x8b", f"{path} is not gzip data"
