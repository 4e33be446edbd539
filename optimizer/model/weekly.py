"""Weekly bounds of minutes, computed once per weekly rule and number of available days.

:meth:`optimizer.instance.Instance.weekly_bounds` works in exact fractions;
with 10,000 employees the same few values are recomputed tens of thousands of
times while building and reading back, so they are memoised here.
"""

from __future__ import annotations

from collections.abc import Callable

from optimizer.instance import Instance

WeeklyBounds = Callable[[int, str], tuple[int, int]]


def weekly_bounds(instance: Instance) -> WeeklyBounds:
    """``instance.weekly_bounds`` memoised on (weekly min, weekly max, days available that week)."""
    known: dict[tuple[float, float, int], tuple[int, int]] = {}

    def bounds(e: int, week: str) -> tuple[int, int]:
        employee = instance.employees[e]
        available = sum(employee.available[d] for d in instance.weeks[week])
        key = (employee.rules.weekly_min, employee.rules.weekly_max, available)
        if key not in known:
            known[key] = instance.weekly_bounds(e, week)
        return known[key]

    return bounds
