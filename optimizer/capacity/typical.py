"""A typical week: the problem without this week's individual dates, for sizing the policy.

Desk sizing asks what the policy needs, not what this week's leave, business
trips and last week's roster allow. A typical week drops every employee's
``fixed`` and ``unavailable`` dates and the problem's ``previous`` (and
``frozen``) entries, and says what it dropped, employee by employee.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from optimizer.capacity.models import DroppedInput
from optimizer.domain.problem import RosterProblem

#: Problem-level lists of dated entries per employee that a typical week leaves out.
_DATED_LISTS = tuple(name for name in ("previous", "frozen") if name in RosterProblem.model_fields)


def typical_week(problem: RosterProblem) -> tuple[RosterProblem, list[DroppedInput]]:
    """The problem without individual dates, and what was dropped (employee order, then field)."""
    names = {employee.id: employee.name for employee in problem.employees}
    dropped: dict[str, list[DroppedInput]] = defaultdict(list)
    employees = []
    for employee in problem.employees:
        for field, dates in (
            ("fixed", sorted(employee.fixed)),
            ("unavailable", sorted(employee.unavailable)),
        ):
            if dates:
                dropped[employee.id].append(_entry(field, employee.id, employee.name, dates))
        employees.append(employee.model_copy(update={"fixed": {}, "unavailable": []}))
    update: dict[str, object] = {"employees": employees}
    for field in _DATED_LISTS:
        by_employee: dict[str, list[dt.date]] = defaultdict(list)
        for entry in getattr(problem, field):
            by_employee[entry.employee].append(entry.date)
        for employee, dates in by_employee.items():
            dropped[employee].append(_entry(field, employee, names.get(employee), sorted(set(dates))))
        update[field] = []
    order = [employee.id for employee in problem.employees]
    listed = [item for employee in order for item in dropped.pop(employee, [])]
    listed += [item for items in dropped.values() for item in items]
    return problem.model_copy(update=update), listed


def _entry(field: str, employee: str, name: str | None, dates: list[dt.date]) -> DroppedInput:
    return DroppedInput(field=field, employee=employee, name=name, dates=dates)
