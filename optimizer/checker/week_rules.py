"""Checker rules on an employee's ISO week, one function per SPEC name."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from optimizer.checker.common import Checked, violation
from optimizer.checker.roster_view import Placed
from optimizer.domain.solution import Violation
from optimizer.instance import EmployeeData


def _weeks(c: Checked) -> Iterator[tuple[EmployeeData, str, list[Placed], int, dict[str, object]]]:
    """Each employee and ISO week: the week's cells, its available days ``A`` and the subject."""
    for employee in c.instance.employees:
        for week, days in c.instance.weeks.items():
            cells = [cell for d in days if (cell := c.view.cells.get((employee.index, d))) is not None]
            available = sum(employee.available[d] for d in days)
            yield employee, week, cells, available, {"employee": employee.id, "week": week}


def weekly_hours(c: Checked) -> Iterator[Violation]:
    """Worked minutes of a week within the range prorated by ``A/N``, floored/ceiled to the step."""
    step = c.instance.step
    for employee, _, cells, available, subject in _weeks(c):
        rules = employee.rules
        share = Fraction(available, c.instance.workdays_per_week)
        low = math.floor(Fraction(str(rules.weekly_min)) * 60 * share / step) * step
        high = math.ceil(Fraction(str(rules.weekly_max)) * 60 * share / step) * step
        worked = sum(cell.minutes or 0 for cell in cells if cell.location != "off")
        if not low <= worked <= high:
            yield violation(
                "weekly_hours", f"{worked / 60:g} h worked, {low / 60:g}–{high / 60:g} h required", **subject
            )


def office_days(c: Checked) -> Iterator[Violation]:
    """Office days of a week within ``min(office_days.min, A)`` … ``office_days.max``."""
    for employee, _, cells, available, subject in _weeks(c):
        rules = employee.rules
        office = sum(cell.location == "office" for cell in cells)
        low = min(rules.office_min, available)
        if not low <= office <= rules.office_max:
            yield violation(
                "office_days", f"{office} office days, {low}–{rules.office_max} required", **subject
            )


def remote_days(c: Checked) -> Iterator[Violation]:
    """Days at home or elsewhere in a week at most ``remote_days.max``."""
    for employee, _, cells, _, subject in _weeks(c):
        high = employee.rules.remote_max
        remote = sum(cell.location in ("home", "other") for cell in cells)
        if remote > high:
            yield violation(
                "remote_days", f"{remote} days away from the office, at most {high} allowed", **subject
            )
