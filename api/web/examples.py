"""The example problems of the start page: the OpenAPI examples and, in a checkout, ``examples/``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from api.examples import INFEASIBLE_PROBLEM, INVALID_PROBLEM, NORMAL_PROBLEM

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
BUILT_IN: dict[str, dict[str, Any]] = {
    "team_of_three": NORMAL_PROBLEM,
    "too_few_desks": INFEASIBLE_PROBLEM,
    "invalid": INVALID_PROBLEM,
}


@cache
def _files() -> dict[str, Path]:
    if not EXAMPLES_DIR.is_dir():
        return {}
    return {path.stem: path for path in sorted(EXAMPLES_DIR.glob("*.json"))}


def example_names() -> list[str]:
    """Every example's name: the repository's files first, then the built-in ones."""
    return [*_files(), *(name for name in BUILT_IN if name not in _files())]


def example(name: str) -> dict[str, Any] | None:
    """One example problem as JSON data, or None."""
    path = _files().get(name)
    if path is not None:
        return json.loads(path.read_text(encoding="utf-8"))
    return BUILT_IN.get(name)
