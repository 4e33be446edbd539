"""Accept-Language through the real app: 422 messages, explanations and why answers in Indonesian."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from api.examples import INFEASIBLE_PROBLEM, VALID_CHECK
from api.language import default_language
from optimizer import Assignment, check, parse_problem
from tests.api.helpers import assert_solution_checked, finished, small_problem, wait_for, why_request

ID = {"Accept-Language": "id-ID,id;q=0.9,en;q=0.5"}
TEAM_WEEK = Path(__file__).resolve().parents[2] / "examples" / "team_week.json"


def with_typo() -> dict[str, Any]:
    problem = copy.deepcopy(VALID_CHECK["problem"])
    problem["employees"][0]["ofice_days"] = {"min": 1}
    problem["employees"][0]["locations"] = ["office", "hom"]
    return problem


def detail(response) -> dict[tuple, dict[str, Any]]:
    assert response.status_code == 422, response.text
    return {tuple(error["loc"]): error for error in response.json()["detail"]}


def test_422_messages_follow_accept_language_and_keep_loc_and_type(alice):
    english = detail(alice.post("/v1/solve", json=with_typo()))
    indonesian = detail(alice.post("/v1/solve", json=with_typo(), headers=ID))
    typo, location = ("body", "employees", 0, "ofice_days"), ("body", "employees", 0, "locations", 1)
    assert set(english) == set(indonesian) == {typo, location}
    assert english[typo] == {
        "loc": list(typo),
        "msg": "'ofice_days' is not a field of an employee; did you mean 'office_days'?",
        "type": "extra_forbidden",
    }
    assert indonesian[typo] == {
        "loc": list(typo),
        "msg": "'ofice_days' bukan isian untuk pegawai; apakah yang dimaksud 'office_days'?",
        "type": "extra_forbidden",
    }
    assert indonesian[location]["msg"] == (
        "'hom' bukan salah satu dari 'office', 'home', 'other'; apakah yang dimaksud 'home'?"
    )


def test_a_query_error_raised_by_fastapi_is_in_plain_words_too(alice):
    english = detail(alice.post("/v1/solve?time_limit=soon", json=VALID_CHECK["problem"]))
    indonesian = detail(alice.post("/v1/solve?time_limit=soon", json=VALID_CHECK["problem"], headers=ID))
    loc = ("query", "time_limit")
    assert english[loc]["msg"] == "should be a number, not a text"
    assert indonesian[loc]["msg"] == "harus berupa angka, bukan teks"
    assert english[loc]["type"] == indonesian[loc]["type"] == "float_parsing"


def test_an_unknown_field_of_a_typed_body_suggests_the_field(alice):
    problem = small_problem()
    body = {"problem": problem, "roster": [], "employe": "x", "employee": "e0", "date": "2026-12-07"}
    errors = detail(alice.post("/v1/why", json=body, headers=ID))
    assert errors[("body", "employe")]["msg"].endswith("apakah yang dimaksud 'employee'?")


def test_an_infeasible_solve_is_explained_in_indonesian(alice):
    english = alice.post("/v1/solve", json=INFEASIBLE_PROBLEM).json()
    indonesian = alice.post("/v1/solve", json=INFEASIBLE_PROBLEM, headers=ID).json()
    assert english["status"] == indonesian["status"] == "infeasible"
    by_rule = {item["constraint"]: item for item in indonesian["explanation"]}
    english_by_rule = {item["constraint"]: item for item in english["explanation"]}
    assert set(by_rule) == set(english_by_rule) == {"site_capacity", "team_meeting"}
    assert english_by_rule["site_capacity"]["message"].endswith("desks on Tue 2026-12-08.")
    assert " hanya memiliki " in by_rule["site_capacity"]["message"]
    assert by_rule["site_capacity"]["message"].endswith("meja pada Sel 2026-12-08.")
    assert by_rule["site_capacity"]["subject"] == english_by_rule["site_capacity"]["subject"]


def test_a_job_shows_its_explanation_in_the_language_asked(alice):
    response = alice.post("/v1/jobs", json=INFEASIBLE_PROBLEM)
    assert response.status_code == 202, response.text
    url = response.headers["Location"]
    job = wait_for(alice, url, finished, timeout=180)
    assert job["solution"]["status"] == "infeasible"
    indonesian = alice.get(url, headers=ID).json()["solution"]["explanation"]
    english = alice.get(url).json()["solution"]["explanation"]
    assert [item["constraint"] for item in indonesian] == [item["constraint"] for item in english]
    assert any("mengadakan rapat di kantor" in item["message"] for item in indonesian)
    assert any("meets in the office" in item["message"] for item in english)


def test_why_answers_in_indonesian(alice):
    problem = small_problem()
    response = alice.post("/v1/jobs?time_limit=20", json=problem)
    assert response.status_code == 202, response.text
    solution = wait_for(alice, response.headers["Location"], finished, timeout=180)["solution"]
    assert_solution_checked(problem, solution)
    body = why_request(problem, solution["assignments"])
    response = alice.post("/v1/why", json=body, headers=ID)
    assert response.status_code == 200, response.text
    for alternative in response.json()["alternatives"]:
        if alternative["possible"]:
            assert alternative["summary"].startswith("Dapat dilakukan dengan selisih ")
            roster = [Assignment.model_validate(a) for a in alternative["assignments"]]
            result = check(parse_problem(problem), roster)
            assert result.valid and result.score.total == alternative["score"]["total"]
        else:
            assert alternative["summary"].startswith("Tidak dapat dilakukan")


@pytest.mark.parametrize(
    ("value", "expected"), [("id", "id"), ("id_ID.UTF-8", "id"), ("fr", "en"), ("", "en")]
)
def test_roster_lang_is_the_default_without_accept_language(monkeypatch, value, expected):
    monkeypatch.setenv("ROSTER_LANG", value)
    assert default_language() == expected


def test_a_capacity_request_with_a_mistyped_key_suggests_it_in_indonesian(alice):
    body = {"problem": VALID_CHECK["problem"], "optons": {"time_limit": 1}}
    errors = detail(alice.post("/v1/capacity", json=body, headers=ID))
    assert errors[("body", "optons")] == {
        "loc": ["body", "optons"],
        "msg": "'optons' bukan isian untuk permintaan penghitungan kapasitas; "
        "apakah yang dimaksud 'options'?",
        "type": "extra_forbidden",
    }
    english = detail(alice.post("/v1/capacity", json=body))
    assert english[("body", "optons")]["msg"].endswith("did you mean 'options'?")


def test_an_infeasible_replan_job_is_explained_against_the_replanned_problem(alice):
    problem = json.loads(TEAM_WEEK.read_text(encoding="utf-8"))
    response = alice.post("/v1/jobs?time_limit=20", json=problem)
    assert response.status_code == 202, response.text
    parent = wait_for(alice, response.headers["Location"], finished, timeout=180)
    assert_solution_checked(problem, parent["solution"])
    body = {"from": "2026-09-07", "desks": {"hq": {"2026-09-07": 0}}}  # the office is closed on meeting day
    response = alice.post(f"/v1/jobs/{parent['id']}/replan", json=body)
    assert response.status_code == 202, response.text
    url = response.headers["Location"]
    child = wait_for(alice, url, finished, timeout=180)
    assert child["solution"]["status"] == "infeasible"
    english = {item["constraint"]: item["message"] for item in child["solution"]["explanation"]}
    assert english["site_capacity"] == "Head office has only 0 desks on Mon 2026-09-07."
    explained = alice.get(url, headers=ID).json()["solution"]["explanation"]
    indonesian = {item["constraint"]: item["message"] for item in explained}
    assert indonesian["site_capacity"] == "Head office hanya memiliki 0 meja pada Sen 2026-09-07."
