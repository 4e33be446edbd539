"""Bodies that are not acceptable JSON: a 422 in the documented ``detail[]`` shape on every route."""

from __future__ import annotations

import json

import pytest

from api.examples import NORMAL_PROBLEM, VALID_CHECK
from tests.api.helpers import assert_solution_checked

JSON = {"Content-Type": "application/json"}
ROUTES = ["/v1/solve", "/v1/jobs", "/v1/check", "/v1/capacity"]
BAD_BODIES = {
    "invalid_utf8": (b'{"horizon": {"start": "2026-12-07", "days": 5, "x": "\xff"}}', "not UTF-8 (byte 53"),
    "nested_1000": (b'{"horizon": ' + b"[" * 1000 + b"]" * 1000 + b"}", "nested too deeply"),
    "nested_100000": (b"[" * 100_000, "nested too deeply"),
    "integer_5000_digits": (b'{"horizon": {"days": ' + b"9" * 5000 + b"}}", "5000 digits"),
    "nan": (b'{"horizon": {"start": "2026-12-07", "days": 5}, "lonely_threshold": NaN}', "NaN"),
    "infinity": (b'{"horizon": {"start": "2026-12-07", "days": 5}, "lonely_threshold": 1e999}', "too large"),
    "utf16": (json.dumps(NORMAL_PROBLEM).encode("utf-16"), "not UTF-8"),
}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("kind", sorted(BAD_BODIES))
def test_unparsable_body_is_422_naming_the_body(alice, route, kind):
    body, fragment = BAD_BODIES[kind]
    response = alice.post(route, content=body, headers=JSON)
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert set(error) == {"loc", "msg", "type"}
    assert error["loc"] == ["body"]
    assert error["type"] == "json_invalid"
    assert error["msg"].startswith("invalid JSON body: ")
    assert fragment in error["msg"]


def test_a_leading_byte_order_mark_is_ignored(alice):
    body = b"\xef\xbb\xbf" + json.dumps(NORMAL_PROBLEM).encode()
    response = alice.post("/v1/solve", content=body, headers=JSON)
    assert response.status_code == 200, response.text
    assert_solution_checked(NORMAL_PROBLEM, response.json())
    check = b"\xef\xbb\xbf" + json.dumps(VALID_CHECK).encode()
    assert alice.post("/v1/check", content=check, headers=JSON).json()["valid"] is True
