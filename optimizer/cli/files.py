"""Reading problem and roster files with plain errors instead of tracebacks.

One error is one line; several are listed one a line under the file's name, the first
:data:`SHOWN` of them unless ``--all`` asks for every one (the message says how).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from optimizer.cli.options import current_language, show_all_errors
from optimizer.domain.json_text import JsonTextError, loads
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterInput
from optimizer.domain.validation import InvalidProblem, ProblemError, from_pydantic, parse_problem
from optimizer.i18n import translate

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_NO_ROSTER = 4

SHOWN = 10
"""Errors listed without ``--all``."""


class BadFile(Exception):
    """A file that cannot be used, with a message naming it and what is wrong."""


def read_json(path: Path) -> Any:
    """Parse a JSON file (UTF-8, a leading BOM ignored, as the API reads bodies) or raise :class:`BadFile`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadFile(f"{path}: {say('cli.no_such_file')}") from None
    except (IsADirectoryError, PermissionError) as exc:
        raise BadFile(f"{path}: {say('cli.cannot_read', reason=exc.__class__.__name__)}") from None
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
        raise BadFile(listed(path, say("cli.not_a_problem"), exc.errors)) from None


def say(message_id: str, **params: object) -> str:
    return translate(message_id, current_language(), **params)


def listed(path: Path | str, what: str, errors: list[ProblemError]) -> str:
    """``PATH: not a valid problem: ERROR``, or the errors one a line (all of them with ``--all``)."""
    lang = current_language()
    if len(errors) == 1:
        return f"{path}: {what}: {errors[0].text(lang)}"
    shown = errors if show_all_errors() else errors[:SHOWN]
    lines = [f"{path}: {what} ({say('cli.error_count', count=len(errors))}):"]
    lines += [f"  {error.text(lang)}" for error in shown]
    if len(shown) < len(errors):
        lines.append("  " + say("cli.more_errors", count=len(errors) - len(shown)))
    return "\n".join(lines)


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
        errors = [from_pydantic(error, RosterInput) for error in exc.errors(include_url=False)]
        raise BadFile(listed(path, say("cli.not_a_roster"), errors)) from None
