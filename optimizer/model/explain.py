"""Explaining infeasibility: a small set of constraint instances that cannot hold together.

The model is rebuilt in explain mode, where every hard-constraint instance is
guarded by the literal of its group. CP-SAT's sufficient assumptions give a
first conflicting set; it is then shrunk by deletion (drop one group, and keep
it dropped if the rest is still infeasible) until every remaining group is
needed, or the time budget runs out.
"""

from __future__ import annotations

import datetime as dt
import time

from ortools.sat.python import cp_model

from optimizer.domain.rulebook import RULES, UNEXPLAINED
from optimizer.domain.solution import ExplanationItem, Subject
from optimizer.instance import Instance
from optimizer.model.builder import build_model
from optimizer.model.context import GroupKey, SubjectItems
from optimizer.model.rules import MODEL_RULES
from optimizer.model.search import status_name
from optimizer.model.wording import Said


def explain_infeasibility(instance: Instance, time_limit: float = 20.0) -> list[ExplanationItem]:
    """Name a minimal (when time allows) set of constraint instances that conflict."""
    deadline = time.perf_counter() + time_limit
    built = build_model(instance, explain=True, objective=False)
    groups = built.context.groups
    literal_to_key = {literal.index: key for key, literal in groups.items()}
    core = _core(built.model, list(groups.values()), deadline)
    if core is None:
        return [_unexplained()]
    kept = sorted((literal_to_key[index] for index in core), key=_deletion_order)
    kept = _shrink(built.model, groups, kept, deadline)
    return [_describe(instance, key) for key in sorted(kept, key=_order)]


def _core(model: cp_model.CpModel, literals: list, deadline: float) -> list[int] | None:
    """Indices of a set of group literals that is infeasible on its own."""
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
    if status_name(solver.solve(model), model) != "infeasible":
        return None
    core = list(solver.sufficient_assumptions_for_infeasibility())
    return core or [literal.index for literal in literals]


def _shrink(model, groups: dict[GroupKey, cp_model.IntVar], kept: list[GroupKey], deadline: float):
    """Deletion filter: drop each group in turn while the rest stays infeasible."""
    for key in list(kept):
        if time.perf_counter() > deadline or len(kept) == 1:
            break
        trial = [k for k in kept if k != key]
        model.clear_assumptions()
        model.add_assumptions([groups[k] for k in trial])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.2, min(5.0, deadline - time.perf_counter()))
        if status_name(solver.solve(model), model) == "infeasible":
            core = set(solver.sufficient_assumptions_for_infeasibility())
            narrowed = [k for k in trial if groups[k].index in core]
            kept = narrowed or trial
    return kept


def _deletion_order(key: GroupKey) -> int:
    """Try to drop background rules first, so the explanation keeps what a team lead can change."""
    return RULES[key.constraint].drop_rank


def _order(key: GroupKey) -> tuple[int, SubjectItems]:
    """The order of an explanation: the table's rank, then the subject."""
    return RULES[key.constraint].explain_rank, key.subject


def _unexplained() -> ExplanationItem:
    """The item given when no conflicting set was isolated in time (not a rule of SPEC §3)."""
    return ExplanationItem(
        constraint=UNEXPLAINED,
        subject=Subject(),
        message="No roster exists, but no small conflicting set could be isolated in time.",
    )


def _describe(instance: Instance, key: GroupKey) -> ExplanationItem:
    """The group as a team lead reads it."""
    subject = key.subject_dict()
    message = MODEL_RULES[key.constraint].message(Said(instance, subject))
    fields: dict[str, object] = dict(subject)
    if "date" in subject:
        fields["date"] = dt.date.fromisoformat(subject["date"])
    return ExplanationItem(constraint=key.constraint, subject=Subject(**fields), message=message)
