"""What "why this cell?" answers: for each other location, the rules against it or its cost."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from optimizer.domain.changes import Cell, Change
from optimizer.domain.problem import Location
from optimizer.domain.solution import Assignment, ExplanationItem, Score
from optimizer.i18n import DEFAULT_LANGUAGE, catalogue, translate

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


def describe_cost(weighted: dict[str, int], cost: dict[str, int], lang: str = DEFAULT_LANGUAGE) -> str:
    """``+2 lonely office days, +5 preference points``: terms whose weighted value changes, largest first."""
    parts = []
    for term in sorted(cost, key=lambda t: -abs(weighted.get(t, 0))):
        value = cost[term]
        if weighted.get(term, 0) == 0:
            continue
        parts.append(f"{value:+d} {_unit(term, abs(value), lang)}")
    return ", ".join(parts) or translate("answer.no_change", lang)


def _unit(term: str, count: int, lang: str) -> str:
    if lang == DEFAULT_LANGUAGE or f"unit.{term}" not in catalogue(DEFAULT_LANGUAGE):
        one, many = TERM_UNITS.get(term, (term, term))
        return one if count == 1 else many
    return translate(f"unit.{term}", lang)  # Indonesian nouns do not change with the count


def summary_in(alternative: Alternative, lang: str, conflicts: list[ExplanationItem] | None = None) -> str:
    """The alternative's one-sentence answer in ``lang`` (``conflicts``: its conflicts worded in ``lang``)."""
    if lang == DEFAULT_LANGUAGE:
        return alternative.summary
    if alternative.possible:
        moved = len(alternative.moved)
        cost = describe_cost(alternative.weighted_cost, alternative.cost, lang)
        return translate(
            "answer.possible", lang, total=f"{alternative.total_cost or 0:+d}", cost=cost, moved=moved
        )
    items = alternative.conflicts if conflicts is None else conflicts
    if items:
        words = "; ".join(f"{item.constraint}: {item.message}" for item in items)
        return translate("answer.impossible", lang, rules=words)
    if alternative.summary.startswith("Impossible"):
        return translate("answer.impossible", lang, rules=translate("answer.no_roster", lang))
    return translate("answer.not_found", lang)
