"""An explanation, a why answer or a re-plan summary worded again in another language.

The solver words its explanation in English when it finds it; a reader in another language gets
each item worded again from the same rule and subject (``message(said)`` of the rule's module, with
the language in :class:`~optimizer.model.wording.Said`). An item is worded again only when the
English wording from the problem at hand matches the stored one, so a message about a problem
changed since (a re-plan's new leave or desks) keeps its stored, correct English words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optimizer.domain.problem import RosterProblem
from optimizer.domain.rulebook import UNEXPLAINED
from optimizer.domain.solution import ExplanationItem
from optimizer.i18n import DEFAULT_LANGUAGE, translate

if TYPE_CHECKING:
    from optimizer.capacity.models import CapacityReport


def reword(problem: RosterProblem, items: Sequence[ExplanationItem], lang: str) -> list[ExplanationItem]:
    """The items with their messages in ``lang`` (as they are in English or when they cannot be matched)."""
    if lang == DEFAULT_LANGUAGE or not items:
        return list(items)
    from optimizer.instance import compile_instance
    from optimizer.model.rules import MODEL_RULES
    from optimizer.model.wording import Said

    instance = compile_instance(problem)
    worded = []
    for item in items:
        message = item.message
        if item.constraint == UNEXPLAINED:
            message = translate("explain.unexplained", lang)
        elif item.constraint in MODEL_RULES:
            subject = {key: str(value) for key, value in item.subject.model_dump(exclude_none=True).items()}
            rule = MODEL_RULES[item.constraint]
            try:
                if rule.message(Said(instance, subject)) == item.message:
                    message = rule.message(Said(instance, subject, lang))
            except (KeyError, StopIteration, ValueError, IndexError):
                pass  # a subject the problem at hand no longer has: keep the stored words
        worded.append(item.model_copy(update={"message": message}))
    return worded


def report_in(report: CapacityReport, problem: RosterProblem, lang: str) -> CapacityReport:
    """A capacity report with the explanations of its sites and scenarios worded in ``lang``."""
    if lang == DEFAULT_LANGUAGE:
        return report
    sites = [
        site.model_copy(update={"explanation": reword(problem, site.explanation, lang)})
        if site.explanation
        else site
        for site in report.sites
    ]
    scenarios = [
        row.model_copy(update={"explanation": reword(problem, row.explanation, lang)})
        if row.explanation
        else row
        for row in report.scenarios
    ]
    return report.model_copy(update={"sites": sites, "scenarios": scenarios})
