"""core_hours: on a worked day, ``start ≤ core.start`` and ``end ≥ core.end``."""

from optimizer.domain.clock import to_minutes
from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Cover the core hours on every worked day."""
    core = ctx.instance.problem.policy.core_hours
    if core is None:
        return
    step = ctx.instance.step
    core_start, core_end = to_minutes(core.start), to_minutes(core.end)
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        guard = ctx.guard("core_hours", employee=employee.id)
        for day in ctx.instance.days:
            if not v.location[e][day.index]:
                continue
            if not v.timed[e]:
                earliest = core_end - v.fixed_minutes[e] - day.break_minutes
                v.narrow(e, day.index, None, earliest, core_start)
                continue
            start = v.start[e][day.index]
            worked = guard + v.worked(e, day.index)
            end = step * (start + v.units[e][day.index]) + day.break_minutes
            ctx.model.add(start <= core_start // step).only_enforce_if(worked)
            ctx.model.add(end >= core_end).only_enforce_if(worked)
