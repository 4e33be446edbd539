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


def test_a_problem_without_sites_is_422_before_any_job(alice):
    before = alice.get("/v1/jobs").json()["total"]
    body = {"problem": {"horizon": {"start": "2026-09-07", "days": 5}}, "options": {}}
    response = alice.post("/v1/capacity", json=body)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "problem", "sites"], "msg": "the problem has no site to size", "type": "empty"}
    ]
    assert alice.get("/v1/jobs").json()["total"] == before


def test_sizing_request_errors_are_422_with_their_path(alice):
    options = {
        "sites": ["hq", "annex"],
        "scenarios": [{"name": "typo", "overrides": {"policy.ofice_days.min": 1}}],
    }
    response = alice.post("/v1/capacity", json={"problem": NORMAL_PROBLEM, "options": options})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["loc"] for item in detail] == [
        ["body", "options", "sites", 1],
        ["body", "options", "scenarios", 0, "overrides", "policy.ofice_days.min"],
    ]
    assert detail[0] == {
        "loc": ["body", "options", "sites", 1],
        "msg": "unknown site 'annex' (sites: hq)",
        "type": "unknown_site",
    }
    empty = alice.post("/v1/capacity", json={"problem": NORMAL_PROBLEM, "options": {"sites": []}})
    assert empty.status_code == 422
    assert empty.json()["detail"] == [
        {
            "loc": ["body", "options", "sites"],
            "msg": "no site to size: leave sites out to size all",
            "type": "empty",
        }
    ]


def test_a_request_only_the_sizing_finds_unfit_fails_with_its_reason(alice):
    """desks_to below the proven minimum is only known after the minimum is found."""
    options = {"time_limit": 10, "desks_to": 1, "curve_max_points": 3}
    response = alice.post("/v1/capacity", json={"problem": NORMAL_PROBLEM, "options": options})
    assert response.status_code == 202
    body = wait_for(alice, response.headers["location"], finished)
    assert body["state"] == "failed"
    assert body["error"] == (
        "invalid request: desks_to: empty curve range: desks_to 1 is below the minimum of 3 desks at hq"
    )
