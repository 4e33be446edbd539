"""Strict types, and the API and the CLI accepting and rejecting exactly the same problems."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from api.examples import NORMAL_PROBLEM
from optimizer.cli.files import BadFile, load_problem

JSON = {"Content-Type": "application/json"}


def _with(path: tuple[str | int, ...], value: Any) -> bytes:
    problem = copy.deepcopy(NORMAL_PROBLEM)
    target = problem
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return json.dumps(problem).encode()


EARLIEST = ("policy", "start", "earliest")
DESKS = ("sites", 0, "desks")
EMPLOYEE_ID = ("employees", 2, "id")
WEIGHT = ("employees", 0, "preferences", "start", "weight")
# name: (body, the loc of the error, or None when the problem is valid)
CASES: dict[str, tuple[bytes, tuple[str | int, ...] | None]] = {
    "time_with_newline": (_with(EARLIEST, "07:00\n"), EARLIEST),
    "time_with_arabic_digits": (_with(EARLIEST, "\u0660\u0667:\u0660\u0660"), EARLIEST),
    "time": (_with(EARLIEST, "07:00"), None),
    "desks_as_string": (_with(DESKS, "9"), DESKS),
    "desks_as_true": (_with(DESKS, True), DESKS),
    "desks_as_float": (_with(DESKS, 9.0), DESKS),
    "desks": (_with(DESKS, 9), None),
    "days_as_string": (_with(("horizon", "days"), "5"), ("horizon", "days")),
    "hours_as_string": (_with(("policy", "weekly_hours", "min"), "37.5"), ("policy", "weekly_hours", "min")),
    "hours_as_integer": (_with(("policy", "weekly_hours", "min"), 37), None),
    "flag_as_string": (_with(("policy", "allow_off_days"), "yes"), ("policy", "allow_off_days")),
    "flag_as_one": (_with(("policy", "allow_off_days"), 1), ("policy", "allow_off_days")),
    "threshold_as_string": (_with(("lonely_threshold",), "0.5"), ("lonely_threshold",)),
    "weight_as_true": (_with(WEIGHT, True), WEIGHT),
    "id_with_slash": (_with(EMPLOYEE_ID, "fin/e3"), None),
    "id_with_space": (_with(EMPLOYEE_ID, "e 3"), None),
    "id_dot_dot": (_with(EMPLOYEE_ID, ".."), None),
    "id_non_ascii": (_with(EMPLOYEE_ID, "é3"), None),
    "id_email": (_with(EMPLOYEE_ID, "citra.dewi@corp.example"), None),
    "byte_order_mark": (b"\xef\xbb\xbf" + json.dumps(NORMAL_PROBLEM).encode(), None),
}


def _api_locs(client, body: bytes) -> list[tuple[str | int, ...]]:
    """The problem's error paths from POST /v1/check (an empty roster; only the problem matters)."""
    envelope = b'{"roster": {"assignments": []}, "problem": ' + body.removeprefix(b"\xef\xbb\xbf") + b"}"
    if body.startswith(b"\xef\xbb\xbf"):
        envelope = b"\xef\xbb\xbf" + envelope
    response = client.post("/v1/check", content=envelope, headers=JSON)
    if response.status_code == 200:
        return []
    assert response.status_code == 422, response.text
    return [tuple(error["loc"][2:]) for error in response.json()["detail"]]


def _cli_error(tmp_path: Path, body: bytes) -> str | None:
    path = tmp_path / "problem.json"
    path.write_bytes(body)
    try:
        load_problem(path)
    except BadFile as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("name", sorted(CASES))
def test_api_and_cli_agree(alice, tmp_path, name):
    body, loc = CASES[name]
    api = _api_locs(alice, body)
    cli = _cli_error(tmp_path, body)
    if loc is None:
        assert api == [] and cli is None, (api, cli)
    else:
        assert api == [loc]
        shown = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc)
        assert cli is not None and shown.replace(".[", "[") in cli, cli
