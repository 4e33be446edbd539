"""What "why this cell?" answers: for each other location, the rules against it or its cost."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from optimizer.domain.changes import Cell, Change
from optimizer.domain.problem import Location
from optimizer.domain.solution import Assignment, ExplanationItem, Score

# Words for each soft term's unit, singular and plural, as a team lead reads a cost.
TERM_UNITS: dict[str, tuple[str, str]] = {
    "preference": ("preference point", "preference points"),
    "start_time": ("start-time step", "start-time steps"),
    "lonely_office_day": ("lonely office day", "lonely office days"),
    "fairness": ("point for the worst-off employee", "points for the worst-off employee"),
    "peak_occupancy": ("desk at the peak", "desks at the peak"),
    "change": ("change against the previous roster", "changes against the previous roster"),
    "pattern": ("day off the team pattern", "days off the team pattern"),
}


class Alternative(BaseModel):
    """The cell at one other location: impossible (and why), or the cheapest roster that has it."""

    location: Location = Field(description="The location asked about.")
    possible: bool = Field(description="Whether some valid roster gives the cell this location.")
    conflicts: list[ExplanationItem] = Field(
        default_factory=list, description="When impossible: rules that together forbid it."
    )
    cost: dict[str, int] = Field(
        default_factory=dict, description="When possible: change of each soft term (unweighted)."
    )
    weighted_cost: dict[str, int] = Field(
        default_factory=dict, description="When possible: change of each soft term, weighted."
    )
    total_cost: int | None = Field(default=None, description="Change of the objective.")
    proven: bool = Field(default=False, description="Whether the cost is proven the least possible.")
    moved: list[Change] = Field(default_factory=list, description="Other cells that must move.")
    score: Score | None = Field(default=None, description="Score of the cheapest roster found.")
    assignments: list[Assignment] = Field(default_factory=list, description="That roster, when possible.")
    summary: str = Field(description="The answer in one sentence.")


class WhyAnswer(BaseModel):
    """Why an employee is where they are on a day, and what each alternative would take."""

    employee: str
    date: dt.date
    current: Cell = Field(description="The cell as the roster has it.")
    alternatives: list[Alternative]


def describe_cost(weighted: dict[str, int], cost: dict[str, int]) -> str:
    """``+2 lonely office days, +5 preference points``: terms whose weighted value changes, largest first."""
    parts = []
    for term in sorted(cost, key=lambda t: -abs(weighted.get(t, 0))):
        value = cost[term]
        if weighted.get(term, 0) == 0:
            continue
        one, many = TERM_UNITS.get(term, (term, term))
        parts.append(f"{value:+d} {one if abs(value) == 1 else many}")
    return ", ".join(parts) or "no change in any term"
