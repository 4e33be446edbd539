"""File names for exported calendars that hold any employee or team id safely."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment
from optimizer.io.calendar import Version, employee_calendar, team_calendar

MAX_STEM = 120


def file_stem(kind: str, ident: str) -> str:
    """``employee-<id>`` with the id percent-encoded (no ``/``, ``\\`` or control characters in a
    file name); a long id is cut and made unique with a hash."""
    encoded = quote(ident, safe="-_.~@+=")
    if len(encoded) > MAX_STEM:
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:12]
        encoded = f"{encoded[:MAX_STEM]}-{digest}"
    return f"{kind}-{encoded}"


def calendar_files(
    problem: RosterProblem, assignments: list[Assignment], version: Version
) -> dict[str, bytes]:
    """Every calendar of a roster by file name: one per employee with a roster, one per team."""
    rostered = {a.employee for a in assignments}
    files = {
        f"{file_stem('employee', person.id)}.ics": employee_calendar(problem, assignments, person.id, version)
        for person in problem.employees
        if person.id in rostered
    }
    for team in problem.teams:
        files[f"{file_stem('team', team.id)}.ics"] = team_calendar(problem, assignments, team.id, version)
    return files
