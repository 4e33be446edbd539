"""office_days: per ISO week, ``min(office_days.min, A) ≤ office days ≤ office_days.max``."""

from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Keep each employee's office days of each week within range."""
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        for week, days in ctx.instance.weeks.items():
            low, high = ctx.instance.office_bounds(e, week)
            office = [v.office(e, d) for d in days]
            possible = sum(not isinstance(literal, int) for literal in office)
            if low == 0 and high >= possible:
                continue
            guard = ctx.guard("office_days", employee=employee.id, week=week)
            ctx.model.add_linear_constraint(sum(office), low, high).only_enforce_if(guard)
