"""Reading problem and roster files with one-line errors instead of tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from optimizer.domain.json_text import JsonTextError, loads
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterInput
from optimizer.domain.validation import InvalidProblem, parse_problem

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_NO_ROSTER = 4


class BadFile(Exception):
    """A file that cannot be used, with a message naming it and what is wrong."""


def read_json(path: Path) -> Any:
    """Parse a JSON file (UTF-8, a leading BOM ignored, as the API reads bodies) or raise :class:`BadFile`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadFile(f"{path}: no such file") from None
    except (IsADirectoryError, PermissionError) as exc:
        raise BadFile(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        return loads(data)
    except JsonTextError as exc:
        raise BadFile(f"{path}: {exc}") from None


def load_problem(path: Path) -> RosterProblem:
    """Read and validate a problem file."""
    data = read_json(path)
    try:
        return parse_problem(data)
    except InvalidProblem as exc:
        shown = "; ".join(str(error) for error in exc.errors[:3])
        more = f" (and {len(exc.errors) - 3} more)" if len(exc.errors) > 3 else ""
        raise BadFile(f"{path}: not a valid problem: {shown}{more}") from None


def load_roster(path: Path) -> RosterInput:
    """Read a roster file: a RosterSolution, ``{"assignments": [...]}`` or a bare list."""
    data = read_json(path)
    if isinstance(data, list):
        data = {"assignments": data}
    if isinstance(data, dict):
        data = {key: data[key] for key in ("assignments", "team_days") if key in data}
    try:
        return RosterInput.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadFile(f"{path}: not a roster: {where}: {first['msg']}") from None
