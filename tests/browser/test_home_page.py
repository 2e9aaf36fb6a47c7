"""The home page as a reviewer sees it (screenshots) and what it costs to load (page weight)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

WEIGHT_LIMIT = 400 * 1024          # bytes transferred on first load, everything included
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize(("lang", "device", "viewport"), [
    ("nl", "desktop", DESKTOP), ("en", "desktop", DESKTOP),
    ("nl", "phone", PHONE), ("en", "phone", PHONE),
])
def test_home_page_screenshot(browser, site_url, site_model, artifacts, lang, device, viewport):
    context = browser.new_context(viewport=viewport, device_scale_factor=1,
                                  is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    home = "index.html" if lang == site_model.default_lang else f"{lang}/index.html"
    page.goto(site_url + home, wait_until="networkidle")
    title = site_model.variables["policy"]["title"][lang]
    assert page.locator("article h1").first.inner_text().strip().rstrip("¶") == title
    # On a phone nothing sticks out sideways and the navigation folds into the menu button.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    menu_shown = page.locator("label.md-header__button[for='__drawer']").is_visible()
    shot = artifacts / f"home-{lang}-{device}.png"
    page.screenshot(path=str(shot), full_page=True)
    context.close()

    assert overflow <= 0, f"{home} is {overflow}px wider than a {viewport['width']}px screen"
    assert menu_shown == (device == "phone"), f"menu button shown: {menu_shown} on a {device}"
    width, height = png_size(shot)
    assert width == viewport["width"] and height >= viewport["height"] // 2, (width, height)
    assert shot.stat().st_size > 5_000, f"{shot} looks empty"


def transferred(request) -> int:
    """Bytes of one response on the wire: headers plus the (compressed) body. Chromium reports
    no body size for a worker's requests; their Content-Length says the same."""
    sizes = request.sizes()
    length = int(request.response().headers.get("content-length") or 0)
    return sizes["responseHeadersSize"] + max(sizes["responseBodySize"], length)


def test_home_page_weight(browser, site_url, capsys):
    """Everything the home page transfers on a first visit (empty cache), until the network is
    idle: HTML, theme CSS and JavaScript, search worker, search index, icons. Text is sent
    gzip-compressed, as by a web server set up for the site (see browser/server.py)."""
    context = browser.new_context()
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(site_url + "index.html", wait_until="networkidle")
    rows = [(request.url, transferred(request), len(request.response().body()))
            for request in finished]
    context.close()

    sent = sum(size for _, size, _ in rows)
    unpacked = sum(length for _, _, length in rows)
    with capsys.disabled():
        print(f"\nhome page first load: {len(rows)} responses, {sent / 1024:.1f} KiB transferred "
              f"(bodies + headers); {unpacked / 1024:.1f} KiB once unpacked")
        for url, size, length in sorted(rows, key=lambda row: -row[2])[:6]:
            print(f"  {size / 1024:7.1f} KiB sent, {length / 1024:7.1f} KiB "
                  f"unpacked  {url.removeprefix(site_url)}")
    assert any(url.endswith("search_index.json") for url, _, _ in rows), "search index not loaded"
    assert unpacked > 100_000, f"only {unpacked} bytes: did the theme's assets load at all?"
    assert sent < WEIGHT_LIMIT, f"the home page transfers {sent} bytes (limit {WEIGHT_LIMIT})"
