"""Validation messages in plain words, in English and Indonesian: no class names, a suggestion for a typo."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from optimizer.domain import problem as problem_module
from optimizer.domain.validation import InvalidProblem, parse_problem

TEAM_WEEK = json.loads((Path(__file__).resolve().parents[2] / "examples" / "team_week.json").read_text())
CLASS_NAMES = [name for name in dir(problem_module) if name[:1].isupper()]


def errors_of(data: dict) -> list:
    with pytest.raises(InvalidProblem) as caught:
        parse_problem(data)
    return caught.value.errors


def broken() -> dict:
    """The team week with one mistake of each kind, in different places."""
    data = copy.deepcopy(TEAM_WEEK)
    data["employees"][0]["ofice_days"] = {"min": 1}
    data["employees"][1]["daily_hours"] = 7
    data["employees"][2]["locations"] = ["office", "hom"]
    data["employees"][3]["team"] = "nope"
    data["employees"][4]["weekly_hours"] = {"min": 50, "max": 40}
    data["employees"][5]["id"] = 5
    data["sites"][0]["desks"] = -1
    return data


def test_every_independent_error_is_reported_in_one_round():
    # Given seven independent mistakes (one an id of the wrong type), then all seven are reported at once:
    # a bad employee id no longer hides the unknown team of another employee.
    found = {error.loc: error for error in errors_of(broken())}
    assert set(found) == {
        ("employees", 0, "ofice_days"),
        ("employees", 1, "daily_hours"),
        ("employees", 2, "locations", 1),
        ("employees", 3, "team"),
        ("employees", 4, "weekly_hours"),
        ("employees", 5, "id"),
        ("sites", 0, "desks"),
    }


def test_messages_name_no_internal_class_in_either_language():
    for error in errors_of(broken()):
        for lang in ("en", "id"):
            words = error.message(lang)
            assert not [name for name in CLASS_NAMES if re.search(rf"\b{name}\b", words)], words
            assert "Input should" not in words and "Extra inputs" not in words


def test_an_unknown_field_suggests_the_nearest_known_one():
    found = {error.loc: error for error in errors_of(broken())}
    typo = found[("employees", 0, "ofice_days")]
    assert typo.msg == "'ofice_days' is not a field of an employee; did you mean 'office_days'?"
    assert typo.message("id") == "'ofice_days' bukan isian untuk pegawai; apakah yang dimaksud 'office_days'?"
    assert typo.type == "extra_forbidden"


def test_an_unknown_field_with_no_near_name_lists_the_fields():
    data = copy.deepcopy(TEAM_WEEK)
    data["horizon"]["zzz"] = 1
    (error,) = errors_of(data)
    assert error.msg.startswith("'zzz' is not a field of the horizon; its fields are: start, days, workdays")


def test_a_value_outside_a_set_suggests_the_nearest_allowed_one():
    found = {error.loc: error for error in errors_of(broken())}
    location = found[("employees", 2, "locations", 1)]
    assert location.msg == "'hom' is not one of 'office', 'home', 'other'; did you mean 'home'?"
    assert (
        location.message("id")
        == "'hom' bukan salah satu dari 'office', 'home', 'other'; apakah yang dimaksud 'home'?"
    )


@pytest.mark.parametrize(
    ("loc", "english", "indonesian"),
    [
        (
            ("employees", 1, "daily_hours"),
            "should be an object {…} with the fields min, max, not a number",
            "harus berupa objek {…} dengan isian min, max, bukan angka",
        ),
        (("employees", 3, "team"), "unknown team 'nope'", "tim 'nope' tidak dikenal"),
        (
            ("employees", 4, "weekly_hours"),
            "min 50.0 is greater than max 40.0",
            "min 50.0 lebih besar daripada max 40.0",
        ),
        (
            ("employees", 5, "id"),
            "should be a text in double quotes, not a number",
            "harus berupa teks dalam tanda kutip ganda, bukan angka",
        ),
        (("sites", 0, "desks"), "should be at least 0, not -1", "harus paling sedikit 0, bukan -1"),
    ],
)
def test_each_message_in_both_languages(loc, english, indonesian):
    found = {error.loc: error for error in errors_of(broken())}
    assert found[loc].message("en") == english == found[loc].msg
    assert found[loc].message("id") == indonesian
    assert found[loc].as_dict("id") == {"loc": list(loc), "msg": indonesian, "type": found[loc].type}


def test_a_bad_date_names_the_value():
    data = copy.deepcopy(TEAM_WEEK)
    data["employees"][0]["unavailable"] = ["2026-13-01"]
    (error,) = errors_of(data)
    assert error.text() == "employees[0].unavailable[0]: '2026-13-01' is not a date YYYY-MM-DD"
    assert (
        error.text("id") == "employees[0].unavailable[0]: '2026-13-01' bukan tanggal TTTT-BB-HH (YYYY-MM-DD)"
    )
