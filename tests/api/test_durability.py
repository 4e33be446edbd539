"""A job whose worker process dies is retried, and failed after max_attempts runs."""

from __future__ import annotations

import os
import signal
import time

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from tests.api.helpers import assert_solution_checked, finished, make_settings, slow_problem, wait_for


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("durability"), max_concurrent_solves=1, max_attempts=2)
    app = create_app(settings)
    with TestClient(app, client=("127.0.0.1", 40000)) as client:
        yield app, client


def _kill_worker_of(app, client, location: str, attempt: int) -> None:
    wait_for(client, location, lambda b: b["state"] == "running" and b["attempts"] == attempt, timeout=60)
    (pid,) = app.state.pool.pids()
    os.kill(pid, signal.SIGKILL)


def test_job_of_a_dead_worker_is_retried(one_worker):
    app, client = one_worker
    location = client.post("/v1/jobs", params={"time_limit": 2}, json=slow_problem()).headers["location"]
    _kill_worker_of(app, client, location, attempt=1)
    body = wait_for(client, location, finished, timeout=60)
    assert body["state"] == "done"
    assert body["attempts"] == 2
    assert body["error"] is None
    assert body["status"] == "feasible"
    assert_solution_checked(slow_problem(), body["solution"])


def test_job_whose_worker_always_dies_fails(one_worker):
    app, client = one_worker
    location = client.post("/v1/jobs", params={"time_limit": 60}, json=slow_problem()).headers["location"]
    _kill_worker_of(app, client, location, attempt=1)
    _kill_worker_of(app, client, location, attempt=2)
    body = wait_for(client, location, finished, timeout=30)
    assert body["state"] == "failed"
    assert body["attempts"] == 2
    assert body["error"] == "its worker process died (exit code -9); gave up after 2 attempts"
    assert body["solution"] is None
    assert _ready_again(client) == {
        "status": "ready",
        "store": True,
        "workers": 1,
        "workers_expected": 1,
        "queued": 0,
    }


def _ready_again(client: TestClient) -> dict:
    """/readyz is 503 while the dead worker is replaced, then 200 again."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        response = client.get("/readyz")
        if response.status_code == 200:
            return response.json()
        assert response.status_code == 503
        assert response.json()["status"] == "not ready"
        time.sleep(0.1)
    raise AssertionError("no worker came back")
