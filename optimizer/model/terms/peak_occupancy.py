"""peak_occupancy: Σ over sites of the busiest day's office count."""

from ortools.sat.python import cp_model

from optimizer.model.context import ModelContext
from optimizer.model.peak import site_peak


def build(ctx: ModelContext) -> cp_model.LinearExprT:
    """Per site the largest number of people in the office on one working day, summed."""
    peaks = [site_peak(ctx, site) for site in ctx.instance.desks]
    return sum(peak for peak in peaks if peak is not None)
