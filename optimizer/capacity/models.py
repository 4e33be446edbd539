"""What a capacity-sizing request asks for and what its report returns (SPEC §4 "Capacity sizing").

Pure pydantic: nothing here imports a solver. The API and the CLI both speak
these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from optimizer.domain.solution import ExplanationItem, RosterSolution

PointStatus = Literal["optimal", "feasible", "infeasible", "unknown"]


class Scenario(BaseModel):
    """A named what-if policy: overrides applied to the problem JSON by dotted path.

    Paths look like ``policy.office_days.min``, ``teams[*].anchor_days``,
    ``employees[*].remote_days.max``, ``teams[fin].min_in_office`` (an id in
    brackets selects one item of a list) or ``sites[0].open`` (an index). The
    special key ``staff_factor`` (e.g. ``1.1``) grows or shrinks the staff.
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    overrides: dict[str, Any] = Field(default_factory=dict)


class CapacityRequest(BaseModel):
    """The options of a sizing run; every field has a sensible default."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"sites": ["hq"], "curve": True, "curve_max_points": 15, "time_limit": 5},
                {
                    "curve": False,
                    "scenarios": [
                        {"name": "3 office days", "overrides": {"policy.office_days.min": 3}},
                        {"name": "10% more staff", "overrides": {"staff_factor": 1.1}},
                    ],
                },
            ]
        },
    )

    sites: list[str] | None = Field(default=None, description="Site ids to size; all sites when absent.")
    curve: bool = Field(default=True, description="Compute the trade-off curve above the minimum.")
    curve_max_points: int = Field(
        default=25, ge=1, le=500, description="At most this many desk counts on each curve."
    )
    desks_from: int | None = Field(
        default=None, ge=0, description="First desk count of the curve (default: the minimum)."
    )
    desks_to: int | None = Field(
        default=None,
        ge=0,
        description="Last desk count of the curve (default: where capacity stops binding).",
    )
    time_limit: float = Field(default=10.0, gt=0, le=3600, description="Seconds per solve.")
    workers: int = Field(
        default=2,
        ge=1,
        le=64,
        description=(
            "CP-SAT search threads per solve; with 2 the solver runs its bound-proving LP and core "
            "searches side by side."
        ),
    )
    parallel_points: int = Field(
        default=1, ge=1, le=16, description="Curve points solved at the same time (use cores ÷ workers)."
    )
    prove_minimum: bool = Field(
        default=True, description="Confirm each minimum by showing one desk fewer is infeasible."
    )
    explain_time_limit: float = Field(default=10.0, gt=0, le=600)
    include_rosters: bool = Field(default=False, description="Attach the roster of every curve point.")
    scenarios: list[Scenario] = Field(default_factory=list)
    typical: bool = Field(
        default=False,
        description=(
            "Size the policy for a typical week, not this week's individuals: every employee's "
            "`fixed` and `unavailable` dates and the problem's `previous` roster are dropped first "
            "(and listed in the report's `dropped`); scenarios apply to that typical week."
        ),
    )

    @field_validator("desks_to")
    @classmethod
    def _range_not_empty(cls, value: int | None, info: ValidationInfo) -> int | None:
        start = info.data.get("desks_from")
        if value is not None and start is not None and start > value:
            raise ValueError(f"empty curve range: desks_from {start} > desks_to {value}")
        return value

    @field_validator("scenarios")
    @classmethod
    def _distinct_names(cls, value: list[Scenario]) -> list[Scenario]:
        names = [scenario.name for scenario in value]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"duplicate scenario name(s): {', '.join(duplicates)}")
        return value


DroppedField = Literal["fixed", "unavailable", "previous", "frozen"]


class DroppedInput(BaseModel):
    """What a typical-week sizing left out for one employee: one field and its dates."""

    field: DroppedField = Field(
        description="`fixed` or `unavailable` of the employee, or their entries in `previous`/`frozen`."
    )
    employee: str
    name: str | None = None
    dates: list[dt.date] = Field(description="The dropped dates, in order.")


class WeekdayOccupancy(BaseModel):
    """Office count on one weekday over the horizon: its busiest date and its mean."""

    weekday: str
    peak: int
    mean: float


class CurvePoint(BaseModel):
    """The best roster found with ``desks`` desks at the sized site."""

    desks: int
    status: PointStatus
    proven: bool = Field(description="The objective is proven optimal for this desk count.")
    objective: int | None = None
    bound: int | None = None
    gap: float | None = None
    preference: int | None = Field(default=None, description="Weighted sum of unmet day preferences.")
    unmet_preferences: int | None = Field(default=None, description="Number of unmet day preferences.")
    lonely_office_days: int | None = None
    office_peak: int | None = Field(default=None, description="Busiest day's office count at the site.")
    weekdays: list[WeekdayOccupancy] = Field(default_factory=list)
    solve_seconds: float = 0.0
    solution: RosterSolution | None = Field(default=None, description="Only with include_rosters.")


class SiteCapacity(BaseModel):
    """The sizing of one site: its minimum, the proof, occupancy and the trade-off curve."""

    site: str
    name: str | None = None
    staff: int = Field(description="Employees whose site this is.")
    current_desks: int
    current_desks_by_date: dict[dt.date, int] = Field(
        default_factory=dict,
        description="Today's desks on the working days where they differ from `current_desks`.",
    )
    feasible: bool
    minimum_desks: int | None = None
    minimum_lower_bound: int | None = Field(
        default=None, description="Proven lower bound on the minimum (equals it when proven)."
    )
    proven: bool = Field(default=False, description="One desk fewer is proven to have no valid roster.")
    proof: str | None = None
    people_per_desk: float | None = None
    weekdays: list[WeekdayOccupancy] = Field(
        default_factory=list, description="Office occupancy per weekday in the best roster at the minimum."
    )
    peak_weekday: str | None = None
    objective_at_minimum: int | None = None
    unlimited_objective: int | None = Field(
        default=None, description="Best objective with unlimited desks at this site."
    )
    unlimited_proven: bool = False
    natural_demand: list[WeekdayOccupancy] = Field(
        default_factory=list,
        description=(
            "Office count per weekday in the best roster with unlimited desks at this site: "
            "how many would come in if desks never ran out."
        ),
    )
    binding_until: int | None = Field(
        default=None, description="Desk count from which extra desks no longer improve the objective."
    )
    curve_step: int = 1
    curve_complete: bool = Field(default=False, description="The curve reaches the unlimited objective.")
    knee: int | None = Field(default=None, description="Desk count where extra desks start to pay less.")
    curve: list[CurvePoint] = Field(default_factory=list)
    explanation: list[ExplanationItem] | None = Field(
        default=None, description="Why no roster exists at any desk count (instead of a curve)."
    )
    solve_seconds: float = 0.0

    def inner_knee(self) -> int | None:
        """The knee where it lies strictly inside the curve; at either end it tells a reader nothing."""
        desks = [point.desks for point in self.curve if point.objective is not None]
        if self.knee is None or len(desks) < 3 or not desks[0] < self.knee < desks[-1]:
            return None
        return self.knee


class ScenarioRow(BaseModel):
    """One line of the what-if table: a scenario at one site."""

    scenario: str
    site: str
    staff: int
    feasible: bool
    minimum_desks: int | None = None
    proven: bool = False
    people_per_desk: float | None = None
    peak_weekday: str | None = None
    objective: int | None = Field(default=None, description="Best objective at the minimum desk count.")
    unlimited_objective: int | None = None
    explanation: list[ExplanationItem] | None = None


class CapacityReport(BaseModel):
    """The answer to a sizing request."""

    sites: list[SiteCapacity]
    scenarios: list[ScenarioRow] = Field(default_factory=list)
    time_limit: float
    solve_seconds: float = 0.0
    stopped: bool = Field(default=False, description="The run was stopped early; results are partial.")
    typical: bool = Field(default=False, description="Sized for a typical week (see `dropped`).")
    dropped: list[DroppedInput] = Field(
        default_factory=list, description="With `typical`: the individual dates left out, per employee."
    )
    notes: list[str] = Field(default_factory=list)


class CapacityProgress(BaseModel):
    """A step of a sizing run, for progress bars and job status."""

    stage: Literal["minimum", "proof", "unlimited", "curve", "scenario", "done"]
    site: str | None = None
    scenario: str | None = None
    desks: int | None = None
    objective: int | None = None
    elapsed: float = 0.0
    message: str = ""

    def dump(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return self.model_dump(mode="json")
