"""Clock times as ``"HH:MM"`` strings and their conversion to integer minutes."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})")  # ASCII digits only, matched in full
DAY_MINUTES = 24 * 60


def _valid_clock(value: str) -> str:
    match = _CLOCK.fullmatch(value)
    if not match:
        raise ValueError(f"time {value!r} is not of the form HH:MM")
    hours, minutes = int(match[1]), int(match[2])
    if minutes >= 60 or hours * 60 + minutes > DAY_MINUTES:
        raise ValueError(f"time {value!r} is outside 00:00-24:00")
    return value


Clock = Annotated[str, AfterValidator(_valid_clock)]


def to_minutes(clock: str) -> int:
    """Minutes after midnight of a validated ``"HH:MM"`` time."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def to_clock(minutes: int) -> str:
    """The ``"HH:MM"`` form of minutes after midnight (up to 24:00)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
