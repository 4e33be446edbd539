"""Property-based requests generated from the OpenAPI schema: no input ever gets a 5xx or a status
the schema does not document (``python -m benchmarks.fuzz_api`` runs 1,000+ against the real server)."""

from __future__ import annotations

import contextlib

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode
from starlette.testclient import TestClient

from api.app import create_app
from api.security import hash_key
from tests.api.helpers import make_settings

KEY = "schema-test-key-0123456789"
EXAMPLES_PER_OPERATION = 5  # 25 operations: about 125 requests in all


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    """The schema of an app with tiny time caps, so generated problems solve in about a second."""
    app = create_app(
        make_settings(
            tmp_path_factory.mktemp("schema"),
            api_keys=[f"fuzz={hash_key(KEY)}"],
            max_concurrent_solves=1,
            max_sync_time_limit=1,
            max_time_limit=1,
            default_time_limit=1,
            max_employees=20,
        )
    )
    with TestClient(app):
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_errors_and_no_undocumented_status(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 25
    seen: dict[str, set[int]] = {}

    for operation, mode in [(op, mode) for op in operations for mode in GenerationMode]:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            response = case.call(headers={"Authorization": f"Bearer {KEY}"})
            seen.setdefault(case.operation.label, set()).add(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
            documented = {str(code) for code in case.operation.definition.raw["responses"]}
            assert str(response.status_code) in documented, (case.method, case.formatted_path, response.text)

        with contextlib.suppress(Unsatisfiable):  # no invalid request exists for an operation without inputs
            run()
    assert set(seen) == {operation.label for operation in operations}
