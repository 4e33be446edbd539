"""Documented error responses shared by the routes."""

from __future__ import annotations

from typing import Any

from api.schemas import MessageBody, ValidationErrorBody

_UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"model": MessageBody, "description": "Missing or invalid API key."}
}
INPUT_ERRORS: dict[int | str, dict[str, Any]] = {
    **_UNAUTHORIZED,
    413: {"model": MessageBody, "description": "Request body over the size limit."},
    422: {"model": ValidationErrorBody, "description": "Invalid input: every error, with its JSON path."},
}
QUEUE_FULL: dict[int | str, dict[str, Any]] = {
    503: {"model": MessageBody, "description": "The queue is full; retry after `Retry-After` seconds."}
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    **_UNAUTHORIZED,
    404: {"model": MessageBody, "description": "No such job for this API key."},
}
