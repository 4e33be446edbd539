"""span: ``end = start + hours + break`` of that weekday, and ``end ≤ 24:00``."""

from optimizer.domain.clock import DAY_MINUTES
from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """A worked day ends by midnight; the end itself is derived, not a variable."""
    step = ctx.instance.step
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        guard = ctx.guard("span", employee=employee.id)
        for day in ctx.instance.days:
            if not v.location[e][day.index]:
                continue
            if not v.timed[e]:
                latest = DAY_MINUTES - v.fixed_minutes[e] - day.break_minutes
                v.narrow(e, day.index, None, 0, latest)
                continue
            end = step * (v.start[e][day.index] + v.units[e][day.index]) + day.break_minutes
            ctx.model.add(end <= DAY_MINUTES).only_enforce_if(guard + v.worked(e, day.index))
