"""site_capacity: per site and working day, people in the office ≤ desks of that date."""

from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Never book more desks than a site has on a day."""
    instance = ctx.instance
    v = ctx.variables
    for site, desks in instance.desks.items():
        staff = [e.index for e in instance.employees if e.site == site]
        for day in instance.days:
            office = [v.office(e, day.index) for e in staff]
            office = [literal for literal in office if not isinstance(literal, int)]
            if len(office) <= desks[day.index]:
                continue
            guard = ctx.guard("site_capacity", site=site, date=day.date)
            ctx.model.add(sum(office) <= desks[day.index]).only_enforce_if(guard)
