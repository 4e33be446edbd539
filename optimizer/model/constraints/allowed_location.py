"""allowed_location: the location is one of the employee's ``locations`` (or off)."""

from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Close the locations an employee may not use.

    In normal mode such locations have no literal; explain mode opens every
    location and closes the forbidden ones under one guard per employee.
    """
    if not ctx.explain:
        return
    for employee in ctx.instance.employees:
        guard = ctx.guard("allowed_location", employee=employee.id)
        for literals in ctx.variables.location[employee.index]:
            for location, literal in literals.items():
                if location != "off" and location not in employee.locations:
                    ctx.model.add(literal == 0).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    return said.say("explain.allowed_location", who=said.who, places=said.places(said.employee.locations))
