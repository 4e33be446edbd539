"""One error shape for clients: 422 ``detail[]`` of ``{loc, msg, type}``; other errors ``{detail: str}``."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.language import request_language
from api.stores.base import StoreUnavailable
from optimizer.domain.validation import ProblemError, from_pydantic

log = logging.getLogger("roster.api")


class BrokerUnavailable(Exception):
    """The Celery broker cannot be reached (the API answers 503 with Retry-After)."""


def input_errors(errors: Iterable[ProblemError], prefix: Sequence[str | int]) -> RequestValidationError:
    """Domain errors as a 422, their ``loc`` placed under ``prefix`` (e.g. ``("body",)``).

    Each keeps its catalogue id, so the response words it in the request's language."""
    return RequestValidationError(
        [
            {"loc": (*prefix, *error.loc), "msg": error.msg, "type": error.type, _WORDED: error}
            for error in errors
        ]
    )


_WORDED = "worded"  # the ProblemError behind an error, to word it in the request's language


def input_error(loc: Sequence[str | int], msg: str, type_: str) -> RequestValidationError:
    """A single 422 error."""
    return RequestValidationError([{"loc": tuple(loc), "msg": msg, "type": type_}])


def _clean(error: dict[str, Any], lang: str, body_model: Any = None) -> dict[str, Any]:
    """One error in the ``{loc, msg, type}`` shape, its message in plain words in ``lang``."""
    loc = list(error.get("loc", ()))
    kind = str(error.get("type", "value_error"))
    worded = error.get(_WORDED)
    if isinstance(worded, ProblemError):
        msg = worded.message(lang)
    elif "input" in error:  # one of pydantic's own errors, raised by FastAPI
        inner = {**error, "loc": tuple(loc[1:]) if body_model is not None and loc[:1] == ["body"] else ()}
        msg = from_pydantic(inner, body_model).message(lang)
    else:
        msg = str(error.get("msg", "")).removeprefix("Value error, ")
    return {"loc": loc, "msg": msg, "type": kind}


def _body_model(request: Request) -> Any:
    """The pydantic model of the route's JSON body, if it has one (to name fields and suggest others)."""
    field = getattr(request.scope.get("route"), "body_field", None)
    annotation = getattr(getattr(field, "field_info", None), "annotation", None)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    lang, model = request_language(request), _body_model(request)
    return JSONResponse(status_code=422, content={"detail": [_clean(e, lang, model) for e in exc.errors()]})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(status_code=500, content={"detail": "internal server error"})


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The job database or the broker is away: 503 with Retry-After, never a 500."""
    what = "the job queue (broker)" if isinstance(exc, BrokerUnavailable) else "the job database"
    log.warning("%s %s: %s cannot be reached: %s", request.method, request.url.path, what, exc)
    retry_after = str(request.app.state.settings.retry_after)
    return JSONResponse(
        status_code=503,
        content={"detail": f"{what} cannot be reached just now; try again later"},
        headers={"Retry-After": retry_after},
    )


def install(app: FastAPI) -> None:
    """Register the handlers (no stack trace ever reaches a response body)."""
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreUnavailable, _unavailable)
    app.add_exception_handler(BrokerUnavailable, _unavailable)
    app.add_exception_handler(Exception, _unexpected)
