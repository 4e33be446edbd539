"""change: ``previous`` entries whose location the roster changes."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Count previous (employee, date) entries on working days whose location differs."""
    v = ctx.variables
    changed = []
    for e, d, location in ctx.instance.previous:
        if not v.location[e][d]:
            changed.append(int(location != "off"))
        else:
            changed.append(1 - v.literal(e, d, location))
    return sum(changed)
