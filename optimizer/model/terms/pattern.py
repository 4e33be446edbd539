"""pattern (SPEC v1.1): (member, working day) whose location misses the team pattern's wish."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Count each counted (member, day) not at a matching location (``remote`` matches home and other).

    The location literals of one cell are exclusive, so ``1 − Σ matching`` is
    exactly 1 when the wish is missed and 0 when it is met.
    """
    v = ctx.variables
    return sum(
        1 - sum(v.literal(e, d, location) for location in matching)
        for e, d, matching in ctx.instance.pattern_cells
    )
