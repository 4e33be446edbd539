"""POST /v1/check: violations and score of a hand-made roster."""

from __future__ import annotations

import copy

from api.examples import INVALID_CHECK, VALID_CHECK, VIOLATING_CHECK
from tests.api.helpers import assert_solution_checked


def test_valid_roster(alice):
    response = alice.post("/v1/check", json=VALID_CHECK)
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["violations"] == []
    assert body["score"]["total"] == 0
    assert set(body["score"]["terms"]) == {
        "preference",
        "start_time",
        "lonely_office_day",
        "fairness",
        "peak_occupancy",
        "change",
        "pattern",
    }


def test_violations_name_the_rule_and_the_day(alice):
    response = alice.post("/v1/check", json=VIOLATING_CHECK)
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False
    daily, weekly = body["violations"]
    assert (daily["constraint"], daily["employee"], daily["date"]) == ("daily_hours", "e1", "2026-12-11")
    assert (weekly["constraint"], weekly["employee"], weekly["week"]) == ("weekly_hours", "e1", "2026-W50")


def test_a_solved_roster_pasted_whole_checks_clean(alice):
    solution = alice.post("/v1/solve", json=VALID_CHECK["problem"]).json()
    assert_solution_checked(VALID_CHECK["problem"], solution)
    response = alice.post("/v1/check", json={"problem": VALID_CHECK["problem"], "roster": solution})
    assert response.status_code == 200
    assert response.json()["valid"] is True
    assert response.json()["score"] == solution["score"]


def test_invalid_problem_is_422_under_body_problem(alice):
    response = alice.post("/v1/check", json=INVALID_CHECK)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "problem", "horizon", "days"],
                "msg": "should be at least 1, not 0",
                "type": "greater_than_equal",
            }
        ]
    }


def test_domain_errors_of_the_problem_are_422(alice):
    request = copy.deepcopy(VALID_CHECK)
    request["problem"]["employees"][0]["site"] = "annex"
    response = alice.post("/v1/check", json=request)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "problem", "employees", 0, "site"],
            "msg": "unknown site 'annex'",
            "type": "unknown_reference",
        }
    ]


def test_bad_roster_shape_is_422(alice):
    request = copy.deepcopy(VALID_CHECK)
    request["roster"]["assignments"][0]["location"] = "beach"
    response = alice.post("/v1/check", json=request)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "roster", "assignments", 0, "location"]


def test_errors_in_problem_and_roster_are_reported_together(alice):
    request = copy.deepcopy(VALID_CHECK)
    request["problem"]["employees"][0]["site"] = "annex"
    request["roster"]["assignments"][1]["date"] = "someday"
    request["extra"] = True
    response = alice.post("/v1/check", json=request)
    assert response.status_code == 422
    locs = [item["loc"] for item in response.json()["detail"]]
    assert locs == [
        ["body", "extra"],
        ["body", "problem", "employees", 0, "site"],
        ["body", "roster", "assignments", 1, "date"],
    ]


def test_check_body_must_be_an_object(alice):
    response = alice.post("/v1/check", json=[1, 2])
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body"], "msg": "expected an object with a problem and a roster", "type": "dict_type"}
    ]
