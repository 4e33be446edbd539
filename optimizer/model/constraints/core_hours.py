"""core_hours: on a worked day, ``start ≤ core.start`` and ``end ≥ core.end``."""

from optimizer.domain.clock import DAY_MINUTES, to_minutes
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def narrow(ctx: ModelContext) -> None:
    """Every worked location starts by the core start and reaches the core end."""
    core = ctx.instance.problem.policy.core_hours
    if core is None:
        return
    for (_, d), windows in ctx.variables.windows.items():
        for window in windows.values():
            window.narrow_start(0, to_minutes(core.start))
            window.narrow_reach(to_minutes(core.end) - ctx.instance.days[d].break_minutes, DAY_MINUTES)


def add(ctx: ModelContext) -> None:
    """Cover the core hours on every timed worked day."""
    core = ctx.instance.problem.policy.core_hours
    if core is None:
        return
    step = ctx.instance.step
    core_start, core_end = to_minutes(core.start), to_minutes(core.end)
    v = ctx.variables
    for employee in ctx.instance.employees:
        e = employee.index
        if not v.timed[e]:
            continue
        guard = ctx.guard("core_hours", employee=employee.id)
        for day in ctx.instance.days:
            if not v.location[e][day.index]:
                continue
            start = v.start[e][day.index]
            worked = guard + v.worked(e, day.index)
            ctx.model.add(start <= core_start // step).only_enforce_if(worked)
            ctx.model.add(ctx.end(e, day.index) >= core_end).only_enforce_if(worked)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    core = said.instance.problem.policy.core_hours
    return said.say("explain.core_hours", who=said.who, start=core.start, end=core.end)
