"""The language of a response: the request's ``Accept-Language``, else ``ROSTER_LANG``, else English.

Input errors (422), explanations and why answers are worded in it; JSON tokens (weekdays,
locations, rule and term names) never change with the language.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Annotated, Any

from fastapi import Depends, Request

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterInput, RosterSolution
from optimizer.domain.why import WhyAnswer, summary_in
from optimizer.i18n import DEFAULT_LANGUAGE, LANGUAGES, negotiate
from optimizer.i18n.explanations import reword


def default_language() -> str:
    """``ROSTER_LANG`` (``id``, ``id_ID.UTF-8``…) when it names a supported language, else English."""
    primary = os.environ.get("ROSTER_LANG", "").strip().lower().replace("_", "-").split(".")[0]
    chosen = negotiate(primary) if primary else DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def request_language(request: Request) -> str:
    """The supported language the request prefers most."""
    header = request.headers.get("accept-language")
    return negotiate(header) if header and header.strip() != "*" else default_language()


LanguageDep = Annotated[str, Depends(request_language)]


def solution_in(solution: RosterSolution, problem: RosterProblem | None, lang: str) -> RosterSolution:
    """The solution with its explanation worded in ``lang``."""
    if lang == DEFAULT_LANGUAGE or problem is None or not solution.explanation:
        return solution
    return solution.model_copy(update={"explanation": reword(problem, solution.explanation, lang)})


def answer_in(answer: WhyAnswer, problem: RosterProblem, lang: str) -> WhyAnswer:
    """A why answer with its conflicts and summaries worded in ``lang``."""
    if lang == DEFAULT_LANGUAGE:
        return answer
    alternatives = []
    for alternative in answer.alternatives:
        conflicts = reword(problem, alternative.conflicts, lang)
        summary = summary_in(alternative, lang, conflicts)
        alternatives.append(alternative.model_copy(update={"conflicts": conflicts, "summary": summary}))
    return answer.model_copy(update={"alternatives": alternatives})


def stored_problem(kind: str, request_text: str) -> RosterProblem | None:
    """The problem a solve, re-plan or capacity job solved (None when it cannot be read back).

    For a re-plan, the problem as re-planned: the published days kept and the new leave and desks in it.
    """
    try:
        data: Any = json.loads(request_text)
        problem = RosterProblem.model_validate(data["problem"] if kind in ("replan", "capacity") else data)
        if kind != "replan":
            return problem
        return _replanned(problem, data) or problem
    except (ValueError, KeyError, TypeError):
        return None


def _replanned(problem: RosterProblem, data: dict[str, Any]) -> RosterProblem | None:
    from optimizer.domain.validation import InvalidProblem
    from optimizer.replan.request import DayEvents, replan_problem

    try:
        published = RosterInput.model_validate(data["published"]).assignments
        events = DayEvents(
            unavailable={
                k: [dt.date.fromisoformat(d) for d in v] for k, v in data.get("unavailable", {}).items()
            },
            desks={
                site: {dt.date.fromisoformat(d): n for d, n in days.items()}
                for site, days in data.get("desks", {}).items()
            },
        )
        return replan_problem(problem, published, dt.date.fromisoformat(data["from"]), events).problem
    except (InvalidProblem, ValueError, KeyError, TypeError, AttributeError):
        return None
