"""The model under construction: instance, CP-SAT model, variables and constraint groups.

In explain mode every hard-constraint instance is guarded by a literal of its
own group (SPEC name plus subject), so that an infeasible problem can be
explained as a small set of groups that cannot hold together. In normal mode
the guards are empty and the constraints are plain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.instance import Instance
from optimizer.model.variables import RosterVariables

SubjectItems = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class GroupKey:
    """One hard-constraint instance: its SPEC name and what it is about."""

    constraint: str
    subject: SubjectItems

    def subject_dict(self) -> dict[str, str]:
        """The subject as a plain mapping."""
        return dict(self.subject)


@dataclass
class ModelContext:
    instance: Instance
    model: cp_model.CpModel
    variables: RosterVariables
    explain: bool = False
    groups: dict[GroupKey, cp_model.IntVar] = field(default_factory=dict)
    anchor: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    per_employee: dict[str, list[cp_model.LinearExprT]] = field(default_factory=dict)

    def end(self, e: int, d: int) -> cp_model.LinearExprT:
        """The end minute of a timed employee's day: ``step · (start + units) + break``."""
        step = self.instance.step
        variables = self.variables
        return step * (variables.start[e][d] + variables.units[e][d]) + self.instance.days[d].break_minutes

    def guard(self, constraint: str, **subject: str | dt.date | None) -> list[cp_model.IntVar]:
        """Enforcement literals of one constraint group: none in normal mode."""
        if not self.explain:
            return []
        items = tuple(
            (name, value.isoformat() if isinstance(value, dt.date) else str(value))
            for name, value in sorted(subject.items())
            if value is not None
        )
        key = GroupKey(constraint, items)
        if key not in self.groups:
            label = "_".join([constraint, *(value for _, value in items)])
            self.groups[key] = self.model.new_bool_var(f"group_{label}")
        return [self.groups[key]]
