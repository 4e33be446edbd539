"""site_capacity: per site and working day, people in the office ≤ desks of that date."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Never book more desks than a site has on a day."""
    instance = ctx.instance
    v = ctx.variables
    for site, desks in instance.desks.items():
        staff = [e.index for e in instance.employees if e.site == site]
        for day in instance.days:
            office = v.office_literals(staff, day.index)
            if len(office) <= desks[day.index]:
                continue
            guard = ctx.guard("site_capacity", site=site, date=day.date)
            ctx.model.add(sum(office) <= desks[day.index]).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    site = said.subject["site"]
    desks = said.instance.desks[site][said.day.index]
    return said.say("explain.site_capacity", site=said.site_name(site), desks=desks, when=said.when)
