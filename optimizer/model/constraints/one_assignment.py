"""one_assignment: exactly one location per employee and working day."""

from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Each available employee takes exactly one location per working day; leave is ``off``."""
    for row in ctx.variables.location:
        for literals in row:
            if literals:
                ctx.model.add_exactly_one(literals.values())
