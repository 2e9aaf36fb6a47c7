"""Opt-in check of links to other websites: concurrent, with timeouts, retries and a cache.

Off by default: intranet builds are offline. When switched on, every distinct URL is
fetched once (``HEAD``, then ``GET`` when the server refuses ``HEAD``); good results are kept
in a cache file for a day. Addresses on the allow-list and reserved example domains
(``.example``, ``.test``, ``.invalid``, ``.localhost``) are never fetched. When not a single
URL can be reached at network level, the result is one message about the network instead
of a list of broken links.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")
USER_AGENT = "policykit-linkcheck/1 (+https://github.com/)"


@dataclass(frozen=True)
class UrlResult:
    """Outcome of one URL: an HTTP status, or a network error (status None)."""

    url: str
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


Fetch = Callable[[str, float], UrlResult]


def http_fetch(url: str, timeout: float) -> UrlResult:
    """Fetch ``url`` with HEAD, falling back to GET when HEAD is refused."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return UrlResult(url, response.status)
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return UrlResult(url, error.code)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return UrlResult(url, None, str(reason))
    return UrlResult(url, None, "no answer")  # pragma: no cover


def skipped(url: str, allow: Iterable[str]) -> bool:
    """True for URLs never fetched: on the allow-list (prefix or host) or a reserved domain."""
    host = (urlsplit(url).hostname or "").lower()
    if host.endswith(RESERVED_SUFFIXES) or host in ("example", "localhost"):
        return True
    return any(url.startswith(item) or host == item.lower() for item in allow)


@dataclass
class ExternalReport:
    """Results of one run: broken URLs, a network message (or ""), counts."""

    broken: dict[str, UrlResult]
    network_error: str
    checked: int
    cached: int
    skipped: int


def check_urls(urls: Iterable[str], *, allow: Iterable[str] = (), cache_file: Path | None = None,
               fetch: Fetch = http_fetch, timeout: float = 10.0, retries: int = 2,
               workers: int = 16, max_age: float = 86400.0,
               now: Callable[[], float] = time.time) -> ExternalReport:
    """Check every distinct URL once; see the module docstring for the rules."""
    allow = list(allow)
    distinct = sorted(set(urls))
    to_check = [u for u in distinct if not skipped(u, allow)]
    cache = _read_cache(cache_file)
    fresh = {u for u in to_check if u in cache and 0 <= now() - cache[u] < max_age}
    pending = [u for u in to_check if u not in fresh]

    def attempt(url: str) -> UrlResult:
        result = fetch(url, timeout)
        for round_ in range(retries):
            if result.ok or (result.status is not None and result.status < 500
                             and result.status != 429):
                break
            time.sleep(min(0.5 * 2 ** round_, 4.0))
            result = fetch(url, timeout)
        return result

    results: list[UrlResult] = []
    if pending:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(pending)))) as pool:
            results = list(pool.map(attempt, pending))
    network_error = ""
    if results and all(r.status is None for r in results):
        network_error = (f"none of the {len(results)} external addresses could be reached "
                         f"(first error: {results[0].error})")
        broken: dict[str, UrlResult] = {}
    else:
        broken = {r.url: r for r in results if not r.ok}
    for result in results:
        if result.ok:
            cache[result.url] = now()
    _write_cache(cache_file, cache)
    return ExternalReport(broken, network_error, len(pending), len(fresh),
                          len(distinct) - len(to_check))


def describe(result: UrlResult) -> str:
    """``HTTP 404`` or the network error, for a message.

    >>> describe(UrlResult("https://x.example/", 404)), describe(UrlResult("u", None, "timed out"))
    ('HTTP 404', 'timed out')
    """
    return f"HTTP {result.status}" if result.status is not None else result.error


def _read_cache(path: Path | None) -> dict[str, float]:
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))} \
        if isinstance(data, dict) else {}


def _write_cache(path: Path | None, cache: dict[str, float]) -> None:
    if path is None:
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(cache, indent=0, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time
