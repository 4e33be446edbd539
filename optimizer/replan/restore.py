"""The third re-plan stage: keep published start times and hours wherever nothing is lost.

The search fixes locations and the objective; this pass then gives every
unchanged cell from ``from`` on its published start and hours back, employee
by employee, when the independent checker finds no violation for that
employee and no cell's start-time cost rises. It is a repair, not a proof:
the count of moved times it leaves is small but not proven minimal.
"""

from __future__ import annotations

import datetime as dt

from optimizer.checker import check
from optimizer.domain.clock import to_clock, to_minutes
from optimizer.domain.solution import Assignment
from optimizer.instance import Instance


def restore_published_times(
    instance: Instance, roster: list[Assignment], published: list[Assignment], start: dt.date
) -> list[Assignment]:
    """``roster`` with published start and hours restored where every rule still holds."""
    before = {(a.employee, a.date): a for a in published}
    breaks = {day.date: day.break_minutes for day in instance.days}
    employees = {e.id: e for e in instance.employees}
    candidate, touched = [], set()
    for a in roster:
        old = before.get((a.employee, a.date))
        if a.date >= start and _restorable(a, old, employees[a.employee].start_preference):
            a = _with_times(a, old.start, old.hours, breaks[a.date])
            touched.add(a.employee)
        candidate.append(a)
    if not touched:
        return roster
    result = check(instance.problem, candidate, instance=instance)
    broken = {v.employee for v in result.violations}
    if None in broken:
        return roster
    kept = [new if new.employee not in broken else old for new, old in zip(candidate, roster, strict=True)]
    return kept if check(instance.problem, kept, instance=instance).valid else roster


def _restorable(a: Assignment, old: Assignment | None, preference: tuple[int, int] | None) -> bool:
    """Same worked location, other times, and the published start costs no more."""
    if old is None or old.location != a.location or a.location == "off":
        return False
    if old.start is None or old.hours is None or (old.start, old.hours) == (a.start, a.hours):
        return False
    if preference is None or a.start is None:
        return True
    wanted = preference[0]
    return abs(to_minutes(old.start) - wanted) <= abs(to_minutes(a.start) - wanted)


def _with_times(a: Assignment, start: str, hours: float, break_minutes: int) -> Assignment:
    end = to_minutes(start) + round(hours * 60) + break_minutes
    return a.model_copy(update={"start": start, "hours": hours, "end": to_clock(end)})
