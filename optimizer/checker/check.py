"""The independent checker: every hard-constraint violation of a roster, and its score.

Pure Python on its own code path: it reads the same compiled instance as the
model (which days are working days, who is available), but states every rule
of SPEC §3 afresh from the assignments, without any of the model's code.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from optimizer.checker.roster_view import Placed, RosterView, index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.clock import DAY_MINUTES, to_clock, to_minutes
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, CheckResult, TeamDays, Violation
from optimizer.instance import Instance, compile_instance


def check(
    problem: RosterProblem,
    assignments: list[Assignment],
    team_days: list[TeamDays] | None = None,
    instance: Instance | None = None,
) -> CheckResult:
    """List every violation of the hard constraints and recompute the score.

    ``team_days`` are the anchor days the roster claims; for a team and week
    it leaves out, any choice of days on which all attending members are in the
    office is accepted.
    """
    instance = instance or compile_instance(problem)
    view = index_roster(instance, assignments)
    violations = list(view.misplaced)
    violations += _per_day(instance, view)
    violations += _per_week(instance, view)
    violations += _capacity(instance, view)
    violations += _teams(instance, view, team_days or [])
    return CheckResult(valid=not violations, violations=violations, score=score_roster(instance, view))


def _violation(constraint: str, message: str, **subject: object) -> Violation:
    return Violation(constraint=constraint, message=message, **subject)


def _per_day(instance: Instance, view: RosterView) -> Iterator[Violation]:
    """Rules on a single (employee, day)."""
    policy = instance.problem.policy
    sites = {site.id: site for site in instance.problem.sites}
    core = policy.core_hours
    step = instance.step
    for employee in instance.employees:
        for day in instance.days:
            subject = {"employee": employee.id, "date": day.date}
            cell = view.cells.get((employee.index, day.index))
            if cell is None:
                yield _violation("one_assignment", "no assignment on this working day", **subject)
                continue
            available = employee.available[day.index]
            if not available:
                if cell.location != "off":
                    yield _violation("unavailable", "on leave but not off", **subject)
                continue
            if cell.location == "off":
                if not policy.allow_off_days:
                    yield _violation("no_off_day", "off on an available day", **subject)
            elif cell.location not in employee.locations:
                yield _violation(
                    "allowed_location",
                    f"{cell.location} is not allowed for this employee",
                    **subject,
                )
            elif cell.location == "office" and cell.site != employee.site:
                yield _violation(
                    "allowed_location",
                    f"office at site {cell.site!r} instead of the employee's site {employee.site!r}",
                    **subject,
                )
            fixed = employee.fixed.get(day.index)
            if fixed is not None and cell.location != fixed:
                yield _violation("fixed", f"fixed at {fixed} but at {cell.location}", **subject)
            if cell.location == "off":
                continue
            yield from _times(instance, employee.earliest, employee.latest, cell, day, subject)
            low, high = employee.daily_min, employee.daily_max
            if cell.minutes is None or not cell.hours_on_grid or not low <= cell.minutes <= high:
                yield _violation(
                    "daily_hours",
                    f"{_hours(cell.minutes)} h is not within {low / 60:g}–{high / 60:g} h "
                    f"on the {step}-minute grid",
                    **subject,
                )
            if cell.start is None or cell.end is None:
                continue
            if core is not None and (cell.start > to_minutes(core.start) or cell.end < to_minutes(core.end)):
                yield _violation(
                    "core_hours", f"does not cover core hours {core.start}–{core.end}", **subject
                )
            site = sites.get(employee.site or "")
            if (
                cell.location == "office"
                and site is not None
                and (cell.start < to_minutes(site.open) or cell.end > to_minutes(site.close))
            ):
                yield _violation(
                    "opening_hours",
                    f"{to_clock(cell.start)}–{to_clock(cell.end)} is outside opening hours "
                    f"{site.open}–{site.close}",
                    site=site.id,
                    **subject,
                )


def _times(instance, earliest, latest, cell: Placed, day, subject) -> Iterator[Violation]:
    """start_window and span of one worked day."""
    if cell.start is None or not earliest <= cell.start <= latest or cell.start % instance.step:
        yield _violation(
            "start_window",
            f"start {to_clock(cell.start) if cell.start is not None else 'missing or unreadable'} is not "
            f"within {to_clock(earliest)}–{to_clock(latest)} on the {instance.step}-minute grid",
            **subject,
        )
    if cell.start is None or cell.end is None or cell.minutes is None:
        yield _violation("span", "start, end or hours missing", **subject)
        return
    expected = cell.start + cell.minutes + day.break_minutes
    if cell.end != expected or cell.end > DAY_MINUTES:
        yield _violation(
            "span",
            f"end {to_clock(cell.end)} should be start + hours + {day.break_minutes} min break "
            "and no later than 24:00",
            **subject,
        )


def _hours(minutes: int | None) -> str:
    return "missing or unreadable" if minutes is None else f"{minutes / 60:g}"


def _per_week(instance: Instance, view: RosterView) -> Iterator[Violation]:
    """Weekly hours, office days and remote days of each employee and ISO week."""
    step = instance.step
    for employee in instance.employees:
        rules = employee.rules
        for week, days in instance.weeks.items():
            subject = {"employee": employee.id, "week": week}
            cells = [view.cells.get((employee.index, d)) for d in days]
            available = sum(employee.available[d] for d in days)
            share = Fraction(available, instance.workdays_per_week)
            low = math.floor(Fraction(str(rules.weekly_min)) * 60 * share / step) * step
            high = math.ceil(Fraction(str(rules.weekly_max)) * 60 * share / step) * step
            worked = sum(c.minutes or 0 for c in cells if c and c.location != "off")
            if not low <= worked <= high:
                yield _violation(
                    "weekly_hours",
                    f"{worked / 60:g} h worked, {low / 60:g}–{high / 60:g} h required",
                    **subject,
                )
            office = sum(1 for c in cells if c and c.location == "office")
            office_low = min(rules.office_min, available)
            if not office_low <= office <= rules.office_max:
                yield _violation(
                    "office_days",
                    f"{office} office days, {office_low}–{rules.office_max} required",
                    **subject,
                )
            remote = sum(1 for c in cells if c and c.location in ("home", "other"))
            if remote > rules.remote_max:
                yield _violation(
                    "remote_days",
                    f"{remote} days away from the office, at most {rules.remote_max} allowed",
                    **subject,
                )


def _capacity(instance: Instance, view: RosterView) -> Iterator[Violation]:
    """Desks per site and resource seats per day."""
    for day in instance.days:
        in_office: dict[str, int] = {}
        using: dict[str, int] = {}
        for employee in instance.employees:
            cell = view.cells.get((employee.index, day.index))
            if cell is None:
                continue
            if cell.location == "office" and cell.site is not None:
                in_office[cell.site] = in_office.get(cell.site, 0) + 1
            if cell.location in ("home", "other"):
                for resource in employee.needs:
                    using[resource] = using.get(resource, 0) + 1
        for site, count in in_office.items():
            desks = instance.desks.get(site, [0] * len(instance.days))[day.index]
            if count > desks:
                yield _violation(
                    "site_capacity",
                    f"{count} in the office, {desks} desks",
                    site=site,
                    date=day.date,
                )
        for resource, count in using.items():
            capacity = instance.capacity[resource][day.index]
            if count > capacity:
                yield _violation(
                    "resource_capacity",
                    f"{count} away from the office need {resource}, capacity {capacity}",
                    resource=resource,
                    date=day.date,
                )


def _teams(instance: Instance, view: RosterView, claimed: list[TeamDays]) -> Iterator[Violation]:
    """Meetings, anchor days and the minimum in the office of each team."""
    claims = {(c.team, c.week): set(c.dates) for c in claimed}
    for team in instance.teams.values():
        members = [instance.employees[e] for e in team.members]
        for day in instance.days:
            able = [m for m in members if m.available[day.index] and m.may_office]
            in_office = [m for m in able if view.location(m.index, day.index) == "office"]
            for meeting in team.meetings.get(day.index, []):
                for e in sorted(meeting.attendees):
                    cell = view.cells.get((e, day.index))
                    present = (
                        cell is not None
                        and cell.location == "office"
                        and cell.start is not None
                        and cell.end is not None
                        and cell.start <= meeting.start
                        and cell.end >= meeting.end
                    )
                    if not present:
                        yield _violation(
                            "team_meeting",
                            f"not in the office for {meeting.name} "
                            f"{to_clock(meeting.start)}–{to_clock(meeting.end)}",
                            team=team.id,
                            employee=instance.employees[e].id,
                            date=day.date,
                        )
            need = min(team.min_in_office, len(able))
            if len(in_office) < need:
                yield _violation(
                    "min_in_office",
                    f"{len(in_office)} members in the office, {need} required",
                    team=team.id,
                    date=day.date,
                )
        if team.anchor_days:
            yield from _anchor_days(instance, view, team.id, members, claims)


def _anchor_days(instance, view, team_id, members, claims) -> Iterator[Violation]:
    by_date = {day.date: day.index for day in instance.days}
    for week, days in instance.weeks.items():
        count = min(instance.teams[team_id].anchor_days, len(days))

        def all_in(d: int) -> bool:
            return all(
                view.location(m.index, d) == "office" for m in members if m.available[d] and m.may_office
            )

        claim = claims.get((team_id, week))
        if claim is None:
            together = [d for d in days if all_in(d)]
            if len(together) < count:
                yield _violation(
                    "anchor_days",
                    f"{len(together)} days with the whole team in the office, {count} required",
                    team=team_id,
                    week=week,
                )
            continue
        wrong = [date for date in claim if by_date.get(date) not in days]
        missing = [date for date in claim if date not in wrong and not all_in(by_date[date])]
        if len(claim) != count or wrong or missing:
            yield _violation(
                "anchor_days",
                f"{len(claim)} team days given, {count} required"
                + (f"; not working days of the week: {sorted(wrong)}" if wrong else "")
                + (f"; not everyone in the office on {sorted(missing)}" if missing else ""),
                team=team_id,
                week=week,
            )
