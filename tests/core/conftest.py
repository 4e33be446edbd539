"""Fixtures of the core tests: a builder of tiny, validated problems (see :mod:`tests.core.tiny`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from optimizer import RosterProblem, parse_problem
from tests.core.tiny import tiny_problem


@pytest.fixture
def build() -> Callable[..., RosterProblem]:
    """Build and validate a tiny problem (see :func:`tiny_problem`)."""

    def _build(*args: Any, **kwargs: Any) -> RosterProblem:
        return parse_problem(tiny_problem(*args, **kwargs))

    return _build
