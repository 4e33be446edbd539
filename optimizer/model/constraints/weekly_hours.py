"""weekly_hours: per ISO week, the prorated range of minutes (floor/ceil to the step)."""

from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Keep each employee's worked minutes of each week within their prorated range."""
    step = ctx.instance.step
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        for week, days in ctx.instance.weeks.items():
            low, high = ctx.instance.weekly_bounds(e, week)
            total = sum(v.units[e][d] for d in days)
            guard = ctx.guard("weekly_hours", employee=employee.id, week=week)
            ctx.model.add_linear_constraint(total, -(-low // step), high // step).only_enforce_if(guard)
