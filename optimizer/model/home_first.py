"""Home before other (SPEC v1.1): ``other`` only where something asks for it on that day.

A post-processing step on every roster the solver returns, optimal or not.
``home`` and ``other`` weigh the same in every hard rule (both count as days
away from the office and as users of remote resources), so swapping
``other`` for ``home`` where nothing asks for ``other`` never breaks a rule;
it can only meet a wish for ``home`` (a preference, the pattern, a previous
entry), so it never raises the score.
"""

from __future__ import annotations

from optimizer.domain.solution import Assignment
from optimizer.instance import Instance


def asked_for_other(instance: Instance) -> set[tuple[int, int]]:
    """(employee, day) on which something asks for ``other``.

    A ``fixed`` or ``frozen`` other, a day preference for other (any weight),
    the team pattern ``other`` (not ``remote``), a ``previous`` other, or an
    employee who may not work at home.
    """
    asked: set[tuple[int, int]] = set()
    for employee in instance.employees:
        e = employee.index
        if "home" not in employee.locations:
            asked.update((e, day.index) for day in instance.days)
        asked.update((e, d) for d, location in employee.fixed.items() if location == "other")
        asked.update((e, d) for d, kept in employee.frozen.items() if kept.location == "other")
        asked.update((e, d) for d, location, _ in employee.day_preferences if location == "other")
    asked.update((e, d) for e, d, matching in instance.pattern_cells if matching == {"other"})
    asked.update((e, d) for e, d, location in instance.previous if location == "other")
    return asked


def home_before_other(instance: Instance, roster: list[Assignment]) -> list[Assignment]:
    """The roster with ``other`` swapped for ``home`` wherever nothing asks for ``other``."""
    asked = asked_for_other(instance)
    employees = {employee.id: employee.index for employee in instance.employees}
    days = {day.date: day.index for day in instance.days}
    return [
        a.model_copy(update={"location": "home"})
        if a.location == "other" and (employees[a.employee], days[a.date]) not in asked
        else a
        for a in roster
    ]
