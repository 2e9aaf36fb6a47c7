"""The accessibility statement of a public body (toegankelijkheidsverklaring), from the variables.

Dutch public bodies must publish one for their websites (Besluit digitale toegankelijkheid
overheid; EU Directive 2016/2102). ``accessibility`` in the variables gives the status, the day
of the last test, the contact who answers questions and any known problems; without it the
statement says the site has not been assessed yet. The page ``docs/accessibility.<lang>.md``
exists only for a public body (``only_if: public_body``) and is linked from every page's footer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATUSES = ("compliant", "partially_compliant", "not_compliant", "not_assessed")


def statement(data: Mapping[str, Any]) -> dict[str, Any]:
    """The statement's values with their defaults.

    >>> statement({"accessibility": {"status": "compliant"}})["contact"]
    'social_media_team'
    >>> statement({})["status"], statement({})["last_tested"]
    ('not_assessed', None)
    """
    given = dict(data.get("accessibility") or {})
    return {"status": given.get("status") or "not_assessed",
            "last_tested": given.get("last_tested"),
            "contact": given.get("contact") or "social_media_team",
            "issues": given.get("issues") or {}}
