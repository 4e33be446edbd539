"""opening_hours: in the office, ``open ≤ start`` and ``end ≤ close`` of the site."""

from optimizer.domain.clock import DAY_MINUTES, to_minutes
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def _hours(ctx: ModelContext):
    """(employee, opening minute, closing minute, site id) for staff of sites with limited hours."""
    sites = {site.id: site for site in ctx.instance.problem.sites}
    for employee in ctx.instance.employees:
        site = sites.get(employee.site or "")
        if site is None:
            continue
        opens, closes = to_minutes(site.open), to_minutes(site.close)
        if opens > 0 or closes < DAY_MINUTES:
            yield employee, opens, closes, site.id


def narrow(ctx: ModelContext) -> None:
    """Office days start after the site opens and end before it closes."""
    v = ctx.variables
    for employee, opens, closes, _ in _hours(ctx):
        for day in ctx.instance.days:
            for window in v.windows_of(employee.index, day.index, "office"):
                window.narrow_start(opens, DAY_MINUTES)
                window.narrow_reach(0, closes - day.break_minutes)


def add(ctx: ModelContext) -> None:
    """The same for timed employees, on their time variables."""
    step = ctx.instance.step
    v = ctx.variables
    for employee, opens, closes, site in _hours(ctx):
        e = employee.index
        if not v.timed[e]:
            continue
        guard = ctx.guard("opening_hours", employee=employee.id, site=site)
        for day in ctx.instance.days:
            office = v.location[e][day.index].get("office")
            if office is None:
                continue
            start = v.start[e][day.index]
            ctx.model.add(start >= -(-opens // step)).only_enforce_if(guard + [office])
            ctx.model.add(ctx.end(e, day.index) <= closes).only_enforce_if(guard + [office])


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    site = next(s for s in said.instance.problem.sites if s.id == said.subject["site"])
    name = site.name or site.id
    return said.say("explain.opening_hours", who=said.who, site=name, open=site.open, close=site.close)
