"""The golden problems of ../shared/golden (v1) and ../shared/golden-v11: an independent reference's answers.

Every problem must validate, get the expected status and, when optimal,
exactly the expected objective; ``solve_checked`` makes the checker accept the
roster with the same total. Skipped cleanly when the folder is not there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from optimizer import parse_problem
from optimizer.domain.solution import HARD_CONSTRAINTS, TERMS
from tests.core.minimal import assert_minimal
from tests.helpers import solve_checked

# The shared folder sits next to the repository; ROSTER_SHARED_DIR points elsewhere.
SHARED = Path(os.environ.get("ROSTER_SHARED_DIR", Path(__file__).parents[2] / ".." / "shared"))
GOLDEN = SHARED / "golden"
GOLDEN_V11 = SHARED / "golden-v11"
FILES = sorted(GOLDEN.glob("*.json")) if GOLDEN.is_dir() else []
FILES_V11 = sorted(GOLDEN_V11.glob("*.json")) if GOLDEN_V11.is_dir() else []
# SPEC v1 has no team patterns: the v1 answers' scores have no pattern key (it is 0 there).
V11_TERMS = {"pattern"}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.skipif(not FILES, reason=f"no golden problems in {GOLDEN}")
@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_golden_problem_matches_the_reference(path: Path):
    assert_matches(path, set(TERMS) - V11_TERMS)


@pytest.mark.skipif(not FILES_V11, reason=f"no golden problems in {GOLDEN_V11}")
@pytest.mark.parametrize("path", FILES_V11, ids=[path.stem for path in FILES_V11])
def test_golden_v11_problem_matches_the_reference(path: Path):
    assert_matches(path, set(TERMS))


def assert_matches(path: Path, terms: set[str]) -> None:
    """Status and objective of the reference; the checker agrees (``solve_checked``)."""
    golden = load(path)
    expected = golden["expected"]
    problem = parse_problem(golden["problem"])
    solution = solve_checked(problem, workers=2, time_limit=60)
    assert solution.status == expected["status"]
    if expected["status"] == "optimal":
        assert solution.objective == expected["objective"]
        assert solution.score.total == expected["objective"]
        assert solution.bound == solution.objective
        assert solution.gap == 0
        # Other optimal rosters may split the terms differently, but the reference's own split, weighted
        # by the problem's weights (merged with the defaults), must give the same total.
        weights = problem.weights.model_dump()
        assert set(expected["score"]) == terms
        assert (
            sum(weights[term] * value for term, value in expected["score"].items()) == expected["objective"]
        )
    else:
        assert solution.assignments == []
        assert solution.explanation
        assert {item.constraint for item in solution.explanation} <= set(HARD_CONSTRAINTS)
        assert_minimal(problem, solution)


@pytest.mark.skipif(not FILES, reason=f"no golden problems in {GOLDEN}")
def test_golden_set_is_complete():
    statuses = [load(path)["expected"]["status"] for path in FILES]
    assert len(statuses) >= 20
    assert set(statuses) == {"optimal", "infeasible"}


@pytest.mark.skipif(not FILES_V11, reason=f"no golden problems in {GOLDEN_V11}")
def test_golden_v11_set_is_complete():
    statuses = [load(path)["expected"]["status"] for path in FILES_V11]
    assert len(statuses) >= 11
    assert set(statuses) == {"optimal", "infeasible"}
