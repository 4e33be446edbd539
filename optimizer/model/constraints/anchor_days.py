"""anchor_days: per team and ISO week, ``min(anchor_days, working days)`` team days in the office."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Choose each team's anchor days; on each, every attending member is in the office.

    ``ctx.anchor[team][d]`` is the literal of day ``d`` being an anchor day of ``team``.
    """
    v = ctx.variables
    for team in ctx.instance.teams.values():
        if team.anchor_days == 0:
            continue
        chosen = {}
        for day in ctx.instance.days:
            literal = ctx.model.new_bool_var(f"anchor_{team.id}_{day.index}")
            chosen[day.index] = literal
            for e in ctx.instance.anchor_attendees(team.id, day.index):
                ctx.model.add_implication(literal, v.office(e, day.index))
        for week, days in ctx.instance.weeks.items():
            guard = ctx.guard("anchor_days", team=team.id, week=week)
            count = min(team.anchor_days, len(days))
            ctx.model.add(sum(chosen[d] for d in days) == count).only_enforce_if(guard)
        ctx.anchor[team.id] = chosen


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    return said.say("explain.anchor_days", team=said.team_name, days=said.team.anchor_days, week=said.week)
