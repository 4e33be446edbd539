"""Problems and polling helpers shared by the API tests."""

from __future__ import annotations

import os
import time
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from api.settings import Settings
from optimizer import RosterSolution, parse_problem
from optimizer.generator import GeneratorSettings, generate
from tests.helpers import assert_checked
from tests.services import fresh_queue, fresh_schema, start_worker

FINISHED = {"done", "failed", "cancelled"}
DEADLINE = 300.0  # how long a state may take to come on a loaded machine before a test fails
KEYS = {"alice": "alice-key-0123456789", "bob": "bob-key-0123456789", "carol": "carol-key-0123456789"}


def auth(tenant: str) -> dict[str, str]:
    """The Authorization header of a test tenant."""
    return {"Authorization": f"Bearer {KEYS[tenant]}"}


def make_settings(data_dir: Any, **overrides: Any) -> Settings:
    """Small, fast settings for tests, with the test hooks on (``<data_dir>/hold``, see api.testhooks).

    The environment chooses the store and the backend (``ROSTER_DATABASE_URL``, ``ROSTER_BACKEND``):
    on PostgreSQL each app gets a schema of its own; with Celery a queue of its own and its own
    ``roster worker`` (started here unless ``start_workers=False``, stopped when the tests end)."""
    start = overrides.pop("start_workers", True)
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "test_hold_dir": Path(data_dir) / "hold",
        "max_concurrent_solves": 2,
        "solver_workers": 1,
        "poll_interval": 0.02,
        "max_sync_time_limit": 10,
        "max_time_limit": 60,
        "default_time_limit": 5,
    }
    url = overrides.get("database_url", os.environ.get("ROSTER_DATABASE_URL"))
    if url and url.startswith("postgres"):
        values["database_schema"] = fresh_schema(url)
    values["broker_queue"] = fresh_queue()
    values.update(overrides)
    settings = Settings(**values)
    if settings.backend == "celery" and start:
        start_worker(settings)
    return settings


def celery() -> bool:
    """Whether this test run uses the Celery backend (``ROSTER_BACKEND=celery``)."""
    return os.environ.get("ROSTER_BACKEND", "embedded") == "celery"


@cache
def small_problem(employees: int = 12, seed: int = 0) -> dict[str, Any]:
    """A generated problem that solves to optimality in well under a second."""
    problem = generate(GeneratorSettings(employees=employees, seed=seed))
    return problem.model_dump(mode="json", exclude_defaults=True)


@cache
def slow_problem() -> dict[str, Any]:
    """A problem whose optimum is far from proven after a minute: it keeps a job running until stopped."""
    problem = generate(GeneratorSettings(employees=150, weeks=4, teams=15, seed=0, fairness_weight=2))
    data = problem.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("weights", {})["peak_occupancy"] = 3
    return data


def hold_token() -> str:
    """A fresh token for ``POST /v1/jobs?hold=<token>``: the job waits at its first roster until released."""
    return uuid.uuid4().hex


def release(settings: Settings, token: str) -> None:
    """Let the jobs held with ``token`` go on (each then searches for its time limit)."""
    assert settings.test_hold_dir is not None
    settings.test_hold_dir.mkdir(parents=True, exist_ok=True)
    (settings.test_hold_dir / token).touch()


def held(body: dict[str, Any]) -> bool:
    """A held job body paused at its first roster."""
    return body["state"] == "running" and body["best"] is not None


def wait_for(client: TestClient, url: str, done: Any, timeout: float = DEADLINE, **kw: Any) -> dict[str, Any]:
    """Poll ``url`` until ``done(body)`` holds; fail after ``timeout`` seconds (a bound for failures only:
    tests wait for states, never for time to pass)."""
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = client.get(url, **kw)
        assert response.status_code == 200, response.text
        body = response.json()
        if done(body):
            return body
        time.sleep(0.05)
    raise AssertionError(f"{url} did not reach the expected state in {timeout} s: {body.get('state')}")


def finished(body: dict[str, Any]) -> bool:
    """A job body in a final state."""
    return body["state"] in FINISHED


def assert_solution_checked(problem: dict[str, Any], solution: dict[str, Any]) -> RosterSolution:
    """The independent checker accepts an API roster with the same score."""
    parsed = RosterSolution.model_validate(solution)
    assert_checked(parse_problem(problem), parsed)
    return parsed


def cancel(client: Any, location: str) -> dict[str, Any]:
    """DELETE a job and return it once stopped (a 202 means its worker is still stopping)."""
    response = client.delete(location)
    assert response.status_code in (200, 202), response.text
    if response.status_code == 200:
        return response.json()
    return wait_for(client, location, finished)


def why_request(problem: dict[str, Any], assignments: list[dict[str, Any]]) -> dict[str, Any]:
    """A POST /v1/why body asking about the roster's first office cell."""
    cell = next(a for a in assignments if a["location"] == "office")
    return {"problem": problem, "roster": assignments, "employee": cell["employee"], "date": cell["date"]}
