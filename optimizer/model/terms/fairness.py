"""fairness: the largest unweighted ``preference + start_time`` of any one employee."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext
from optimizer.model.terms import preference, start_time


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """The worst-off employee's own preference and start-time penalty."""
    loads = [p + s for p, s in zip(preference.per_employee(ctx), start_time.per_employee(ctx), strict=True)]
    if not loads:
        return 0
    steps_per_day = 24 * 60 // ctx.instance.step
    upper = max(
        sum(w for _, _, w in e.day_preferences)
        + (e.start_preference[1] * steps_per_day * len(ctx.instance.days) if e.start_preference else 0)
        for e in ctx.instance.employees
    )
    worst = ctx.model.new_int_var(0, upper, "fairness")
    ctx.model.add_max_equality(worst, loads)
    return worst
