"""preference: the weight of every day preference whose location is not met."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def per_employee(ctx: ModelContext) -> list[cp_model.LinearExprT]:
    """Each employee's unmet preference weight, as a linear expression (cached)."""
    if "preference" not in ctx.per_employee:
        v = ctx.variables
        ctx.per_employee["preference"] = [
            sum(weight * (1 - v.literal(e.index, d, location)) for d, location, weight in e.day_preferences)
            for e in ctx.instance.employees
        ]
    return ctx.per_employee["preference"]


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Σ weight over preferences (and matching days) whose location differs."""
    return sum(per_employee(ctx))
