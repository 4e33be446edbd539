"""The independent checker: every hard-constraint violation of a roster, and its score.

Pure Python on its own code path: it reads the same compiled instance as the
model (which days are working days, who is available), but states every rule
of SPEC §3 afresh from the assignments, without any of the model's code. Its
table of rules has one function per SPEC name (the names of
:mod:`optimizer.domain.rulebook`, the only thing it shares with the model).
"""

from __future__ import annotations

from optimizer.checker import day_rules, shared_rules, team_rules, week_rules
from optimizer.checker.common import Checked, Rule
from optimizer.checker.roster_view import index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, CheckResult, TeamDays
from optimizer.instance import Instance, compile_instance

CHECKS: dict[str, Rule] = {
    "one_assignment": day_rules.one_assignment,
    "frozen": day_rules.frozen,
    "unavailable": day_rules.unavailable,
    "no_off_day": day_rules.no_off_day,
    "fixed": day_rules.fixed,
    "allowed_location": day_rules.allowed_location,
    "start_window": day_rules.start_window,
    "span": day_rules.span,
    "daily_hours": day_rules.daily_hours,
    "weekly_hours": week_rules.weekly_hours,
    "core_hours": day_rules.core_hours,
    "opening_hours": day_rules.opening_hours,
    "site_capacity": shared_rules.site_capacity,
    "resource_capacity": shared_rules.resource_capacity,
    "office_days": week_rules.office_days,
    "remote_days": week_rules.remote_days,
    "team_meeting": team_rules.team_meeting,
    "anchor_days": team_rules.anchor_days,
    "min_in_office": team_rules.min_in_office,
}


def check(
    problem: RosterProblem,
    assignments: list[Assignment],
    team_days: list[TeamDays] | None = None,
    instance: Instance | None = None,
) -> CheckResult:
    """List every violation of the hard constraints and recompute the score.

    ``team_days`` are the anchor days the roster claims; for a team and week
    it leaves out, any choice of days on which all attending members are in the
    office is accepted.
    """
    instance = instance or compile_instance(problem)
    view = index_roster(instance, assignments)
    checked = Checked(instance, view, team_days or [])
    violations = [found for rule in CHECKS.values() for found in rule(checked)]
    return CheckResult(valid=not violations, violations=violations, score=score_roster(instance, view))
