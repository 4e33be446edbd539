"""Spreadsheet import: a staff sheet (CSV or XLSX) and an optional base organisation make a problem."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from api.deps import SettingsDep
from api.errors import input_error
from api.routes.responses import INPUT_ERRORS
from optimizer.domain.problem import RosterProblem
from optimizer.io.staff import InvalidStaff, import_staff
from optimizer.io.table import UnreadableSheet, read_table


class FormBodyRoute(APIRoute):
    """A route whose multipart body, when it cannot be parsed, is a documented 422 (not a bare 400)."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def parse_then_handle(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as exc:
                if exc.status_code != 400:
                    raise
                raise input_error(
                    ("body",),
                    f"the upload is not valid multipart form data ({exc.detail})",
                    "multipart_invalid",
                ) from None

        return parse_then_handle


router = APIRouter(prefix="/v1", tags=["import"], route_class=FormBodyRoute)

StaffFile = Annotated[
    UploadFile, File(description="The staff sheet: CSV (UTF-8) or XLSX, a row per employee.")
]
BaseFile = Annotated[
    UploadFile | None,
    File(description="The organisation as JSON: horizon, policy, sites, resources, teams, weights."),
]
StartField = Annotated[
    dt.date | None,
    Form(description="First day of the horizon (default: the base's, else the coming Monday)."),
]


def _base(upload: UploadFile | None) -> Any:
    if upload is None:
        return None
    try:
        return json.loads(upload.file.read().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise input_error(
            ("body", "base"), f"the base is not JSON ({exc.__class__.__name__})", "json_invalid"
        ) from None


@router.post(
    "/import",
    response_model=RosterProblem,
    response_model_exclude_defaults=True,
    responses=INPUT_ERRORS,
)
def import_sheet(
    settings: SettingsDep, staff: StaffFile, base: BaseFile = None, start: StartField = None
) -> Any:
    """Turn a staff spreadsheet into a problem; every bad row and column is a 422 error whose `loc` is
    `["body", "staff", row, column]` (or `["body", "base", ...]` for the base)."""
    base_data = _base(base)
    try:
        table = read_table(staff.file.read(), staff.filename or "")
    except UnreadableSheet as exc:
        raise input_error(("body", "staff"), str(exc), "unreadable_sheet") from None
    if len(table.rows) > settings.max_employees:
        raise input_error(
            ("body", "staff"),
            f"{len(table.rows)} employees exceed this server's limit of {settings.max_employees} "
            "(ROSTER_MAX_EMPLOYEES)",
            "limit_exceeded",
        )
    try:
        return import_staff(table, base_data, start=start)
    except InvalidStaff as exc:
        raise RequestValidationError(
            [{"loc": ("body", *error.loc), "msg": error.msg, "type": error.type} for error in exc.errors]
        ) from None
