"""Parsing, validating and checking run off the event loop: /healthz answers while they are busy."""

from __future__ import annotations

import asyncio
import copy
import threading
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

import api.routes.check
import api.submission
from api.examples import NORMAL_PROBLEM, VALID_CHECK
from tests.api.helpers import auth, make_settings

DEADLINE = 120.0  # only a failing test waits this long


def _blocking(original: Callable[..., Any], entered: threading.Event, release: threading.Event):
    def blocked(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(DEADLINE), "never released"
        return original(*args, **kwargs)

    return blocked


@pytest.mark.parametrize(
    ("module", "name", "path", "body"),
    [
        (api.routes.check, "check", "/v1/check", VALID_CHECK),
        (api.submission, "parse_problem", "/v1/check", VALID_CHECK),
        (api.submission, "parse_problem", "/v1/solve", NORMAL_PROBLEM),
    ],
)
def test_healthz_answers_while_a_request_is_validated_or_checked(app, monkeypatch, module, name, path, body):
    """Both requests go through one event loop; the first is held inside the patched call."""
    entered, release, answered = threading.Event(), threading.Event(), threading.Event()
    monkeypatch.setattr(module, name, _blocking(getattr(module, name), entered, release))
    answers: dict[str, Any] = {}

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=auth("alice")
        ) as client:
            posted = asyncio.create_task(client.post(path, json=body, timeout=DEADLINE))
            await anyio.to_thread.run_sync(entered.wait, DEADLINE)
            answers["health"] = await client.get("/healthz")
            answered.set()
            answers["post"] = await posted

    runner = threading.Thread(target=asyncio.run, args=(scenario(),), daemon=True)
    runner.start()
    try:
        assert entered.wait(DEADLINE), "the request never reached the patched call"
        assert answered.wait(DEADLINE), "/healthz did not answer while the other request was busy"
    finally:
        release.set()
        runner.join(DEADLINE)
    assert answers["health"].status_code == 200
    assert answers["post"].status_code == 200, answers["post"].text


def test_a_problem_over_the_employee_limit_is_not_validated(tmp_path):
    """Only the count is read: the invalid employee beyond the limit is not even looked at."""
    from starlette.testclient import TestClient

    from api.app import create_app

    problem = copy.deepcopy(NORMAL_PROBLEM)
    problem["employees"] = [{**problem["employees"][2], "id": f"e{i}"} for i in range(4)]
    problem["employees"][3]["site"] = "annex"
    app = create_app(make_settings(tmp_path, max_concurrent_solves=1, max_employees=3))
    with TestClient(app, client=("127.0.0.1", 40000)) as client:
        response = client.post("/v1/jobs", json=problem)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "employees"],
            "msg": "4 employees exceed this server's limit of 3 (ROSTER_MAX_EMPLOYEES)",
            "type": "limit_exceeded",
        }
    ]
