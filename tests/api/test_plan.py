"""POST /v1/jobs/{id}/replan and POST /v1/why through the real app and its worker processes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from optimizer import Assignment, check, parse_problem
from optimizer.replan import DayEvents, replan_problem
from tests.api.helpers import assert_solution_checked, finished, small_problem, wait_for, why_request


def solved(client, problem: dict[str, Any]) -> dict[str, Any]:
    """A finished solve job of ``problem``."""
    response = client.post("/v1/jobs?time_limit=20", json=problem)
    assert response.status_code == 202, response.text
    return wait_for(client, response.headers["Location"], finished, timeout=180)


def dates_of(problem: dict[str, Any], solution: dict[str, Any]) -> list[str]:
    return sorted({a["date"] for a in solution["assignments"]})


def test_replan_creates_a_child_job_whose_solution_lists_the_changes(alice):
    problem = small_problem()
    parent = solved(alice, problem)
    solution = parent["solution"]
    days = dates_of(problem, solution)
    sick = solution["assignments"][0]["employee"]
    body = {"from": days[2], "unavailable": {sick: days[3:]}}
    response = alice.post(f"/v1/jobs/{parent['id']}/replan", json=body)
    assert response.status_code == 202, response.text
    child = wait_for(alice, response.headers["Location"], finished, timeout=180)
    assert child["kind"] == "replan" and child["state"] == "done"
    assert child["options"]["parent"] == parent["id"]
    new = child["solution"]
    changed = {(c["employee"], c["date"]) for c in new["changes"] if c["to"]["location"] == "off"}
    assert {(sick, d) for d in days[3:]} <= changed
    kept = [a for a in new["assignments"] if a["date"] < days[2]]
    assert kept == [a for a in solution["assignments"] if a["date"] < days[2]]
    request = replan_problem(
        parse_problem(problem),
        [Assignment.model_validate(a) for a in solution["assignments"]],
        dt.date.fromisoformat(days[2]),
        DayEvents(unavailable={sick: [dt.date.fromisoformat(d) for d in days[3:]]}),
    )
    assert_solution_checked(request.problem.model_dump(mode="json"), new)


def test_replan_errors_name_every_field(alice):
    problem = small_problem()
    parent = solved(alice, problem)
    body = {
        "from": "2030-01-01",
        "unavailable": {"nobody": ["2030-01-02"]},
        "desks": {"annex": {"2030-01-01": 3}},
    }
    response = alice.post(f"/v1/jobs/{parent['id']}/replan", json=body)
    assert response.status_code == 422, response.text
    locs = [error["loc"] for error in response.json()["detail"]]
    assert ["body", "from"] in locs
    assert ["body", "unavailable", "nobody"] in locs
    assert ["body", "desks", "annex"] in locs
    bad = alice.post(f"/v1/jobs/{parent['id']}/replan", json={"form": "x"})
    assert bad.status_code == 422
    assert {tuple(e["loc"]) for e in bad.json()["detail"]} >= {("body", "from"), ("body", "form")}


def test_replan_of_an_unknown_or_foreign_job_is_404(alice, bob):
    parent = solved(alice, small_problem())
    assert alice.post("/v1/jobs/nope/replan", json={"from": "2026-12-07"}).status_code == 404
    assert bob.post(f"/v1/jobs/{parent['id']}/replan", json={"from": "2026-12-07"}).status_code == 404


def test_why_answers_each_alternative(alice):
    problem = small_problem()
    solution = solved(alice, problem)["solution"]
    body = why_request(problem, solution["assignments"])
    response = alice.post("/v1/why", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["current"]["location"] == "office"
    assert answer["alternatives"]
    for alternative in answer["alternatives"]:
        assert alternative["summary"]
        if alternative["possible"]:
            result = check(parse_problem(problem), [a for a in alternative_roster(alternative)])
            assert result.valid and result.score.total == alternative["score"]["total"]
        else:
            assert alternative["conflicts"]


def alternative_roster(alternative: dict[str, Any]):
    from optimizer import Assignment

    return [Assignment.model_validate(a) for a in alternative["assignments"]]


def test_why_errors_name_the_field(alice):
    problem = small_problem()
    body = {"problem": problem, "roster": [], "employee": "nobody", "date": str(dt.date(2031, 1, 1))}
    response = alice.post("/v1/why", json=body)
    assert response.status_code == 422, response.text
    locs = [error["loc"] for error in response.json()["detail"]]
    assert ["body", "employee"] in locs and ["body", "date"] in locs
