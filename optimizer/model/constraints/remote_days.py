"""remote_days: per ISO week, home + other days ≤ ``remote_days.max``."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Limit each employee's days away from the office in each week."""
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        high = employee.rules.remote_max
        for week, days in ctx.instance.weeks.items():
            remote = [
                literal
                for d in days
                for location, literal in v.location[e][d].items()
                if location in ("home", "other")
            ]
            if len(remote) <= high:
                continue
            guard = ctx.guard("remote_days", employee=employee.id, week=week)
            ctx.model.add(sum(remote) <= high).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    high = said.employee.rules.remote_max
    return said.say("explain.remote_days", who=said.who, high=high, week=said.week)
