"""A solve job's first progress point is the constructive roster, marked with its stage."""

from __future__ import annotations

import json
import threading

from api.runners import run_solve
from tests.api.helpers import assert_solution_checked, small_problem


def test_first_point_of_a_solve_job_is_the_first_roster():
    problem = small_problem(40, seed=1)
    points, bests = [], []

    def report(point, best=None):
        points.append(point)
        bests.append(best)

    options = {"time_limit": 20.0, "solver_workers": 1, "explain_time_limit": 5.0}
    solution = run_solve(json.dumps(problem), options, report, threading.Event(), None)
    assert_solution_checked(problem, solution)
    assert points[0]["stage"] == "first_roster"
    assert points[0]["bound"] is None
    assert bests[0]["objective"] == points[0]["objective"]
    assert all("stage" not in point for point in points[1:])
