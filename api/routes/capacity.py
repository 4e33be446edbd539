"""POST /v1/capacity: size the desks of each site as an asynchronous job (polled at /v1/jobs/{id})."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Response
from pydantic import SkipValidation, ValidationError

from api.deps import SettingsDep, StoreDep, TenantDep
from api.errors import input_errors
from api.examples import NORMAL_PROBLEM
from api.json_route import JsonBodyRoute
from api.routes.jobs import accepted
from api.routes.responses import INPUT_ERRORS, QUEUE_FULL
from api.schemas import CapacityJobRequest, JobAccepted
from api.settings import Settings
from api.submission import problem_or_errors, submit
from optimizer.capacity import CapacityRequest, max_explanations, max_solves
from optimizer.capacity.sizing import check_request
from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import InvalidProblem, ProblemError, from_pydantic, problem_error

router = APIRouter(prefix="/v1", tags=["capacity"], route_class=JsonBodyRoute)
EXAMPLES = {
    "normal": {
        "summary": "Fewest desks for a team of three",
        "value": {"problem": NORMAL_PROBLEM, "options": {"time_limit": 5, "curve_max_points": 5}},
    },
    "invalid": {
        "summary": "A curve range that is empty",
        "value": {"problem": NORMAL_PROBLEM, "options": {"desks_from": 5, "desks_to": 2}},
    },
}
CapacityBody = Annotated[SkipValidation[CapacityJobRequest], Body(openapi_examples=EXAMPLES)]


@router.post(
    "/capacity", status_code=202, response_model=JobAccepted, responses={**INPUT_ERRORS, **QUEUE_FULL}
)
def size_capacity_job(
    body: CapacityBody, tenant: TenantDep, settings: SettingsDep, store: StoreDep, response: Response
) -> JobAccepted:
    """Queue a desk-capacity sizing; poll its report at the Location (GET /v1/jobs/{id})."""
    problem, sizing = read_capacity(body, settings)
    request = json.dumps(
        {"problem": problem.model_dump(mode="json"), "options": sizing.model_dump(mode="json")}
    )
    solves, explanations = max_solves(problem, sizing), max_explanations(problem, sizing)
    options = {
        "time_limit": sizing.time_limit,
        "deadline_seconds": solves * sizing.time_limit + explanations * sizing.explain_time_limit,
    }
    job = submit(store, settings, tenant, "capacity", request, options)
    return accepted(job, response)


def _sizing_errors(problem: RosterProblem, sizing: CapacityRequest) -> list[ProblemError]:
    """Every check the sizing makes on its input (sites to size, scenarios), made before the 202."""
    if not problem.sites:
        return [ProblemError(("problem", "sites"), "the problem has no site to size", "empty")]
    try:
        check_request(problem, sizing)
    except InvalidProblem as exc:
        return [dataclasses.replace(e, loc=("options", *e.loc)) for e in exc.errors]
    return []


def read_capacity(data: Any, settings: Settings) -> tuple[RosterProblem, CapacityRequest]:
    """The problem and sizing options, or a 422 with every error; the search is capped by the settings."""
    if not isinstance(data, dict):
        raise input_errors(
            [ProblemError((), "expected an object with a problem and options", "dict_type")], ("body",)
        )
    errors = [
        from_pydantic({"type": "extra_forbidden", "loc": (key,), "msg": "unknown field"}, CapacityJobRequest)
        for key in data
        if key not in CapacityJobRequest.model_fields
    ]
    problem, sizing = None, None
    if "problem" not in data:
        errors.append(problem_error(("problem",), "missing", "val.missing"))
    else:
        problem, problem_errors = problem_or_errors(data["problem"], settings)
        errors += [dataclasses.replace(e, loc=("problem", *e.loc)) for e in problem_errors]
    try:
        sizing = CapacityRequest.model_validate(data.get("options", {}))
    except ValidationError as exc:
        errors += [
            dataclasses.replace(error, loc=("options", *error.loc))
            for error in (from_pydantic(e, CapacityRequest) for e in exc.errors(include_url=False))
        ]
    if sizing is not None and sizing.time_limit > settings.max_time_limit:
        errors.append(
            ProblemError(
                ("options", "time_limit"),
                f"time limit {sizing.time_limit:g} s is over this server's cap of "
                f"{settings.max_time_limit:g} s (ROSTER_MAX_TIME_LIMIT)",
                "limit_exceeded",
            )
        )
    if problem is not None and sizing is not None:
        errors += _sizing_errors(problem, sizing)
    if errors or problem is None or sizing is None:
        raise input_errors(errors, ("body",))
    explain = min(sizing.explain_time_limit, settings.max_time_limit)
    # One worker process runs one job: its solves use this server's share of the cores.
    capped = sizing.model_copy(
        update={"workers": settings.solver_workers, "parallel_points": 1, "explain_time_limit": explain}
    )
    return problem, capped
