"""A job whose worker process dies is retried, and failed after max_attempts runs.

The jobs are held at their first roster (api.testhooks) so that each run is surely still going
when its worker is killed, however fast or slow the machine is.
"""

from __future__ import annotations

import os
import signal

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from tests.api.helpers import (
    assert_solution_checked,
    celery,
    finished,
    held,
    hold_token,
    make_settings,
    release,
    small_problem,
    wait_for,
)

pytestmark = pytest.mark.skipif(
    celery(), reason="the embedded pool's own processes; test_celery.py kills Celery's pool processes"
)


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("durability"), max_concurrent_solves=1, max_attempts=2)
    app = create_app(settings)
    with TestClient(app, client=("127.0.0.1", 40000)) as client:
        yield app, client


def _kill_worker_of(app, client: TestClient, location: str, attempt: int) -> None:
    """Wait until run ``attempt`` of the job is paused at its first roster, then SIGKILL its worker."""
    wait_for(client, location, lambda b: held(b) and b["attempts"] == attempt)
    (pid,) = app.state.pool.pids()
    os.kill(pid, signal.SIGKILL)


def test_job_of_a_dead_worker_is_retried(one_worker):
    app, client = one_worker
    token = hold_token()
    params = {"time_limit": 5, "hold": token}
    location = client.post("/v1/jobs", params=params, json=small_problem()).headers["location"]
    _kill_worker_of(app, client, location, attempt=1)
    wait_for(client, location, lambda b: held(b) and b["attempts"] == 2)
    release(app.state.settings, token)
    body = wait_for(client, location, finished)
    assert body["state"] == "done"
    assert body["attempts"] == 2
    assert body["error"] is None
    assert body["status"] in {"optimal", "feasible"}
    assert_solution_checked(small_problem(), body["solution"])


def test_job_whose_worker_always_dies_fails(one_worker):
    app, client = one_worker
    params = {"time_limit": 60, "hold": hold_token()}  # never released
    location = client.post("/v1/jobs", params=params, json=small_problem()).headers["location"]
    _kill_worker_of(app, client, location, attempt=1)
    _kill_worker_of(app, client, location, attempt=2)
    body = wait_for(client, location, finished)
    assert body["state"] == "failed"
    assert body["attempts"] == 2
    assert body["error"] == "its worker process died (exit code -9); gave up after 2 attempts"
    assert body["solution"] is None
    ready = wait_for(client, "/readyz", lambda b: b["workers"] == 1)  # the dead worker is replaced
    assert ready == {"status": "ready", "store": True, "workers": 1, "workers_expected": 1, "queued": 0}
