"""min_in_office: per team and day, enough members in the office."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """At least ``min(min_in_office, members available who may work in the office)`` come in."""
    v = ctx.variables
    for team in ctx.instance.teams.values():
        if team.min_in_office == 0:
            continue
        for day in ctx.instance.days:
            able = [
                e
                for e in team.members
                if ctx.instance.employees[e].available[day.index] and ctx.instance.employees[e].may_office
            ]
            need = min(team.min_in_office, len(able))
            if need == 0:
                continue
            guard = ctx.guard("min_in_office", team=team.id, date=day.date)
            office = sum(v.office(e, day.index) for e in able)
            ctx.model.add(office >= need).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    return said.say(
        "explain.min_in_office", team=said.team_name, count=said.team.min_in_office, when=said.when
    )
