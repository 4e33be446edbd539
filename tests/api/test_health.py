"""Probes: /healthz (alive) and /readyz (store and workers usable); no key needed."""

from __future__ import annotations


def test_healthz(anonymous):
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz(anonymous):
    response = anonymous.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["store"] is True
    assert body["workers"] == body["workers_expected"] == 2
    assert isinstance(body["queued"], int)


def test_no_stack_trace_on_unknown_route(anonymous):
    response = anonymous.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
