"""JSON text as both the API and the CLI read it (RFC 8259), with one message for every way it can fail.

UTF-8 only; a leading byte order mark is ignored (RFC 8259 §8.1 allows it). ``NaN`` and
``Infinity``, numbers that overflow a float and integers of more than :data:`MAX_INT_DIGITS`
digits are rejected, as is nesting deeper than the parser's recursion limit.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_INT_DIGITS = 30  # far beyond any count or weight of a problem (they are bounded by 100,000)
BOM = "\ufeff"


class JsonTextError(ValueError):
    """Text that is not acceptable JSON; ``str()`` says where and why."""


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise JsonTextError(f"an integer of {digits} digits is too long (at most {MAX_INT_DIGITS})")
    return int(text)


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonTextError(f"the number {text[:40]} is too large")
    return value


def _constant(name: str) -> Any:
    raise JsonTextError(f"{name} is not a JSON number")


def decode_utf8(data: bytes) -> str:
    """The text of UTF-8 bytes without a leading BOM, or :class:`JsonTextError`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonTextError(f"not UTF-8 (byte {exc.start}: {exc.reason})") from None
    return text.removeprefix(BOM)


def loads(data: bytes | str) -> Any:
    """Parse JSON text (bytes are decoded as UTF-8), or raise :class:`JsonTextError`."""
    text = decode_utf8(data) if isinstance(data, bytes) else data.removeprefix(BOM)
    try:
        return json.loads(text, parse_int=_integer, parse_float=_number, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JsonTextError(f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise JsonTextError("nested too deeply") from None
    except JsonTextError:
        raise
    except ValueError as exc:  # the interpreter's own limits, e.g. on integer digits
        raise JsonTextError(str(exc)) from None
