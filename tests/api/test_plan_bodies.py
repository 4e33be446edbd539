"""The re-plan routes read their bodies like every other route: a body that is not JSON is a 422."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/v1/why", "/v1/jobs/nope/replan"])
def test_a_body_that_is_not_utf8_is_a_422_json_invalid(alice, url):
    response = alice.post(url, content=b"\x80", headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body"] and error["type"] == "json_invalid"
    assert error["msg"].startswith("invalid JSON body: not UTF-8")


def test_an_upload_that_is_not_multipart_is_a_documented_422(alice):
    # A multipart content type whose body breaks the boundary: the parser cannot read it.
    response = alice.post(
        "/v1/import",
        content=b"\x00\x01--xyz--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=xyz"},
    )
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body"] and error["type"] == "multipart_invalid"
