"""POST /v1/capacity: desk sizing as an asynchronous job, polled like any other job."""

from __future__ import annotations

from api.examples import NORMAL_PROBLEM
from tests.api.helpers import finished, wait_for


def test_capacity_job_reports_the_fewest_desks(alice):
    response = alice.post(
        "/v1/capacity", json={"problem": NORMAL_PROBLEM, "options": {"time_limit": 2, "curve_max_points": 3}}
    )
    assert response.status_code == 202
    accepted = response.json()
    assert accepted["kind"] == "capacity"
    assert response.headers["location"] == accepted["url"]
    body = wait_for(alice, response.headers["location"], finished)
    assert body["state"] == "done"
    assert body["solution"] is None
    (site,) = body["capacity"]["sites"]
    # The whole team of three meets in the office on Tuesday: three desks, proven.
    assert (site["site"], site["minimum_desks"], site["proven"]) == ("hq", 3, True)
    assert body["progress"] and body["progress"][0]["stage"] == "minimum"
    assert alice.get(f"{response.headers['location']}/roster.csv").status_code == 409


def test_capacity_errors_name_problem_and_options(alice):
    problem = {**NORMAL_PROBLEM, "employees": [{**NORMAL_PROBLEM["employees"][0], "team": "fni"}]}
    response = alice.post(
        "/v1/capacity", json={"problem": problem, "options": {"time_limit": 61, "curve": "x"}}
    )
    assert response.status_code == 422
    locs = [item["loc"] for item in response.json()["detail"]]
    assert locs == [
        ["body", "problem", "employees", 0, "team"],
        ["body", "options", "curve"],
    ]


def test_capacity_time_limit_is_capped(alice):
    response = alice.post("/v1/capacity", json={"problem": NORMAL_PROBLEM, "options": {"time_limit": 61}})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "options", "time_limit"],
            "msg": "time limit 61 s is over this server's cap of 60 s (ROSTER_MAX_TIME_LIMIT)",
            "type": "limit_exceeded",
        }
    ]
