"""fixed: a pinned date on which the employee is available has exactly that location."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Pin each fixed (employee, date) to its location."""
    for employee in ctx.instance.employees:
        for d, location in employee.fixed.items():
            guard = ctx.guard("fixed", employee=employee.id, date=ctx.instance.days[d].date)
            literal = ctx.variables.literal(employee.index, d, location)
            if isinstance(literal, int):
                ctx.model.add_bool_or([]).only_enforce_if(guard)
            else:
                ctx.model.add(literal == 1).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    place = said.say(f"place.{said.employee.fixed[said.day.index]}")
    return said.say("explain.fixed", who=said.who, place=place, when=said.when)
