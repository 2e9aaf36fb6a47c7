"""MkDocs hook: the offline build (``make offline``) loads nothing from outside.

Material's ``offline`` plugin makes search work from a file share, but adds a polyfill from a
CDN unless one named ``iframe-worker`` is already listed. This hook lists the vendored copy
(``overrides/assets/javascripts/iframe-worker.js``) first, and leaves that file out of normal
builds, which do not need it.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

POLYFILL = "assets/javascripts/iframe-worker.js"


def _offline_enabled(config) -> bool:
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


@event_priority(50)  # before the offline plugin (priority 0) adds its CDN address
def on_config(config):
    if _offline_enabled(config):
        polyfills = list(config.extra.get("polyfills") or [])
        if POLYFILL not in polyfills:
            polyfills.append(POLYFILL)
        config.extra["polyfills"] = polyfills
    return config


def on_files(files, config):
    if not _offline_enabled(config):
        vendored = files.get_file_from_path(POLYFILL)
        if vendored is not None:
            files.remove(vendored)
    return files
