"""A site's peak: the largest number of its staff in the office on one working day.

Used by the soft term ``peak_occupancy`` and by capacity sizing, whose
objective is one site's peak with every hard constraint kept.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def site_peak(ctx: ModelContext, site: str, exact: bool = True) -> cp_model.IntVar | None:
    """The peak office count of ``site`` (None when it has no staff or the horizon no day).

    ``exact`` makes the variable equal to the peak on every solution (so a
    term read back is the checker's); otherwise it is only bounded below by
    each day's count, which is enough when the peak itself is minimised.
    """
    v, days = ctx.variables, ctx.instance.days
    staff = [e.index for e in ctx.instance.employees if e.site == site]
    if not staff or not days:
        return None
    peak = ctx.model.new_int_var(0, len(staff), f"peak_{site}")
    if exact:
        ctx.model.add_max_equality(peak, [sum(v.office(e, day.index) for e in staff) for day in days])
        return peak
    for day in days:
        office = v.office_literals(staff, day.index)
        if office:
            ctx.model.add(sum(office) <= peak)
    return peak
