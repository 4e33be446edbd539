"""Start windows per (employee, day, location), and when an employee's times can be planned apart.

Every time rule is a bound on the start (``start ≥ open``, ``start ≤ meeting
start``, …) or on the start plus hours (``end − break ≤ close``, ``≥ core
end``, …). :class:`Window` collects them. For one cell the best start is the
one closest to the preferred start; if at that start the hours can still take
every value they could take at any start, choosing that start loses nothing,
and the cell is *planned*: a constant start and a range of hours. An employee
whose cells are all planned needs no time variables: the start penalty is a
constant per location literal, and the weekly hours become two linear rules
on the literals (the sum of the smallest hours at most the weekly maximum, the
sum of the largest at least the minimum). Hours are filled in after solving.
"""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.domain.clock import DAY_MINUTES


@dataclass(slots=True)
class Window:
    """Bounds in minutes on the start and on start + hours of one cell."""

    start_low: int
    start_high: int
    reach_low: int = 0
    reach_high: int = DAY_MINUTES

    def narrow_start(self, low: int, high: int) -> None:
        """Keep starts within ``[low, high]``."""
        self.start_low, self.start_high = max(self.start_low, low), min(self.start_high, high)

    def narrow_reach(self, low: int, high: int) -> None:
        """Keep start + hours (the end less the break) within ``[low, high]``."""
        self.reach_low, self.reach_high = max(self.reach_low, low), min(self.reach_high, high)


@dataclass(frozen=True)
class Plan:
    """A planned cell: its start, its start penalty in steps and its range of hours (minutes)."""

    start: int
    deviation: int
    hours_low: int
    hours_high: int


def _hours_at(window: Window, start: int, low: int, high: int, step: int) -> tuple[int, int]:
    """The range of hours on the grid possible at ``start``."""
    least = max(low, -(-(window.reach_low - start) // step) * step)
    most = min(high, (window.reach_high - start) // step * step)
    return least, most


def plan_cell(window: Window, low: int, high: int, step: int, preferred: int | None) -> Plan | None | bool:
    """The plan of one cell; None when no start works; False when the start limits the hours."""
    first = -(-window.start_low // step) * step
    starts = [
        s for s in range(first, window.start_high + 1, step) if _le(_hours_at(window, s, low, high, step))
    ]
    if not starts:
        return None
    ranges = {s: _hours_at(window, s, low, high, step) for s in starts}
    widest = (min(r[0] for r in ranges.values()), max(r[1] for r in ranges.values()))
    target = starts[0] if preferred is None else preferred
    best = min(abs(s - target) for s in starts)
    for s in starts:
        if abs(s - target) == best and ranges[s] == widest:
            deviation = 0 if preferred is None else best // step
            return Plan(s, deviation, *widest)
    if preferred is None:
        for s in starts:
            if ranges[s] == widest:
                return Plan(s, 0, *widest)
    return False


def _le(pair: tuple[int, int]) -> bool:
    return pair[0] <= pair[1]
