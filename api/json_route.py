"""Routes whose JSON body is parsed off the event loop, with every parse failure a documented 422.

FastAPI parses a body on the event loop and answers 400 (undocumented) to invalid UTF-8, deep
nesting or an integer too long to convert. :class:`JsonBodyRoute` parses it first, in the thread
pool, with the same reader as the CLI (:mod:`optimizer.domain.json_text`), so a bad body is a 422
in the ``detail[]`` shape and a large one does not hold up other requests.
"""

from __future__ import annotations

import email.message
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from api.cpu import run_cpu
from api.errors import input_error
from optimizer.domain.json_text import JsonTextError, loads


class _ParsedRequest(Request):
    """A request whose JSON body was parsed before FastAPI asks for it."""

    parsed: Any

    async def json(self) -> Any:
        return self.parsed


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False  # FastAPI, strict about content types, does not read it as JSON either
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    is_json = subtype == "json" or subtype.endswith("+json")
    return message.get_content_maintype() == "application" and is_json


class JsonBodyRoute(APIRoute):
    """An API route that parses its JSON body in the thread pool (422 ``json_invalid`` on failure)."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def parse_then_handle(request: Request) -> Response:
            parsed_request = _ParsedRequest(request.scope, request.receive)
            body = await parsed_request.body()
            if body and _is_json(parsed_request.headers.get("content-type")):
                try:
                    parsed_request.parsed = await run_cpu(loads, body)
                except JsonTextError as exc:
                    raise input_error(("body",), f"invalid JSON body: {exc}", "json_invalid") from None
            return await handler(parsed_request)

        return parse_then_handle
