"""This server's limits: body size (413), problem size (422 naming the limit), a full queue (503)."""

from __future__ import annotations

import copy
import json

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.examples import NORMAL_PROBLEM
from tests.api.helpers import cancel, hold_token, make_settings, small_problem, wait_for


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """Keyless, one worker, a queue of one, small problem limits."""
    settings = make_settings(
        tmp_path_factory.mktemp("limits"),
        max_concurrent_solves=1,
        queue_length=1,
        max_employees=12,
        max_days=7,
        max_body_bytes=20_000,
        retry_after=7,
    )
    with TestClient(create_app(settings), client=("127.0.0.1", 40000)) as client:
        yield client


def test_declared_body_over_the_limit_is_413(local):
    body = json.dumps({**NORMAL_PROBLEM, "padding": "x" * 30_000})
    response = local.post("/v1/solve", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {
        "detail": "request body is larger than this server's limit of 20000 bytes (ROSTER_MAX_BODY_BYTES)"
    }


def test_streamed_body_over_the_limit_is_413(local):
    def chunks():
        yield b'{"horizon": '
        for _ in range(30):
            yield b" " * 1000
        yield b"}"

    response = local.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_problem_size_limits_name_the_limit(local):
    problem = copy.deepcopy(small_problem(employees=13))
    problem["horizon"]["days"] = 8
    response = local.post("/v1/jobs", json=problem)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "employees"],
                "msg": "13 employees exceed this server's limit of 12 (ROSTER_MAX_EMPLOYEES)",
                "type": "limit_exceeded",
            },
            {
                "loc": ["body", "horizon", "days"],
                "msg": "8 days exceed this server's limit of 7 (ROSTER_MAX_DAYS)",
                "type": "limit_exceeded",
            },
        ]
    }


def test_full_queue_is_503_with_retry_after(tmp_path):
    settings = make_settings(tmp_path, max_concurrent_solves=1, queue_length=1, retry_after=7)
    with TestClient(create_app(settings), client=("127.0.0.1", 40000)) as client:
        params = {"time_limit": 60, "hold": hold_token()}  # holds the only worker until cancelled
        running = client.post("/v1/jobs", params=params, json=small_problem()).headers["location"]
        wait_for(client, running, lambda body: body["state"] == "running")
        waiting = client.post("/v1/jobs", json=NORMAL_PROBLEM)
        assert waiting.status_code == 202
        for response in (
            client.post("/v1/jobs", json=NORMAL_PROBLEM),
            client.post("/v1/solve", json=NORMAL_PROBLEM),
        ):
            assert response.status_code == 503
            assert response.headers["retry-after"] == "7"
            assert response.json() == {"detail": "the queue is full (1 jobs waiting); try again later"}
        cancelled = client.delete(waiting.headers["location"])
        assert cancelled.status_code == 200
        assert cancelled.json()["state"] == "cancelled"
        assert cancelled.json()["solution"] is None
        assert cancel(client, running)["state"] == "cancelled"
