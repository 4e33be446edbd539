"""Time zones of the tz database (SPEC v1.1 ``horizon.timezone``)."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

# Names in the tz database that are not zones a user means (SPEC v1.1).
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


def is_time_zone(name: str) -> bool:
    """Whether ``name`` is a zone or link of the tz database, matched exactly (case-sensitive)."""
    return name in _zone_names()
