"""frozen (SPEC v1.1): a binding frozen entry is kept exactly: location, and start and hours when worked.

Employees with a frozen worked day are always timed (see
:mod:`optimizer.model.variables`), so their start and hours are variables
that can be pinned. An entry no roster can match (a location the employee may
not take, a start or hours off the step grid) closes the group outright.
"""

from optimizer.domain.clock import to_clock
from optimizer.instance import FrozenDay
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def add(ctx: ModelContext) -> None:
    """Pin each binding frozen (employee, date) to its location, start and hours."""
    v, step = ctx.variables, ctx.instance.step
    for employee in ctx.instance.employees:
        e = employee.index
        for d, kept in employee.frozen.items():
            guard = ctx.guard("frozen", employee=employee.id, date=ctx.instance.days[d].date)
            literal = v.literal(e, d, kept.location)
            if isinstance(literal, int) or not on_grid(kept, step):
                ctx.model.add_bool_or([]).only_enforce_if(guard)
                continue
            ctx.model.add(literal == 1).only_enforce_if(guard)
            if kept.location == "off":
                continue
            ctx.model.add(v.start[e][d] == kept.start // step).only_enforce_if(guard)
            ctx.model.add(v.units[e][d] == round(kept.minutes) // step).only_enforce_if(guard)


def on_grid(kept: FrozenDay, step: int) -> bool:
    """Whether a frozen worked day's start and hours lie on the step grid (an off day always does)."""
    if kept.location == "off":
        return True
    minutes = kept.minutes
    whole = abs(minutes - round(minutes)) < 1e-6
    return kept.start % step == 0 and whole and round(minutes) % step == 0


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    kept = said.employee.frozen[said.day.index]
    if kept.location == "off":
        return said.say("explain.frozen_off", who=said.who, when=said.when)
    return said.say(
        "explain.frozen",
        who=said.who,
        place=said.say(f"place.{kept.location}"),
        when=said.when,
        start=to_clock(kept.start),
        hours=said.hours(kept.minutes),
    )
