"""Session-wide clean-up of what the service tests leave on the machine's services."""

from __future__ import annotations

import sys


def pytest_sessionfinish(session, exitstatus) -> None:
    """Stop test workers, drop test schemas and queues (tests.services also tries at exit)."""
    services = sys.modules.get("tests.services")
    if services is not None:
        services.clean_up()
