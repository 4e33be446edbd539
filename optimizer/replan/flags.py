"""Re-plan flags of the command line: ``--unavailable e3:DATE..DATE`` and ``--desks hq:DATE=20``."""

from __future__ import annotations

import datetime as dt

from optimizer.domain.validation import ProblemError
from optimizer.replan.request import DayEvents


def parse_flags(unavailable: list[str], desks: list[str]) -> tuple[DayEvents, list[ProblemError]]:
    """The day's events from the flags, and every flag that cannot be read (each named)."""
    events, errors = DayEvents(), []
    for text in unavailable:
        employee, _, span = text.partition(":")
        dates = _span(span)
        if not employee or dates is None:
            errors.append(_bad("--unavailable", text, "expected EMPLOYEE:YYYY-MM-DD or EMPLOYEE:DATE..DATE"))
            continue
        events.unavailable.setdefault(employee, []).extend(dates)
    for text in desks:
        site, _, rest = text.partition(":")
        day, _, count = rest.partition("=")
        date = _date(day)
        if not site or date is None or not count.isdigit():
            errors.append(_bad("--desks", text, "expected SITE:YYYY-MM-DD=N with N a whole number ≥ 0"))
            continue
        events.desks.setdefault(site, {})[date] = int(count)
    return events, errors


def _bad(flag: str, text: str, message: str) -> ProblemError:
    return ProblemError((flag,), f"{text!r}: {message}", "value_error")


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _span(text: str) -> list[dt.date] | None:
    """``DATE`` or ``DATE..DATE`` (inclusive) as a list of dates, or None."""
    first, dots, last = text.partition("..")
    start, end = _date(first), _date(last) if dots else _date(first)
    if start is None or end is None or end < start or (end - start).days > 366:
        return None
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
