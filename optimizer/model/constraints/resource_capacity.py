"""resource_capacity: per resource and day, people away from the office who need it ≤ capacity."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Remote workers who need a resource (e.g. VPN seats) share its capacity."""
    instance = ctx.instance
    v = ctx.variables
    for resource, capacity in instance.capacity.items():
        users = [e.index for e in instance.employees if resource in e.needs]
        for day in instance.days:
            remote = [
                literal
                for e in users
                for location, literal in v.location[e][day.index].items()
                if location in ("home", "other")
            ]
            if len(remote) <= capacity[day.index]:
                continue
            guard = ctx.guard("resource_capacity", resource=resource, date=day.date)
            ctx.model.add(sum(remote) <= capacity[day.index]).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    resource, d = said.subject["resource"], said.day.index
    users = sum(resource in e.needs and e.available[d] for e in said.instance.employees)
    seats = said.instance.capacity[resource][d]
    return said.say("explain.resource_capacity", seats=seats, resource=resource, when=said.when, users=users)
