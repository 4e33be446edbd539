"""API keys, tenant isolation, keyless local mode and CORS."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.examples import NORMAL_PROBLEM
from api.security import hash_key, load_keys
from optimizer.cli.app import app as cli
from tests.api.helpers import KEYS, finished, make_settings, wait_for

ROUTES = [
    ("get", "/v1/jobs"),
    ("post", "/v1/jobs"),
    ("post", "/v1/solve"),
    ("post", "/v1/check"),
    ("get", "/v1/jobs/abc"),
    ("delete", "/v1/jobs/abc"),
    ("get", "/v1/jobs/abc/roster.csv"),
    ("get", "/v1/jobs/abc/calendar/e1.ics"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_no_key_is_401(anonymous, method, path):
    kwargs = {"json": NORMAL_PROBLEM} if method == "post" else {}
    response = getattr(anonymous, method)(path, **kwargs)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {"detail": "missing API key: send 'Authorization: Bearer <key>'"}


@pytest.mark.parametrize("header", ["Bearer wrong-key", "Basic " + KEYS["alice"], KEYS["alice"], "Bearer "])
def test_wrong_key_is_401(anonymous, header):
    response = anonymous.get("/v1/jobs", headers={"Authorization": header})
    assert response.status_code == 401


def test_another_keys_job_is_404_and_untouched(alice, bob):
    job = alice.post("/v1/jobs", json=NORMAL_PROBLEM).json()
    location = f"/v1/jobs/{job['id']}"
    done = wait_for(alice, location, finished)
    unknown = {"detail": f"no job {job['id']!r}"}
    for response in (
        bob.get(location),
        bob.delete(location),
        bob.get(f"{location}/roster.csv"),
        bob.get(f"{location}/calendar/e1.ics"),
    ):
        assert response.status_code == 404
        assert response.json() == unknown
    assert job["id"] not in {
        item["id"] for item in bob.get("/v1/jobs", params={"limit": 100}).json()["items"]
    }
    assert alice.get(location).json() == done


def test_keys_are_kept_only_as_hashes(app):
    stored = app.state.keys.tenants_by_hash
    assert set(stored.values()) == {"alice", "bob", "carol"}
    assert all(key.startswith("sha256:") for key in stored)
    assert not any(secret in str(stored) for secret in KEYS.values())
    assert not any(secret in repr(app.state.settings) for secret in KEYS.values())


def test_plain_and_named_key_entries():
    ring = load_keys(["team-a=secret-a", "secret-b", f"ops={hash_key('secret-c')}"])
    assert ring.tenant_of("secret-a") == "team-a"
    assert ring.tenant_of("secret-b") == "key-" + hash_key("secret-b")[7:19]
    assert ring.tenant_of("secret-c") == "ops"
    assert ring.tenant_of("secret-d") is None
    assert "secret-a" not in str(ring)


def test_keyless_mode_serves_only_loopback_clients(tmp_path):
    app = create_app(make_settings(tmp_path, max_concurrent_solves=1))
    with TestClient(app, client=("127.0.0.1", 50000)) as local:
        assert local.get("/v1/jobs").status_code == 200
        remote = TestClient(app, client=("203.0.113.9", 50000))
        response = remote.get("/v1/jobs")
        assert response.status_code == 401
        assert response.json() == {
            "detail": "this server runs without API keys and only answers local clients"
        }


def test_serve_refuses_keyless_mode_on_a_public_address(monkeypatch):
    monkeypatch.delenv("ROSTER_API_KEYS", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0 without API keys" in result.output


def test_cors_is_off_unless_configured(tmp_path):
    preflight = {"Origin": "https://portal.example", "Access-Control-Request-Method": "POST"}
    closed = TestClient(create_app(make_settings(tmp_path)))
    assert "access-control-allow-origin" not in closed.options("/v1/solve", headers=preflight).headers
    opened = TestClient(create_app(make_settings(tmp_path, cors_origins=["https://portal.example"])))
    response = opened.options("/v1/solve", headers=preflight)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://portal.example"
