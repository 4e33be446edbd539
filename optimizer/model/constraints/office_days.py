"""office_days: per ISO week, ``min(office_days.min, A) ≤ office days ≤ office_days.max``."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Keep each employee's office days of each week within range."""
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        for week, days in ctx.instance.weeks.items():
            low, high = ctx.instance.office_bounds(e, week)
            office = [literal for d in days for literal in v.office_literals([e], d)]
            if low == 0 and high >= len(office):
                continue
            guard = ctx.guard("office_days", employee=employee.id, week=week)
            ctx.model.add_linear_constraint(sum(office), low, high).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    employee, week = said.employee, said.week
    low, high = said.instance.office_bounds(employee.index, week)
    available = sum(employee.available[d] for d in said.instance.weeks[week])
    return said.say("explain.office_days", who=said.who, low=low, high=high, week=week, available=available)
