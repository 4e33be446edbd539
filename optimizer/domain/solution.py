"""What the system returns (SPEC §4): rosters, scores, violations, explanations."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from optimizer.domain.problem import Location

Status = Literal["optimal", "feasible", "infeasible", "unknown"]
TERMS: tuple[str, ...] = (
    "preference",
    "start_time",
    "lonely_office_day",
    "fairness",
    "peak_occupancy",
    "change",
)
HARD_CONSTRAINTS: tuple[str, ...] = (
    "one_assignment",
    "unavailable",
    "no_off_day",
    "fixed",
    "allowed_location",
    "start_window",
    "span",
    "daily_hours",
    "weekly_hours",
    "core_hours",
    "opening_hours",
    "site_capacity",
    "resource_capacity",
    "office_days",
    "remote_days",
    "team_meeting",
    "anchor_days",
    "min_in_office",
)


class Assignment(BaseModel):
    """Where and when one employee works on one working day."""

    employee: str
    date: dt.date
    location: Location
    site: str | None = None
    start: str | None = None
    end: str | None = None
    hours: float | None = Field(default=None, strict=True)


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
