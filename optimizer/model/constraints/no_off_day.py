"""no_off_day: without ``allow_off_days``, available working days are worked."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Forbid ``off`` on available days, grouped per ISO week for explanations.

    In normal mode there is no ``off`` literal unless off days are allowed,
    so only explain mode needs the constraint.
    """
    if ctx.instance.problem.policy.allow_off_days or not ctx.explain:
        return
    for day in ctx.instance.days:
        guard = ctx.guard("no_off_day", week=day.week)
        for row in ctx.variables.location:
            off = row[day.index].get("off")
            if off is not None:
                ctx.model.add(off == 0).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    return said.say("explain.no_off_day", week=said.week)
