"""Probes: /healthz (alive) and /readyz (store and workers usable); no key needed."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.examples import NORMAL_PROBLEM
from api.testhooks import WORKERS_FILE
from tests.api.helpers import assert_solution_checked, celery, finished, make_settings, wait_for


def test_healthz(anonymous):
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz(anonymous):
    body = wait_for(anonymous, "/readyz", lambda b: b["workers"] == 2)  # workers come up after the store
    assert body["status"] == "ready"
    assert body["store"] is True
    assert body["workers_expected"] == 2
    assert isinstance(body["queued"], int)


@pytest.mark.skipif(celery(), reason="with Celery the workers are not this server's processes")
def test_ready_and_accepting_jobs_before_the_workers_are_up(tmp_path):
    """A restarted server lists and accepts jobs at once; solving starts when the workers are up."""
    settings = make_settings(tmp_path, max_concurrent_solves=1)
    assert settings.test_hold_dir is not None
    settings.test_hold_dir.mkdir(parents=True)
    (settings.test_hold_dir / WORKERS_FILE).touch()  # the workers wait while this file exists
    with TestClient(create_app(settings), client=("127.0.0.1", 40000)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {
            "status": "ready",
            "store": True,
            "workers": 0,
            "workers_expected": 1,
            "queued": 0,
        }
        location = client.post("/v1/jobs", json=NORMAL_PROBLEM).headers["location"]
        assert client.get("/v1/jobs").json()["total"] == 1
        assert client.get(location).json()["state"] == "queued"
        (settings.test_hold_dir / WORKERS_FILE).unlink()
        body = wait_for(client, location, finished)
        assert body["state"] == "done"
        assert_solution_checked(NORMAL_PROBLEM, body["solution"])
        assert wait_for(client, "/readyz", lambda b: b["workers"] == 1)["status"] == "ready"


def test_no_stack_trace_on_unknown_route(anonymous):
    response = anonymous.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
