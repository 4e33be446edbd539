"""peak_occupancy: Σ over sites of the busiest day's office count."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Per site the largest number of people in the office on one working day, summed."""
    v, peaks = ctx.variables, []
    for site in ctx.instance.desks:
        staff = [e.index for e in ctx.instance.employees if e.site == site]
        if not staff or not ctx.instance.days:
            continue
        counts = [sum(v.office(e, day.index) for e in staff) for day in ctx.instance.days]
        peak = ctx.model.new_int_var(0, len(staff), f"peak_{site}")
        ctx.model.add_max_equality(peak, counts)
        peaks.append(peak)
    return sum(peaks)
