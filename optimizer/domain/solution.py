"""What the system returns (SPEC §4): rosters, scores, violations, explanations."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from optimizer.domain.problem import Location

# Re-exported: the names live in optimizer.domain.rulebook.
from optimizer.domain.rulebook import HARD_CONSTRAINTS as HARD_CONSTRAINTS
from optimizer.domain.rulebook import TERMS as TERMS

Status = Literal["optimal", "feasible", "infeasible", "unknown"]


class Assignment(BaseModel):
    """Where and when one employee works on one working day."""

    employee: str
    date: dt.date
    location: Location
    site: str | None = None
    start: str | None = None
    end: str | None = None
    hours: float | None = None


class Score(BaseModel):
    terms: dict[str, int]
    weighted: dict[str, int]
    total: int


class Occupancy(BaseModel):
    site: str
    date: dt.date
    office: int
    desks: int
    ratio: float | None


class TeamDays(BaseModel):
    team: str
    week: str
    dates: list[dt.date]


class Subject(BaseModel):
    """Whichever of these a constraint instance is about."""

    employee: str | None = None
    team: str | None = None
    site: str | None = None
    resource: str | None = None
    date: dt.date | None = None
    week: str | None = None


class ExplanationItem(BaseModel):
    constraint: str
    subject: Subject
    message: str


class Cell(BaseModel):
    """Where and when one employee works on one day, as a change lists it (start and hours when worked)."""

    location: Location
    start: str | None = None
    hours: float | None = None


class Change(BaseModel):
    """One (employee, date) whose location, start or hours differ from the published roster."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    employee: str
    date: dt.date
    before: Cell = Field(alias="from")
    after: Cell = Field(alias="to")


class TeamDaysChange(BaseModel):
    """Anchor days of a team and week that moved against the published roster."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    team: str
    week: str
    before: list[dt.date] = Field(alias="from")
    after: list[dt.date] = Field(alias="to")


class RosterSolution(BaseModel):
    """The answer to a solve: status, bounds, the roster and its score."""

    status: Status
    objective: int | None = None
    bound: int | None = None
    gap: float | None = None
    solve_seconds: float = 0.0
    assignments: list[Assignment] = Field(default_factory=list)
    score: Score | None = None
    occupancy: list[Occupancy] = Field(default_factory=list)
    team_days: list[TeamDays] = Field(default_factory=list)
    explanation: list[ExplanationItem] | None = None
    # A re-plan (SPEC v1.1 §4) lists what differs from the published roster; None for a plain solve.
    changes: list[Change] | None = None
    team_day_changes: list[TeamDaysChange] | None = None


class Violation(BaseModel):
    constraint: str
    employee: str | None = None
    date: dt.date | None = None
    week: str | None = None
    site: str | None = None
    team: str | None = None
    resource: str | None = None
    message: str


class CheckResult(BaseModel):
    """The checker's verdict on a roster: every violation and the recomputed score."""

    valid: bool
    violations: list[Violation]
    score: Score


class RosterInput(BaseModel):
    """A roster submitted for checking: its assignments and, optionally, its team days."""

    assignments: list[Assignment]
    team_days: list[TeamDays] = Field(default_factory=list)
