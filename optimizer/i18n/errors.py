"""Pydantic's errors in plain words: a message id and its parameters, never an internal class name.

``plain(error, root)`` turns one of pydantic's error dicts into ``(message_id, params)`` of the
catalogues (``val.*``), so a message can be given in any language. An unknown field is answered with
the nearest known field of the object it sits in (``difflib``); a value outside a fixed set with the
nearest allowed value.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

Params = dict[str, object]

# Pydantic error types that say "the value has the wrong kind", by the kind it should have.
_KINDS: dict[str, str] = {
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "finite_number": "number",
    "string_type": "text",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "tuple_type": "list",
    "set_type": "list",
    "dict_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
}
_BOUNDS: dict[str, str] = {
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
}
_LENGTHS: dict[str, str] = {"too_short": "min_length", "too_long": "max_length"}

# The messages of the problem's own validators (optimizer/domain/problem.py), by pattern.
_VALUE_ERRORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("val.min_above_max", r"^min (?P<low>\S+) is greater than max (?P<high>\S+)$"),
        ("val.earliest_after_latest", r"^earliest (?P<earliest>\S+) is after latest (?P<latest>\S+)$"),
        ("val.end_not_after_start", r"^end (?P<end>\S+) is not after start (?P<start>\S+)$"),
        ("val.close_before_open", r"^close (?P<close>\S+) is before open (?P<open>\S+)$"),
        ("val.weekday_or_date", r"^give exactly one of weekday or date$"),
        ("val.not_a_time", r"^time (?P<value>'.*') is not of the form HH:MM$"),
        ("val.not_a_zone", r"^(?P<value>'.*') is not a time zone of the tz database"),
        ("val.start_too_late", r"^start (?P<start>\S+) is too far in the future$"),
    )
)


def kind_of(value: object) -> str:
    """The kind of a JSON value, as a message id (``kind.number``, ``kind.text``…)."""
    if value is None:
        return "kind.null"
    if isinstance(value, bool):
        return "kind.bool"
    if isinstance(value, int | float):
        return "kind.number"
    if isinstance(value, str):
        return "kind.text"
    if isinstance(value, list | tuple):
        return "kind.list"
    if isinstance(value, dict):
        return "kind.object"
    return "kind.other"


def _unwrap(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``; None for a union of several types."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return None
            annotation = options[0]
        else:
            return annotation


def type_at(root: type[BaseModel] | None, loc: Sequence[str | int]) -> Any:
    """The declared type at a JSON path under ``root`` (None when the path leads nowhere known)."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_named(current, part)
            if field is None:
                return None
            current = current.model_fields[field].annotation
        elif get_origin(current) in (list, tuple, set, frozenset) and isinstance(part, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _field_named(model: type[BaseModel], name: object) -> str | None:
    for field, info in model.model_fields.items():
        if name in (field, info.alias):
            return field
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    """The JSON names of a model's fields (aliases where they have one)."""
    return [info.alias or field for field, info in model.model_fields.items()]


def owner_id(model: type[BaseModel]) -> str:
    """The message id naming an object of this model to a reader (``owner.Employee``: "an employee")."""
    return f"owner.{model.__name__}"


def nearest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to a mistyped word, if any is close enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        lowered = {choice.lower(): choice for choice in choices}
        found = [lowered[word.lower()]] if word.lower() in lowered else []
    return found[0] if found else None


def _expected(ctx: dict[str, Any]) -> list[str]:
    """The allowed values of a ``literal_error``/``enum`` error, as written in JSON."""
    text = str(ctx.get("expected", ""))
    quoted = re.findall(r"'([^']*)'", text)
    return quoted or [part for part in re.split(r", | or ", text) if part]


def _choices(values: list[str], quoted: bool) -> str:
    return ", ".join(repr(v) if quoted else v for v in values)


def plain(error: dict[str, Any], root: type[BaseModel] | None) -> tuple[str, Params] | None:
    """The message id and parameters of one pydantic error, or None to keep pydantic's words."""
    kind, loc, ctx = error["type"], tuple(error.get("loc", ())), error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "val.missing", {}
    if kind == "extra_forbidden":
        return _unknown_field(root, loc)
    if kind in ("model_type", "model_attributes_type") or (kind == "dict_type" and _is_model(root, loc)):
        model = type_at(root, loc)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return "val.mapping", {"got": kind_of(value)}
        return "val.object", {"fields": ", ".join(field_names(model)), "got": kind_of(value)}
    if kind in _KINDS:
        params: Params = {"got": kind_of(value)}
        if kind.startswith("date") and isinstance(value, str):
            return "val.not_a_date", {"value": repr(value)}
        return f"val.{_KINDS[kind]}", params
    if kind in _BOUNDS:
        return f"val.{_BOUNDS[kind]}", {"limit": _number(ctx.get(_BOUNDS[kind])), "value": _number(value)}
    if kind in _LENGTHS:
        limit = ctx.get(_LENGTHS[kind], ctx.get("min_length", ctx.get("max_length")))
        return f"val.{kind}", {"limit": limit}
    if kind in ("literal_error", "enum"):
        return _one_of(_expected(ctx), value, isinstance(_literal_value(root, loc), str))
    if kind == "value_error":
        said = str(ctx.get("error", error.get("msg", ""))).removeprefix("Value error, ")
        for key, pattern in _VALUE_ERRORS:
            match = pattern.match(said)
            if match:
                return key, dict(match.groupdict())
    return None


def _number(value: object) -> object:
    """``168`` rather than ``168.0``: a whole float as a reader writes it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _is_model(root: type[BaseModel] | None, loc: tuple) -> bool:
    model = type_at(root, loc)
    return isinstance(model, type) and issubclass(model, BaseModel)


def _literal_value(root: type[BaseModel] | None, loc: tuple) -> object:
    declared = type_at(root, loc)
    if get_origin(declared) is Literal:
        return get_args(declared)[0]
    return ""


def _one_of(allowed: list[str], value: object, quoted: bool) -> tuple[str, Params]:
    choices = _choices(allowed, quoted)
    shown = (
        repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else value
    )
    guess = nearest(value, allowed) if isinstance(value, str) else None
    if guess is not None and guess != value:
        return "val.one_of_suggest", {"value": shown, "choices": choices, "suggestion": repr(guess)}
    return "val.one_of", {"value": shown, "choices": choices}


def _unknown_field(root: type[BaseModel] | None, loc: tuple) -> tuple[str, Params]:
    name = str(loc[-1]) if loc else ""
    model = type_at(root, loc[:-1])
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return "val.unknown_field_plain", {"name": repr(name)}
    known = field_names(model)
    guess = nearest(name, known)
    params: Params = {"name": repr(name), "owner": owner_id(model)}
    if guess is not None:
        return "val.unknown_field_suggest", {**params, "suggestion": repr(guess)}
    return "val.unknown_field", {**params, "fields": ", ".join(known)}
