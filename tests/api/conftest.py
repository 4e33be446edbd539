"""A running app (store + worker processes) shared by the route tests, with three keyed tenants."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from starlette.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from api.security import hash_key  # noqa: E402
from tests.api.helpers import KEYS, auth, make_settings  # noqa: E402


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The keyed app, its lifespan running for the whole session (keys configured as hashes)."""
    keys = [f"{tenant}={hash_key(key)}" for tenant, key in KEYS.items()]
    application = create_app(make_settings(tmp_path_factory.mktemp("api"), api_keys=keys))
    with TestClient(application):
        yield application


@pytest.fixture(scope="session")
def alice(app) -> TestClient:
    return TestClient(app, headers=auth("alice"))


@pytest.fixture(scope="session")
def bob(app) -> TestClient:
    return TestClient(app, headers=auth("bob"))


@pytest.fixture(scope="session")
def anonymous(app) -> TestClient:
    return TestClient(app)
