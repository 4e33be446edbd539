"""What every checker rule reads: the instance, the indexed roster and the claimed team days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from optimizer.checker.roster_view import Placed, RosterView
from optimizer.domain.solution import TeamDays, Violation
from optimizer.instance import Day, EmployeeData, Instance


@dataclass(frozen=True)
class Checked:
    """A roster under check."""

    instance: Instance
    view: RosterView
    team_days: list[TeamDays]

    def worked_cells(self) -> Iterator[tuple[EmployeeData, Day, Placed, dict[str, object]]]:
        """Each worked (employee, available day) of the roster, with the subject of a violation on it."""
        for employee, day, cell, subject in self.available_cells():
            if cell.location != "off":
                yield employee, day, cell, subject

    def available_cells(self) -> Iterator[tuple[EmployeeData, Day, Placed, dict[str, object]]]:
        """Each (employee, working day) the employee is available and the roster has a cell for."""
        for employee in self.instance.employees:
            for day in self.instance.days:
                cell = self.view.cells.get((employee.index, day.index))
                if cell is not None and employee.available[day.index]:
                    yield employee, day, cell, subject_of(employee, day.date)


Rule = Callable[[Checked], Iterator[Violation]]


def subject_of(employee: EmployeeData, date: dt.date) -> dict[str, object]:
    """The subject of a violation on one employee's day."""
    return {"employee": employee.id, "date": date}


def violation(constraint: str, message: str, **subject: object) -> Violation:
    """A violation of ``constraint`` about ``subject``."""
    return Violation(constraint=constraint, message=message, **subject)
