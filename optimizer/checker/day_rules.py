"""Checker rules on a single (employee, working day), one function per SPEC name."""

from __future__ import annotations

from collections.abc import Iterator

from optimizer.checker.common import Checked, subject_of, violation
from optimizer.domain.clock import DAY_MINUTES, to_clock, to_minutes
from optimizer.domain.solution import Violation


def one_assignment(c: Checked) -> Iterator[Violation]:
    """Assignments that cannot be placed, and working days without one."""
    yield from c.view.misplaced
    for employee in c.instance.employees:
        for day in c.instance.days:
            if (employee.index, day.index) not in c.view.cells:
                yield violation(
                    "one_assignment", "no assignment on this working day", **subject_of(employee, day.date)
                )


def frozen(c: Checked) -> Iterator[Violation]:
    """A binding frozen entry is matched exactly: location, and start and hours on a worked day."""
    for employee, day, cell, subject in c.available_cells():
        kept = employee.frozen.get(day.index)
        if kept is None:
            continue
        if cell.location != kept.location:
            yield violation("frozen", f"frozen at {kept.location} but at {cell.location}", **subject)
        elif kept.location != "off" and (
            cell.start != kept.start or cell.minutes is None or abs(cell.minutes - kept.minutes) > 1e-6
        ):
            yield violation(
                "frozen",
                f"frozen from {to_clock(kept.start)} for {kept.minutes / 60:g} h, but "
                f"from {to_clock(cell.start) if cell.start is not None else 'no start'} "
                f"for {'no' if cell.minutes is None else f'{cell.minutes / 60:g}'} h",
                **subject,
            )


def unavailable(c: Checked) -> Iterator[Violation]:
    """A day of leave is off."""
    for employee in c.instance.employees:
        for day in c.instance.days:
            cell = c.view.cells.get((employee.index, day.index))
            if cell is not None and not employee.available[day.index] and cell.location != "off":
                yield violation("unavailable", "on leave but not off", **subject_of(employee, day.date))


def no_off_day(c: Checked) -> Iterator[Violation]:
    """Without ``allow_off_days``, an available day is worked."""
    if c.instance.problem.policy.allow_off_days:
        return
    for _, _, cell, subject in c.available_cells():
        if cell.location == "off":
            yield violation("no_off_day", "off on an available day", **subject)


def fixed(c: Checked) -> Iterator[Violation]:
    """A fixed available day has exactly that location."""
    for employee, day, cell, subject in c.available_cells():
        pinned = employee.fixed.get(day.index)
        if pinned is not None and cell.location != pinned:
            yield violation("fixed", f"fixed at {pinned} but at {cell.location}", **subject)


def allowed_location(c: Checked) -> Iterator[Violation]:
    """The location is one of the employee's, and an office day is at the employee's site."""
    for employee, _, cell, subject in c.worked_cells():
        if cell.location not in employee.locations:
            yield violation(
                "allowed_location", f"{cell.location} is not allowed for this employee", **subject
            )
        elif cell.location == "office" and cell.site != employee.site:
            yield violation(
                "allowed_location",
                f"office at site {cell.site!r} instead of the employee's site {employee.site!r}",
                **subject,
            )


def start_window(c: Checked) -> Iterator[Violation]:
    """A worked day starts within the employee's window, on the step grid."""
    step = c.instance.step
    for employee, _, cell, subject in c.worked_cells():
        earliest, latest = employee.earliest, employee.latest
        if cell.start is None or not earliest <= cell.start <= latest or cell.start % step:
            shown = to_clock(cell.start) if cell.start is not None else "missing or unreadable"
            yield violation(
                "start_window",
                f"start {shown} is not within {to_clock(earliest)}–{to_clock(latest)} "
                f"on the {step}-minute grid",
                **subject,
            )


def span(c: Checked) -> Iterator[Violation]:
    """A worked day ends at start + hours + that day's break, by 24:00."""
    for _, day, cell, subject in c.worked_cells():
        if cell.start is None or cell.end is None or cell.minutes is None:
            yield violation("span", "start, end or hours missing", **subject)
            continue
        if cell.end != cell.start + cell.minutes + day.break_minutes or cell.end > DAY_MINUTES:
            yield violation(
                "span",
                f"end {to_clock(cell.end)} should be start + hours + {day.break_minutes} min break "
                "and no later than 24:00",
                **subject,
            )


def daily_hours(c: Checked) -> Iterator[Violation]:
    """A worked day's hours are within the daily range, on the step grid."""
    step = c.instance.step
    for employee, _, cell, subject in c.worked_cells():
        low, high = employee.daily_min, employee.daily_max
        if cell.minutes is None or not cell.hours_on_grid or not low <= cell.minutes <= high:
            hours = "missing or unreadable" if cell.minutes is None else f"{cell.minutes / 60:g}"
            yield violation(
                "daily_hours",
                f"{hours} h is not within {low / 60:g}–{high / 60:g} h on the {step}-minute grid",
                **subject,
            )


def core_hours(c: Checked) -> Iterator[Violation]:
    """A worked day covers the policy's core hours."""
    core = c.instance.problem.policy.core_hours
    if core is None:
        return
    core_start, core_end = to_minutes(core.start), to_minutes(core.end)
    for _, _, cell, subject in c.worked_cells():
        if cell.start is None or cell.end is None:
            continue
        if cell.start > core_start or cell.end < core_end:
            yield violation("core_hours", f"does not cover core hours {core.start}–{core.end}", **subject)


def opening_hours(c: Checked) -> Iterator[Violation]:
    """An office day fits within the opening hours of the employee's site."""
    sites = {site.id: site for site in c.instance.problem.sites}
    for employee, _, cell, subject in c.worked_cells():
        site = sites.get(employee.site or "")
        if cell.location != "office" or site is None or cell.start is None or cell.end is None:
            continue
        if cell.start < to_minutes(site.open) or cell.end > to_minutes(site.close):
            yield violation(
                "opening_hours",
                f"{to_clock(cell.start)}–{to_clock(cell.end)} is outside opening hours "
                f"{site.open}–{site.close}",
                site=site.id,
                **subject,
            )
