"""Browser contexts that log every request and stop any that would leave 127.0.0.1."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

LOCAL_HOSTS = ("127.0.0.1",)
IN_PAGE_SCHEMES = ("data", "blob", "about")   # never touch the network


@dataclass
class RequestLog:
    """Every request a browser context made, and those stopped because they left 127.0.0.1."""

    urls: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.urls if not is_local(url)]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in IN_PAGE_SCHEMES or parts.hostname in LOCAL_HOSTS


def guarded_context(browser: Any, **options: Any) -> tuple[Any, RequestLog]:
    """A fresh browser context that logs every request and aborts any that would leave the
    machine (so a regression is reported, never sent)."""
    context = browser.new_context(**options)
    log = RequestLog()
    context.on("request", lambda request: log.urls.append(request.url))

    def stop_outside(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", stop_outside)
    return context, log
