"""What the system returns (SPEC §4): rosters, scores, violations, explanations."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from optimizer.domain.changes import Change, TeamDaysChange
from optimizer.domain.problem import Location

# Re-exported: the names live in optimizer.domain.rulebook.
from optimizer.domain.rulebook import HARD_CONSTRAINTS as HARD_CONSTRAINTS
from optimizer.domain.rulebook import TERMS as TERMS

Status = Literal["optimal", "feasible", "infeasible", "unknown"]


class Described(BaseModel):
    """Base of the output models: each field's docstring is its description in the JSON Schema."""

    model_config = ConfigDict(use_attribute_docstrings=True)


class Assignment(Described):
    """Where and when one employee works on one working day."""

    employee: str
    """Employee id."""
    date: dt.date
    """The working day."""
    location: Location
    """office, home, other or off (a day off or leave)."""
    site: str | None = None
    """The site, on office days only."""
    start: str | None = None
    """Start, HH:MM; absent on a day off."""
    end: str | None = None
    """End, HH:MM (start + hours + break), at most 24:00; absent on a day off."""
    hours: float | None = Field(default=None, strict=True)
    """Effective hours, breaks excluded; absent on a day off."""


class Score(Described):
    """A roster's score: each soft term, weighted, and the total."""

    terms: dict[str, int]
    """Each soft term's value before weighting."""
    weighted: dict[str, int]
    """Each soft term's value times its weight."""
    total: int
    """Sum of the weighted terms: the objective (lower is better)."""


class Occupancy(Described):
    """Office count against desks at one site on one working day."""

    site: str
    """Site id."""
    date: dt.date
    """The working day."""
    office: int
    """Employees in the office."""
    desks: int
    """Desks available that day."""
    ratio: float | None
    """office / desks; null when the site has no desks that day."""


class TeamDays(Described):
    """The anchor days chosen for a team in one ISO week."""

    team: str
    """Team id."""
    week: str
    """The ISO week, e.g. 2026-W50."""
    dates: list[dt.date]
    """The team's anchor days chosen in that week."""


class Subject(Described):
    """Whichever of these a constraint instance is about."""

    employee: str | None = None
    """The employee concerned."""
    team: str | None = None
    """The team concerned."""
    site: str | None = None
    """The site concerned."""
    resource: str | None = None
    """The resource concerned."""
    date: dt.date | None = None
    """The day concerned."""
    week: str | None = None
    """The ISO week concerned."""


class ExplanationItem(Described):
    """One rule instance of a conflict that makes a problem infeasible."""

    constraint: str
    """Name of the hard constraint (as in the format reference)."""
    subject: Subject
    """What the constraint is about."""
    message: str
    """The conflict in words a team lead understands."""


class RosterSolution(Described):
    """The answer to a solve: status, bounds, the roster and its score."""

    status: Status
    """optimal (proven best), feasible (a roster, not proven best), infeasible (proven that none exists) or
    unknown (none found in time).
    """
    objective: int | None = None
    """The roster's score total; null without a roster."""
    bound: int | None = None
    """Best proven lower bound of the objective."""
    gap: float | None = None
    """(objective - bound) / max(1, |objective|); 0 when proven optimal."""
    solve_seconds: float = 0.0
    """Time spent searching."""
    assignments: list[Assignment] = Field(default_factory=list)
    """The roster: one entry per employee and working day, in input order of employees, then by date."""
    score: Score | None = None
    """The score per soft term; null without a roster."""
    occupancy: list[Occupancy] = Field(default_factory=list)
    """Office count against desks per site and working day."""
    team_days: list[TeamDays] = Field(default_factory=list)
    """Anchor days chosen per team and week."""
    explanation: list[ExplanationItem] | None = None
    """When infeasible: a small set of rules that cannot all hold; null otherwise."""
    changes: list[Change] | None = Field(
        default=None, description="Re-plans only: every cell that differs from the published roster."
    )
    moved_team_days: list[TeamDaysChange] | None = Field(
        default=None, description="Re-plans only: anchor days that moved against the published roster."
    )


class Violation(Described):
    """One broken rule instance in a checked roster."""

    constraint: str
    """Name of the broken hard constraint."""
    employee: str | None = None
    """The employee concerned."""
    date: dt.date | None = None
    """The day concerned."""
    week: str | None = None
    """The ISO week concerned."""
    site: str | None = None
    """The site concerned."""
    team: str | None = None
    """The team concerned."""
    resource: str | None = None
    """The resource concerned."""
    message: str
    """What is wrong, in words."""


class CheckResult(Described):
    """The checker's verdict on a roster: every violation and the recomputed score."""

    valid: bool
    """True when the roster breaks no rule."""
    violations: list[Violation]
    """Every broken rule instance."""
    score: Score
    """The roster's score, recomputed from the roster alone."""


class RosterInput(Described):
    """A roster submitted for checking: its assignments and, optionally, its team days."""

    assignments: list[Assignment]
    """The roster to check: one entry per employee and working day."""
    team_days: list[TeamDays] = Field(default_factory=list)
    """Anchor days per team and week, when the teams have anchor_days."""
