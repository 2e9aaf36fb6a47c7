"""MkDocs hook: put the organisation's own pages (``docs/local/``) in the navigation.

Adapter only; ``policykit.localpages`` finds the pages. Runs before ``policy_setup`` so that a
local page with an ``only_if`` flag that is off is left out like any other page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.plugins import event_priority  # noqa: E402  (aliased to properdocs under ProperDocs)
from policykit.localpages import local_pages, with_local_pages  # noqa: E402


@event_priority(110)
def on_config(config):
    config.nav = with_local_pages(config.nav, local_pages(Path(config.docs_dir)))
    return config
