"""What-if overrides: change a problem by dotted paths and validate the result again.

A path names fields from the top of the problem JSON, separated by dots. A
list field takes a selector in brackets: ``[*]`` every item, ``[2]`` an index,
``[fin]`` the item with that id. Examples: ``policy.office_days.min``,
``teams[*].anchor_days``, ``employees[*].remote_days.max``,
``sites[hq].desks``. ``staff_factor`` (a number, e.g. ``1.1``) is applied
first: it clones employees (fresh ids) or drops the last ones.

Paths are checked against the problem's schema before anything is applied, so
a misspelt field is reported with its path, not silently added.
"""

from __future__ import annotations

import copy
import math
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from optimizer.domain.problem import Policy, RosterProblem
from optimizer.domain.validation import InvalidProblem, Loc, ProblemError, parse_problem

STAFF_FACTOR = "staff_factor"
_SEGMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9-]*)(?:\[(?P<selector>[^\[\]]+)\])?$")


@dataclass(frozen=True)
class Segment:
    name: str
    selector: str | None


class PathError(ValueError):
    """A path that does not name a field of the problem."""

    def __init__(self, msg: str, kind: str):
        super().__init__(msg)
        self.msg, self.kind = msg, kind


def parse_path(path: str) -> list[Segment]:
    """Split ``teams[*].anchor_days`` into segments, or raise :class:`PathError`."""
    if not path or path.strip() != path:
        raise PathError("empty path or surrounding spaces", "bad_path")
    segments = []
    for part in path.split("."):
        match = _SEGMENT.match(part)
        if match is None:
            raise PathError(f"cannot read {part!r}: use name, name[*], name[index] or name[id]", "bad_path")
        segments.append(Segment(match["name"], match["selector"]))
    return segments


def _kind(annotation: Any) -> tuple[str, Any]:
    """Classify a field annotation as ("model", cls), ("list", item), ("dict", value) or ("scalar", None)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        for option in options:
            kind = _kind(option)
            if kind[0] != "scalar":
                return kind
        return "scalar", None
    if origin is list:
        return "list", typing.get_args(annotation)[0]
    if origin is dict:
        return "dict", typing.get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "scalar", None


def check_path(segments: list[Segment]) -> None:
    """Raise :class:`PathError` unless the segments name a field of :class:`RosterProblem`."""
    kind, inner = "model", RosterProblem
    walked: list[str] = []
    for position, segment in enumerate(segments):
        where = ".".join(walked) or "the problem"
        if kind == "dict":
            if segment.selector is not None:
                raise PathError(f"{where} is a mapping: write {where}.<key>", "bad_path")
            kind, inner = _kind(inner)
        elif kind != "model":
            raise PathError(f"{where} has no field {segment.name!r}", "unknown_field")
        elif segment.name not in inner.model_fields:
            raise PathError(_unknown_field(inner, segment.name, where, walked), "unknown_field")
        else:
            kind, inner = _kind(inner.model_fields[segment.name].annotation)
        if segment.selector is not None:
            if kind != "list":
                raise PathError(f"{'.'.join([*walked, segment.name])} is not a list", "not_a_list")
            kind, inner = _kind(inner)
        elif kind == "list" and position < len(segments) - 1:
            name = ".".join([*walked, segment.name])
            raise PathError(f"{name} is a list: select items with {name}[*], [index] or [id]", "bad_path")
        walked.append(segment.name + (f"[{segment.selector}]" if segment.selector else ""))


def _unknown_field(model: type[BaseModel], name: str, where: str, walked: list[str]) -> str:
    hint = ""
    if not walked and name in Policy.model_fields:
        hint = f" (did you mean policy.{name}?)"
    known = ", ".join(model.model_fields)
    return f"unknown field {name!r} in {where}{hint}; known fields: {known}"


def _select(items: list, selector: str, where: str) -> list[dict]:
    if selector == "*":
        return items
    if re.fullmatch(r"-?[0-9]+", selector):
        index = int(selector)
        if not -len(items) <= index < len(items):
            raise PathError(f"{where} has {len(items)} items: no index {index}", "unknown_item")
        return [items[index]]
    chosen = [item for item in items if isinstance(item, dict) and item.get("id") == selector]
    if not chosen:
        raise PathError(f"no item with id {selector!r} in {where}", "unknown_item")
    return chosen


def set_path(data: dict, segments: list[Segment], value: Any) -> None:
    """Set ``value`` at every place the (checked) path names; missing objects on the way are created."""
    targets = [data]
    walked: list[str] = []
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        walked.append(segment.name)
        following = []
        for target in targets:
            if segment.selector is not None:
                items = target.get(segment.name) or []
                chosen = _select(items, segment.selector, ".".join(walked))
                if last:
                    for i, item in enumerate(items):
                        if any(item is c for c in chosen):
                            items[i] = copy.deepcopy(value)
                following.extend(chosen)
            elif last:
                target[segment.name] = copy.deepcopy(value)
            else:
                if not isinstance(target.get(segment.name), dict):
                    target[segment.name] = {}
                following.append(target[segment.name])
        targets = following


def scale_staff(data: dict, factor: float) -> None:
    """Grow the staff to ``round(n·factor)`` by cloning employees in turn, or shrink it from the end."""
    employees = data.get("employees") or []
    wanted = max(0, round(len(employees) * factor))
    if wanted < len(employees):
        dropped = {e["id"] for e in employees[wanted:]}
        data["employees"] = employees[:wanted]
        data["previous"] = [p for p in data.get("previous") or [] if p["employee"] not in dropped]
        for team in data.get("teams") or []:
            for meeting in team.get("meetings") or []:
                if meeting.get("attendees") is not None:
                    meeting["attendees"] = [a for a in meeting["attendees"] if a not in dropped]
        return
    taken = {e["id"] for e in employees}
    for n in range(wanted - len(employees)):
        original = employees[n % len(employees)]
        clone = copy.deepcopy(original)
        copy_number = n // len(employees) + 1
        new_id = f"{original['id']}-new{copy_number}"
        while new_id in taken:
            new_id += "x"
        taken.add(new_id)
        clone["id"] = new_id
        if clone.get("name"):
            clone["name"] = f"{clone['name']} (new {copy_number})"
        employees.append(clone)
    data["employees"] = employees


def _staff_factor(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PathError("staff_factor must be a number such as 1.1", "invalid_value")
    if not 0 < value <= 10:
        raise PathError(f"staff_factor {value} is outside (0, 10]", "invalid_value")
    return float(value)


def apply_overrides(problem: RosterProblem, overrides: dict[str, Any], loc: Loc = ()) -> RosterProblem:
    """The problem with ``overrides`` applied and validated again.

    Raises :class:`InvalidProblem` with every bad path (``loc`` + the override key)
    and, after applying, every validation error of the resulting problem.
    """
    errors: list[ProblemError] = []
    parsed: list[tuple[str, list[Segment], Any]] = []
    factor = None
    for key, value in overrides.items():
        try:
            if key == STAFF_FACTOR:
                factor = _staff_factor(value)
                continue
            segments = parse_path(key)
            check_path(segments)
            parsed.append((key, segments, value))
        except PathError as exc:
            errors.append(ProblemError((*loc, key), exc.msg, exc.kind))
    data = problem.model_dump(mode="json")
    if factor is not None:
        scale_staff(data, factor)
    for key, segments, value in parsed:
        try:
            set_path(data, segments, value)
        except PathError as exc:
            errors.append(ProblemError((*loc, key), exc.msg, exc.kind))
    if errors:
        raise InvalidProblem(errors)
    try:
        return parse_problem(data)
    except InvalidProblem as exc:
        raise InvalidProblem([_attributed(error, loc, parsed) for error in exc.errors]) from None


def _attributed(error: ProblemError, loc: Loc, parsed: list[tuple[str, list[Segment], Any]]) -> ProblemError:
    """A validation error of the changed problem, placed at the override that most likely caused it."""
    where = str(error)
    names = [part for part in error.loc if isinstance(part, str)]
    for key, segments, _ in parsed:
        if [s.name for s in segments][: len(names)] == names[: len(segments)]:
            return ProblemError((*loc, key), f"after this override, {where}", error.type)
    return ProblemError(loc, f"after the overrides, {where}", error.type)
