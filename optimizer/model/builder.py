"""Building the CP-SAT model: variables, the hard constraints of the table of rules, then the objective."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.instance import Instance
from optimizer.model.context import ModelContext
from optimizer.model.peak import site_peak
from optimizer.model.rules import MODEL_RULES, SOFT_TERMS
from optimizer.model.variables import create_locations, plan_times

# Rules on times narrow the start windows before times are planned.
TIME_RULES = tuple(rule.narrow for rule in MODEL_RULES.values() if rule.narrow is not None)


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
        for narrow in TIME_RULES:
            narrow(ctx)
    plan_times(instance, model, variables, explain)
    for rule in MODEL_RULES.values():
        rule.add(ctx)
    terms: dict[str, cp_model.LinearExprT] = {}
    if objective:
        for name, term in SOFT_TERMS.items():
            if instance.weights[name] > 0:
                terms[name] = term.build(ctx)
    built = RosterModel(ctx, terms)
    if objective:
        model.minimize(built.objective)
    return built


def build_peak_model(instance: Instance, site: str) -> tuple[RosterModel, cp_model.IntVar | int]:
    """The model of every hard constraint, minimising ``site``'s peak office count (no soft term)."""
    built = build_model(instance, objective=False)
    peak = site_peak(built.context, site, exact=False)
    if peak is None:
        return built, 0
    built.model.minimize(peak)
    return built, peak
