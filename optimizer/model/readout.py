"""Reading a roster back from solver values: assignments (home before other), occupancy, team days."""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from optimizer.domain.solution import Assignment, Occupancy, TeamDays
from optimizer.instance import Instance, make_assignment
from optimizer.model.context import ModelContext
from optimizer.model.home_first import home_before_other
from optimizer.model.weekly import WeeklyBounds, weekly_bounds

ValueOf = Callable[[cp_model.LinearExprT], int]


def read_roster(ctx: ModelContext, value: ValueOf) -> list[Assignment]:
    """The roster as returned to users: read back, then home before other (SPEC v1.1)."""
    return home_before_other(ctx.instance, read_assignments(ctx, value))


def read_assignments(ctx: ModelContext, value: ValueOf) -> list[Assignment]:
    """One assignment per employee and working day, employees in input order, then by date."""
    step, v = ctx.instance.step, ctx.variables
    bounds = weekly_bounds(ctx.instance)
    roster = []
    for employee in ctx.instance.employees:
        e = employee.index
        chosen = {
            day.index: next((loc for loc, lit in v.location[e][day.index].items() if value(lit)), "off")
            for day in ctx.instance.days
        }
        hours = {} if v.timed[e] else _planned_hours(ctx, e, chosen, bounds)
        for day in ctx.instance.days:
            location = chosen[day.index]
            if location == "off":
                roster.append(make_assignment(employee, day, "off"))
            elif v.timed[e]:
                start = step * value(v.start[e][day.index])
                minutes = step * value(v.units[e][day.index])
                roster.append(make_assignment(employee, day, location, start, minutes))
            else:
                start = v.plans[e, day.index][location].start
                roster.append(make_assignment(employee, day, location, start, hours[day.index]))
    return roster


def _planned_hours(ctx: ModelContext, e: int, chosen: dict[int, str], bounds: WeeklyBounds) -> dict[int, int]:
    """Minutes per worked day of a planned employee: the least, raised day by day to the weekly minimum."""
    v, step = ctx.variables, ctx.instance.step
    minutes: dict[int, int] = {}
    for week, days in ctx.instance.weeks.items():
        worked = [d for d in days if chosen[d] != "off"]
        for d in worked:
            minutes[d] = v.plans[e, d][chosen[d]].hours_low
        missing = bounds(e, week)[0] - sum(minutes[d] for d in worked)
        for d in worked:
            if missing <= 0:
                break
            extra = min(missing, v.plans[e, d][chosen[d]].hours_high - minutes[d]) // step * step
            minutes[d] += extra
            missing -= extra
    return minutes


def occupancy(instance: Instance, roster: list[Assignment]) -> list[Occupancy]:
    """Office count against desks per site and working day."""
    counts: dict[tuple[str, object], int] = {}
    for a in roster:
        if a.location == "office" and a.site is not None:
            counts[a.site, a.date] = counts.get((a.site, a.date), 0) + 1
    result = []
    for site, desks in instance.desks.items():
        for day in instance.days:
            office = counts.get((site, day.date), 0)
            available = desks[day.index]
            result.append(
                Occupancy(
                    site=site,
                    date=day.date,
                    office=office,
                    desks=available,
                    ratio=office / available if available else None,
                )
            )
    return result


def team_days(ctx: ModelContext, value: ValueOf) -> list[TeamDays]:
    """The chosen anchor days of each team and ISO week."""
    result = []
    for team, chosen in ctx.anchor.items():
        for week, days in ctx.instance.weeks.items():
            dates = [ctx.instance.days[d].date for d in days if value(chosen[d])]
            result.append(TeamDays(team=team, week=week, dates=dates))
    return result
