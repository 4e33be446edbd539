"""POST /v1/check: the violations and score of a roster made or edited by hand."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response
from pydantic import SkipValidation, ValidationError

from api.cpu import run_cpu
from api.deps import SettingsDep
from api.errors import input_errors
from api.examples import CHECK_EXAMPLES
from api.json_route import JsonBodyRoute
from api.routes.responses import INPUT_ERRORS
from api.schemas import CheckRequest
from api.settings import Settings
from api.submission import problem_or_errors
from optimizer.checker import check
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import CheckResult, RosterInput
from optimizer.domain.validation import ProblemError

router = APIRouter(prefix="/v1", tags=["check"], route_class=JsonBodyRoute)
CheckBody = Annotated[SkipValidation[CheckRequest], Body(openapi_examples=CHECK_EXAMPLES)]


@router.post("/check", response_model=CheckResult, responses=INPUT_ERRORS)
async def check_roster(body: CheckBody, settings: SettingsDep) -> Response:
    """Check a roster: every violated rule and the recomputed score."""
    # Validation and checking run in the thread pool: the event loop keeps serving other requests.
    return Response(await run_cpu(_checked, body, settings), media_type="application/json")


def _checked(body: Any, settings: Settings) -> str:
    """The check result of a request body, as JSON text (or a 422)."""
    problem, roster = read_check(body, settings)
    return check(problem, roster.assignments, roster.team_days).model_dump_json()


def read_check(data: Any, settings: Settings) -> tuple[RosterProblem, RosterInput]:
    """The problem and the roster of a check request, or a 422 with every error in either."""
    if not isinstance(data, dict):
        raise input_errors(
            [ProblemError((), "expected an object with a problem and a roster", "dict_type")], ("body",)
        )
    errors = [
        ProblemError((key,), "Extra inputs are not permitted", "extra_forbidden")
        for key in data
        if key not in CheckRequest.model_fields
    ]
    errors += [
        ProblemError((key,), "Field required", "missing")
        for key in CheckRequest.model_fields
        if key not in data
    ]
    problem, roster = None, None
    if "problem" in data:
        problem, problem_errors = problem_or_errors(data["problem"], settings)
        errors += [ProblemError(("problem", *e.loc), e.msg, e.type) for e in problem_errors]
    if "roster" in data:
        try:
            roster = RosterInput.model_validate(data["roster"])
        except ValidationError as exc:
            errors += [
                ProblemError(("roster", *e["loc"]), e["msg"].removeprefix("Value error, "), e["type"])
                for e in exc.errors(include_url=False)
            ]
    if errors or problem is None or roster is None:
        raise input_errors(errors, ("body",))
    return problem, roster
