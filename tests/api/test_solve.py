"""POST /v1/solve: normal, infeasible and invalid problems, limits of the synchronous route."""

from __future__ import annotations

import copy

from api.examples import INFEASIBLE_PROBLEM, INVALID_PROBLEM, NORMAL_PROBLEM
from tests.api.helpers import assert_solution_checked, small_problem


def test_normal_problem_is_solved_and_checked(alice):
    response = alice.post("/v1/solve", json=NORMAL_PROBLEM)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "optimal"
    assert body["explanation"] is None
    assert len(body["assignments"]) == 3 * 5
    solution = assert_solution_checked(NORMAL_PROBLEM, body)
    assert solution.objective == solution.bound == body["score"]["total"]


def test_generated_twelve_person_problem(alice):
    problem = small_problem()
    response = alice.post("/v1/solve", params={"time_limit": 5, "seed": 3}, json=problem)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "optimal"
    assert {a["employee"] for a in body["assignments"]} == {e["id"] for e in problem["employees"]}
    assert_solution_checked(problem, body)


def test_infeasible_problem_is_200_with_explanation(alice):
    response = alice.post("/v1/solve", json=INFEASIBLE_PROBLEM)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "infeasible"
    assert body["assignments"] == []
    assert {item["constraint"] for item in body["explanation"]} == {"site_capacity", "team_meeting"}
    capacity = next(item for item in body["explanation"] if item["constraint"] == "site_capacity")
    assert capacity["subject"]["site"] == "hq"
    assert capacity["subject"]["date"] == "2026-12-08"


def test_invalid_problem_lists_every_error_under_body(alice):
    response = alice.post("/v1/solve", json=INVALID_PROBLEM)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "policy", "start", "earliest"],
                "msg": "start 07:10 is not on the 30-minute grid",
                "type": "off_grid",
            },
            {
                "loc": ["body", "employees", 1, "team"],
                "msg": "unknown team 'fni'",
                "type": "unknown_reference",
            },
        ]
    }


def test_shape_errors_use_the_same_detail_shape(alice):
    problem = copy.deepcopy(NORMAL_PROBLEM)
    problem["horizon"]["days"] = 0
    problem["policy"]["daily_hours"] = {"min": 9, "max": 8}
    problem["surprise"] = 1
    response = alice.post("/v1/solve", json=problem)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert all(set(item) == {"loc", "msg", "type"} for item in detail)
    by_loc = {tuple(item["loc"]): item for item in detail}
    assert by_loc[("body", "horizon", "days")]["type"] == "greater_than_equal"
    assert by_loc[("body", "policy", "daily_hours")]["msg"] == "min 9.0 is greater than max 8.0"
    assert by_loc[("body", "surprise")]["type"] == "extra_forbidden"


def test_malformed_json_is_422(alice):
    response = alice.post("/v1/solve", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_time_limit_over_the_cap_names_the_limit(alice):
    response = alice.post("/v1/solve", params={"time_limit": 11}, json=NORMAL_PROBLEM)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "time_limit"],
                "msg": "time limit 11 s is over this server's cap of 10 s (ROSTER_MAX_SYNC_TIME_LIMIT); "
                "submit a job to POST /v1/jobs for longer searches",
                "type": "limit_exceeded",
            }
        ]
    }


def test_non_positive_time_limit_is_422(alice):
    response = alice.post("/v1/solve", params={"time_limit": 0}, json=NORMAL_PROBLEM)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "time_limit"]


def test_synchronous_solves_are_not_listed_as_jobs(bob):
    before = bob.get("/v1/jobs").json()["total"]
    assert bob.post("/v1/solve", json=NORMAL_PROBLEM).status_code == 200
    assert bob.get("/v1/jobs").json()["total"] == before
