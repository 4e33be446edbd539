"""POST /v1/check: the violations and score of a roster made or edited by hand."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body

from api.deps import SettingsDep
from api.examples import CHECK_EXAMPLES
from api.routes.responses import INPUT_ERRORS
from api.schemas import CheckRequest
from api.submission import check_problem
from optimizer.checker import check
from optimizer.domain.solution import CheckResult

router = APIRouter(prefix="/v1", tags=["check"])


@router.post("/check", response_model=CheckResult, responses=INPUT_ERRORS)
def check_roster(
    body: Annotated[CheckRequest, Body(openapi_examples=CHECK_EXAMPLES)], settings: SettingsDep
) -> CheckResult:
    """Check a roster: every violated rule and the recomputed score."""
    check_problem(body.problem, settings, ("body", "problem"))
    return check(body.problem, body.roster.assignments, body.roster.team_days)
