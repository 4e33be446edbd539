"""Building the CP-SAT model: variables, hard constraints in SPEC order, then the objective."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.instance import Instance
from optimizer.model.constraints import (
    allowed_location,
    anchor_days,
    core_hours,
    daily_hours,
    fixed,
    min_in_office,
    no_off_day,
    office_days,
    one_assignment,
    opening_hours,
    remote_days,
    resource_capacity,
    site_capacity,
    span,
    start_window,
    team_meeting,
    unavailable,
    weekly_hours,
)
from optimizer.model.context import ModelContext
from optimizer.model.terms import (
    change,
    fairness,
    lonely_office_day,
    peak_occupancy,
    preference,
    start_time,
)
from optimizer.model.variables import create_locations, plan_times

HARD_CONSTRAINTS = (
    one_assignment,
    unavailable,
    no_off_day,
    fixed,
    allowed_location,
    start_window,
    span,
    daily_hours,
    weekly_hours,
    core_hours,
    opening_hours,
    site_capacity,
    resource_capacity,
    office_days,
    remote_days,
    team_meeting,
    anchor_days,
    min_in_office,
)
# Rules on times narrow the start windows before times are planned.
TIME_RULES = (span, core_hours, opening_hours, team_meeting)
SOFT_TERMS = {
    "preference": preference,
    "start_time": start_time,
    "lonely_office_day": lonely_office_day,
    "fairness": fairness,
    "peak_occupancy": peak_occupancy,
    "change": change,
}


@dataclass
class RosterModel:
    """A built model and the expressions needed to read a roster back from it."""

    context: ModelContext
    terms: dict[str, cp_model.LinearExprT]

    @property
    def objective(self) -> cp_model.LinearExprT:
        """The weighted sum of the modelled soft terms."""
        weights = self.context.instance.weights
        return sum(weights[name] * expr for name, expr in self.terms.items())

    @property
    def model(self) -> cp_model.CpModel:
        """The CP-SAT model."""
        return self.context.model


def build_model(instance: Instance, *, explain: bool = False, objective: bool = True) -> RosterModel:
    """Build the model of every hard constraint and of each soft term whose weight is positive."""
    model = cp_model.CpModel()
    variables = create_locations(instance, model, explain)
    ctx = ModelContext(instance, model, variables, explain=explain)
    if not explain:
        for family in TIME_RULES:
            family.narrow(ctx)
    plan_times(instance, model, variables, explain)
    for family in HARD_CONSTRAINTS:
        family.add(ctx)
    terms: dict[str, cp_model.LinearExprT] = {}
    if objective:
        for name, term in SOFT_TERMS.items():
            if instance.weights[name] > 0:
                terms[name] = term.build(ctx)
    built = RosterModel(ctx, terms)
    if objective:
        model.minimize(built.objective)
    return built
