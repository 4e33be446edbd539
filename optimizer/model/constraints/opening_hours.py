"""opening_hours: in the office, ``open ≤ start`` and ``end ≤ close`` of the site."""

from optimizer.domain.clock import DAY_MINUTES, to_minutes
from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Office days start after the site opens and end before it closes."""
    step = ctx.instance.step
    sites = {site.id: site for site in ctx.instance.problem.sites}
    v = ctx.variables
    for employee in ctx.instance.employees:
        site = sites.get(employee.site or "")
        if site is None:
            continue
        opens, closes = to_minutes(site.open), to_minutes(site.close)
        if opens == 0 and closes == DAY_MINUTES:
            continue
        e = employee.index
        guard = ctx.guard("opening_hours", employee=employee.id, site=site.id)
        for day in ctx.instance.days:
            office = v.location[e][day.index].get("office")
            if office is None:
                continue
            if not v.timed[e]:
                latest = closes - v.fixed_minutes[e] - day.break_minutes
                v.narrow(e, day.index, "office", opens, latest)
                continue
            start = v.start[e][day.index]
            end = step * (start + v.units[e][day.index]) + day.break_minutes
            ctx.model.add(start >= -(-opens // step)).only_enforce_if(guard + [office])
            ctx.model.add(end <= closes).only_enforce_if(guard + [office])
