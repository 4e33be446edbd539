"""start_window: ``earliest ≤ start ≤ latest`` on the step grid."""

from optimizer.domain.clock import to_clock
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Bound each start; in normal mode the variable's domain already does."""
    if not ctx.explain:
        return
    step = ctx.instance.step
    for employee in ctx.instance.employees:
        guard = ctx.guard("start_window", employee=employee.id)
        for start in ctx.variables.start[employee.index]:
            if start is not None:
                ctx.model.add(start >= employee.earliest // step).only_enforce_if(guard)
                ctx.model.add(start <= employee.latest // step).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    employee = said.employee
    earliest, latest = to_clock(employee.earliest), to_clock(employee.latest)
    return said.say("explain.start_window", who=said.who, earliest=earliest, latest=latest)
