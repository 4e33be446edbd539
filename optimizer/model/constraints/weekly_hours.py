"""weekly_hours: per ISO week, the prorated range of minutes (floor/ceil to the step)."""

from optimizer.model.context import ModelContext
from optimizer.model.weekly import weekly_bounds
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Keep each employee's worked minutes of each week within their prorated range.

    A planned employee's hours are chosen after solving within each chosen
    location's range, so the week is feasible exactly when the smallest hours
    of the chosen locations sum to at most the maximum and the largest to at
    least the minimum: two linear rules on the location literals.
    """
    step = ctx.instance.step
    v = ctx.variables
    bounds = weekly_bounds(ctx.instance)
    for employee in ctx.instance.employees:
        e = employee.index
        for week, days in ctx.instance.weeks.items():
            low, high = bounds(e, week)
            low_units, high_units = -(-low // step), high // step
            guard = ctx.guard("weekly_hours", employee=employee.id, week=week)
            if v.timed[e]:
                total = sum(v.units[e][d] for d in days)
                ctx.model.add_linear_constraint(total, low_units, high_units).only_enforce_if(guard)
                continue
            least, most, least_bound, most_bound = [], [], 0, 0
            for d in days:
                plans = v.plans.get((e, d), {})
                for location, literal in v.location[e][d].items():
                    plan = plans.get(location)
                    if plan is not None:
                        least.append(plan.hours_low // step * literal)
                        most.append(plan.hours_high // step * literal)
                lows = [p.hours_low for p in plans.values()] + ([0] if "off" in v.location[e][d] else [])
                highs = [p.hours_high for p in plans.values()] + ([0] if "off" in v.location[e][d] else [])
                least_bound += max(lows, default=0) // step
                most_bound += min(highs, default=0) // step
            if least_bound > high_units:
                ctx.model.add(sum(least) <= high_units).only_enforce_if(guard)
            if most_bound < low_units:
                ctx.model.add(sum(most) >= low_units).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    employee, week = said.employee, said.week
    low, high = said.instance.weekly_bounds(employee.index, week)
    available = sum(employee.available[d] for d in said.instance.weeks[week])
    return said.say(
        "explain.weekly_hours",
        who=said.who,
        low=said.hours(low),
        high=said.hours(high),
        week=week,
        available=available,
    )
