"""Spreadsheet import: a staff sheet (one row per employee) and a base organisation make a problem.

The base holds what a staff list does not: the horizon, the policy, sites with their desks,
resources, teams with their meetings, and the weights. Every cell is read; then the whole
problem goes through the product's own validation, and each error it finds is mapped back to
the row and column it came from. Either every error is returned at once, or a valid problem.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import InvalidProblem, Loc, ProblemError, parse_problem
from optimizer.io.columns import BY_NAME, COLUMNS, CellError, Column
from optimizer.io.table import Table

HEADER_ROW = 1


@dataclass(frozen=True)
class SheetError:
    """One problem of an import: a row and column of the staff sheet, or a path of the base."""

    msg: str
    type: str
    row: int | None = None
    column: str | None = None
    base_path: Loc | None = None

    @property
    def loc(self) -> Loc:
        """Where it is: ``("staff", row, column)`` or ``("base", *json_path)``."""
        if self.base_path is not None:
            return ("base", *self.base_path)
        return tuple(part for part in ("staff", self.row, self.column) if part is not None)

    def __str__(self) -> str:
        if self.base_path is not None:
            return f"base {ProblemError(self.base_path, self.msg, self.type)}"
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.msg}" if where else self.msg


class InvalidStaff(ValueError):
    """The sheet or the base has problems; ``errors`` holds every one found."""

    def __init__(self, errors: list[SheetError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors[:5]))


def default_base(start: dt.date | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """The base used without a base file: the working week (Mon-Fri) starting ``start``, by default
    the coming Monday (today, on a Monday), with the default policy and weights."""
    if start is None:
        today = today or dt.date.today()
        start = today + dt.timedelta(days=-today.weekday() % 7)
    return {"horizon": {"start": start.isoformat(), "days": 5}}


def normalise_header(name: str) -> str:
    """``Weekly hours min`` and ``weekly-hours-MIN`` are both ``weekly_hours_min``."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


@dataclass
class _Row:
    number: int
    cells: dict[str, str]
    employee: dict[str, Any]


def import_staff(table: Table, base: Any = None, *, start: dt.date | None = None) -> RosterProblem:
    """The problem made of ``base`` (default: :func:`default_base`) and one employee per row of
    ``table``, or :class:`InvalidStaff` with every error of the sheet, the base and the problem."""
    errors: list[SheetError] = []
    columns = _columns(table, errors)
    rows = [_row(number, cells, columns, len(table.header), errors) for number, cells in table.rows]
    if base is None:
        base = default_base(start)
    elif not isinstance(base, dict):
        errors.append(
            SheetError(
                "the base must be a JSON object (horizon, policy, sites, ...)", "base_type", base_path=()
            )
        )
        base = default_base(start)
    elif start is not None and isinstance(base.get("horizon", {}), dict):
        base = {**base, "horizon": {**base.get("horizon", {}), "start": start.isoformat()}}
    if "id" not in columns.values():
        raise InvalidStaff(errors)
    named = [row for row in rows if "id" in row.employee]
    problem, offsets = _problem(base, named)
    try:
        valid = parse_problem(problem)
    except InvalidProblem as exc:
        errors.extend(_map_error(error, named, offsets) for error in exc.errors)
        valid = None
    if errors or valid is None:
        raise InvalidStaff(_sorted(errors))
    return valid


def _columns(table: Table, errors: list[SheetError]) -> dict[int, str]:
    """Header positions of the known columns; unknown, duplicate and missing columns are errors."""
    known: dict[int, str] = {}
    for index, raw in enumerate(table.header):
        name = normalise_header(raw)
        if not name:
            if any(index < len(cells) and cells[index].strip() for _, cells in table.rows):
                errors.append(
                    SheetError(f"column {index + 1} holds data but has no header", "no_header", HEADER_ROW)
                )
            continue
        if name not in BY_NAME:
            close = difflib.get_close_matches(name, list(BY_NAME), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known columns: {', '.join(BY_NAME)})"
            errors.append(
                SheetError(
                    f"{raw.strip()!r} is not a known column{hint}", "unknown_column", HEADER_ROW, raw.strip()
                )
            )
            continue
        if name in known.values():
            errors.append(SheetError(f"column {name!r} appears twice", "duplicate_column", HEADER_ROW, name))
            continue
        known[index] = name
    if "id" not in known.values():
        errors.append(
            SheetError("the header has no 'id' column (it is required)", "missing_column", HEADER_ROW)
        )
    return known


def _row(
    number: int, cells: list[str], columns: dict[int, str], width: int, errors: list[SheetError]
) -> _Row:
    """One employee from a row's cells; a cell that cannot be read is an error and left out."""
    row = _Row(number, {}, {})
    for index, text in enumerate(cells):
        if index >= width and text.strip():
            errors.append(
                SheetError(f"{text.strip()!r} is in column {index + 1}, past the header", "no_header", number)
            )
        if index not in columns:
            continue
        name = columns[index]
        row.cells[name] = text
        if not text.strip():
            continue
        try:
            _put(row.employee, BY_NAME[name].path, BY_NAME[name].parse(text))
        except CellError as exc:
            errors.append(SheetError(str(exc), "cell", number, name))
    if "id" in columns.values() and "id" not in row.employee:
        errors.append(SheetError("an id is required", "missing", number, "id"))
    return row


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


@dataclass(frozen=True)
class _Offsets:
    employees: int
    teams: int
    sites: int


def _problem(base: dict[str, Any], rows: list[_Row]) -> tuple[dict[str, Any], _Offsets]:
    """The base with the rows' employees appended, and the teams and sites they name created."""
    problem = copy.deepcopy(base)
    employees = problem.setdefault("employees", [])
    teams, sites = problem.setdefault("teams", []), problem.setdefault("sites", [])
    if not all(isinstance(part, list) for part in (employees, teams, sites)):
        return problem, _Offsets(0, 0, 0)
    offsets = _Offsets(len(employees), len(teams), len(sites))
    employees.extend(row.employee for row in rows)
    known_teams = {team.get("id") for team in teams if isinstance(team, dict)}
    known_sites = {site.get("id") for site in sites if isinstance(site, dict)}
    for team in dict.fromkeys(row.employee["team"] for row in rows if "team" in row.employee):
        if team not in known_teams:
            teams.append({"id": team})
    staff_at = Counter(row.employee["site"] for row in rows if "site" in row.employee)
    for site, count in staff_at.items():
        if site not in known_sites:
            sites.append({"id": site, "desks": count})
    return problem, offsets


def _map_error(error: ProblemError, rows: list[_Row], offsets: _Offsets) -> SheetError:
    """A validation error of the assembled problem, placed at its row and column when it is about
    an employee from the sheet, else at its path in the base."""
    loc = error.loc
    if len(loc) >= 2 and loc[0] == "employees" and isinstance(loc[1], int) and loc[1] >= offsets.employees:
        row = rows[loc[1] - offsets.employees]
        columns = _columns_at(loc[2:])
        value = " / ".join(row.cells.get(column.name, "") for column in columns if row.cells.get(column.name))
        msg = error.msg if not value or value in error.msg else f"{value!r}: {error.msg}"
        names = ", ".join(column.name for column in columns) or None
        return SheetError(msg, error.type, row.number, names)
    for kind, offset, column in (("teams", offsets.teams, "team"), ("sites", offsets.sites, "site")):
        if len(loc) >= 2 and loc[0] == kind and isinstance(loc[1], int) and loc[1] >= offset:
            return SheetError(f"{kind[:-1]} created from the sheet: {error}", error.type, column=column)
    return SheetError(error.msg, error.type, base_path=loc)


def _columns_at(path: Loc) -> list[Column]:
    """The columns whose values lie at ``path`` inside an employee (or under it)."""
    exact = [column for column in COLUMNS if path[: len(column.path)] == column.path]
    if exact:
        return exact
    return [column for column in COLUMNS if column.path[: len(path)] == path and path]


def _sorted(errors: list[SheetError]) -> list[SheetError]:
    order = {column.name: index for index, column in enumerate(COLUMNS)}

    def key(error: SheetError) -> tuple[int, int, int]:
        first_column = (error.column or "").split(",")[0]
        return (0 if error.base_path is not None else 1, error.row or 0, order.get(first_column, -1))

    return sorted(errors, key=key)
