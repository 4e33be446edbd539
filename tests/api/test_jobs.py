"""Asynchronous jobs: submit (202 + Location), poll, progress, list, cancel."""

from __future__ import annotations

from api.examples import INFEASIBLE_PROBLEM, INVALID_PROBLEM, NORMAL_PROBLEM
from tests.api.helpers import (
    assert_solution_checked,
    cancel,
    finished,
    held,
    hold_token,
    slow_problem,
    small_problem,
    wait_for,
)


def test_submit_answers_202_with_location(alice):
    response = alice.post("/v1/jobs", params={"time_limit": 5}, json=small_problem())
    assert response.status_code == 202
    body = response.json()
    assert response.headers["location"] == f"/v1/jobs/{body['id']}" == body["url"]
    assert body["kind"] == "solve"
    assert body["state"] == "queued"
    assert set(body) == {"id", "kind", "state", "created_at", "url"}


def test_job_runs_to_a_checked_roster(alice):
    problem = small_problem(employees=10, seed=1)
    location = alice.post("/v1/jobs", params={"time_limit": 5, "seed": 2}, json=problem).headers["location"]
    body = wait_for(alice, location, finished)
    assert body["state"] == "done"
    assert body["status"] == "optimal"
    assert body["objective"] == body["solution"]["objective"]
    assert body["options"] == {"time_limit": 5.0, "seed": 2}
    assert body["attempts"] == 1
    assert body["error"] is None
    assert body["best"] is None  # replaced by the final solution
    assert body["progress"] and body["progress"][-1]["objective"] == body["objective"]
    assert body["started_at"] is not None and body["finished_at"] is not None
    assert_solution_checked(problem, body["solution"])


def test_infeasible_job_is_done_with_explanation(alice):
    location = alice.post("/v1/jobs", json=INFEASIBLE_PROBLEM).headers["location"]
    body = wait_for(alice, location, finished)
    assert body["state"] == "done"
    assert body["status"] == "infeasible"
    assert {item["constraint"] for item in body["solution"]["explanation"]} == {
        "site_capacity",
        "team_meeting",
    }


def test_invalid_job_is_rejected_before_storing(alice):
    before = alice.get("/v1/jobs").json()["total"]
    response = alice.post("/v1/jobs", json=INVALID_PROBLEM)
    assert response.status_code == 422
    assert [item["loc"] for item in response.json()["detail"]] == [
        ["body", "policy", "start", "earliest"],
        ["body", "employees", 1, "team"],
    ]
    assert alice.get("/v1/jobs").json()["total"] == before


def test_job_time_limit_cap(alice):
    response = alice.post("/v1/jobs", params={"time_limit": 61}, json=NORMAL_PROBLEM)
    assert response.status_code == 422
    assert (
        response.json()["detail"][0]["msg"]
        == "time limit 61 s is over this server's cap of 60 s (ROSTER_MAX_TIME_LIMIT)"
    )


def test_running_job_shows_best_roster_and_cancel_keeps_it(alice):
    problem = slow_problem()
    params = {"time_limit": 60, "hold": hold_token()}  # paused at its first roster: it cannot finish
    location = alice.post("/v1/jobs", params=params, json=problem).headers["location"]
    running = wait_for(alice, location, held)
    assert running["solution"] is None
    assert running["best"]["assignments"]
    # The constructive roster comes first (the search's rosters follow once the job is released).
    assert running["progress"][0]["stage"] == "first_roster"
    point = running["progress"][-1]
    assert {"elapsed", "objective", "bound"} <= set(point)
    assert point["bound"] is None or point["objective"] >= point["bound"]

    body = cancel(alice, location)
    assert body["state"] == "cancelled"
    assert body["cancel_requested"] is True
    assert body["status"] == "feasible"
    assert body["solution"]["assignments"]
    assert body["objective"] <= running["best"]["objective"]
    assert_solution_checked(problem, body["solution"])


def test_cancel_of_a_finished_job_changes_nothing(alice):
    location = alice.post("/v1/jobs", json=NORMAL_PROBLEM).headers["location"]
    done = wait_for(alice, location, finished)
    response = alice.delete(location)
    assert response.status_code == 200
    assert response.json()["state"] == "done"
    assert response.json()["solution"] == done["solution"]


def test_unknown_job_is_404(alice):
    for response in (alice.get("/v1/jobs/nope"), alice.delete("/v1/jobs/nope")):
        assert response.status_code == 404
        assert response.json() == {"detail": "no job 'nope'"}


def test_list_is_paginated_newest_first(app):
    from starlette.testclient import TestClient

    from tests.api.helpers import auth

    carol = TestClient(app, headers=auth("carol"))
    ids = [carol.post("/v1/jobs", json=NORMAL_PROBLEM).json()["id"] for _ in range(3)]
    first = carol.get("/v1/jobs", params={"limit": 2})
    assert first.status_code == 200
    assert first.json()["total"] == 3
    assert first.json()["limit"] == 2 and first.json()["offset"] == 0
    assert [item["id"] for item in first.json()["items"]] == ids[::-1][:2]
    second = carol.get("/v1/jobs", params={"limit": 2, "offset": 2}).json()
    assert [item["id"] for item in second["items"]] == ids[:1]
    assert set(second["items"][0]) == {
        "id",
        "kind",
        "state",
        "created_at",
        "finished_at",
        "status",
        "objective",
    }
    assert carol.get("/v1/jobs", params={"limit": 0}).status_code == 422
    assert carol.get("/v1/jobs", params={"limit": 101}).status_code == 422
