"""unavailable: a day of leave is ``off``.

Leave days get no location literal at all (see :mod:`optimizer.model.variables`),
so the rule holds by construction and needs no constraint; this module states
it so that every SPEC name has its place.
"""

from optimizer.model.context import ModelContext


def add(ctx: ModelContext) -> None:
    """Nothing to add: leave days have no variables and read back as ``off``."""
    del ctx
