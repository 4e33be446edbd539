"""span: ``end = start + hours + break`` of that weekday, and ``end ≤ 24:00``."""

from optimizer.domain.clock import DAY_MINUTES
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def narrow(ctx: ModelContext) -> None:
    """Start + hours of a day leave room for its break before midnight."""
    for (_, d), windows in ctx.variables.windows.items():
        for window in windows.values():
            window.narrow_reach(0, DAY_MINUTES - ctx.instance.days[d].break_minutes)


def add(ctx: ModelContext) -> None:
    """A timed worked day ends by midnight; the end itself is derived, not a variable."""
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        if not v.timed[e]:
            continue
        guard = ctx.guard("span", employee=employee.id)
        for day in ctx.instance.days:
            if not v.location[e][day.index]:
                continue
            ctx.model.add(ctx.end(e, day.index) <= DAY_MINUTES).only_enforce_if(
                guard + v.worked(e, day.index)
            )


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    return said.say("explain.span", who=said.who)
