"""daily_hours: ``min ≤ hours ≤ max`` on a worked day, on the step grid (hours are step units)."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Off days have no hours; worked days keep within the daily range.

    Planned employees take hours within their plans, which keep to the range.
    """
    step = ctx.instance.step
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        if not v.timed[e]:
            continue
        guard = ctx.guard("daily_hours", employee=employee.id)
        for d, literals in enumerate(v.location[e]):
            units = v.units[e][d]
            if not literals:
                continue
            if "off" in literals:
                ctx.model.add(units == 0).only_enforce_if(literals["off"])
            worked = guard + v.worked(e, d)
            ctx.model.add(units >= employee.daily_min // step).only_enforce_if(worked)
            ctx.model.add(units <= employee.daily_max // step).only_enforce_if(worked)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    employee = said.employee
    low, high = said.hours(employee.daily_min), said.hours(employee.daily_max)
    return said.say("explain.daily_hours", who=said.who, low=low, high=high)
