"""start_time: ``weight · |start − preferred| / step`` over worked days."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def per_employee(ctx: ModelContext) -> list[cp_model.LinearExprT]:
    """Each employee's weighted start deviation, exact on every solution (cached).

    A planned employee's deviation is a constant per location literal. For a
    timed one, ``shift`` is ``start − preferred`` on a worked day and 0 on a
    day off, and the deviation is its absolute value, so the value read back is exact.
    """
    if "start_time" in ctx.per_employee:
        return ctx.per_employee["start_time"]
    model, v, step = ctx.model, ctx.variables, ctx.instance.step
    totals = []
    for employee in ctx.instance.employees:
        if employee.start_preference is None or employee.start_preference[1] == 0:
            totals.append(0)
            continue
        preferred, weight = employee.start_preference[0] // step, employee.start_preference[1]
        e, deviations = employee.index, []
        if not v.timed[e]:
            totals.append(weight * _planned_deviation(ctx, e))
            continue
        for d, start in enumerate(v.start[e]):
            if start is None:
                continue
            span = 24 * 60 // step
            shift = model.new_int_var(-span, span, f"shift_{employee.id}_{d}")
            deviation = model.new_int_var(0, span, f"deviation_{employee.id}_{d}")
            worked = v.worked(e, d)
            model.add(shift == start - preferred).only_enforce_if(worked)
            if worked:
                model.add(shift == 0).only_enforce_if(worked[0].Not())
            model.add_abs_equality(deviation, shift)
            deviations.append(deviation)
        totals.append(weight * sum(deviations))
    ctx.per_employee["start_time"] = totals
    return totals


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Σ over employees of their weighted start deviation."""
    return sum(per_employee(ctx))


def _planned_deviation(ctx: ModelContext, e: int) -> cp_model.LinearExprT:
    """A planned employee's start deviation is a constant per location literal."""
    v = ctx.variables
    return sum(
        v.plans[e, d][location].deviation * literal
        for d, literals in enumerate(v.location[e])
        for location, literal in literals.items()
        if location in v.plans.get((e, d), {}) and v.plans[e, d][location].deviation
    )
