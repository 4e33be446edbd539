"""Checker rules on what staff share each day: desks and resource seats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from optimizer.checker.common import Checked, violation
from optimizer.domain.solution import Violation


def site_capacity(c: Checked) -> Iterator[Violation]:
    """People in the office at a site on a day at most its desks of that date."""
    instance = c.instance
    for day in instance.days:
        cells = (c.view.cells.get((e.index, day.index)) for e in instance.employees)
        in_office = Counter(cell.site for cell in cells if cell and cell.location == "office" and cell.site)
        for site, count in in_office.items():
            desks = instance.desks.get(site, [0] * len(instance.days))[day.index]
            if count > desks:
                yield violation(
                    "site_capacity", f"{count} in the office, {desks} desks", site=site, date=day.date
                )


def resource_capacity(c: Checked) -> Iterator[Violation]:
    """People away from the office who need a resource on a day at most its capacity of that date."""
    instance = c.instance
    for day in instance.days:
        using: Counter[str] = Counter()
        for employee in instance.employees:
            if c.view.location(employee.index, day.index) in ("home", "other"):
                using.update(employee.needs)
        for resource, count in using.items():
            capacity = instance.capacity[resource][day.index]
            if count > capacity:
                yield violation(
                    "resource_capacity",
                    f"{count} away from the office need {resource}, capacity {capacity}",
                    resource=resource,
                    date=day.date,
                )
