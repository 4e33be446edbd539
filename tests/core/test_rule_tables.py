"""The tables of rules: the model's, the checker's and the explanations' keys are SPEC's names."""

from __future__ import annotations

import inspect

from optimizer.checker.check import CHECKS
from optimizer.checker.roster_view import index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.rulebook import HARD_CONSTRAINTS, RULES, TERMS, UNEXPLAINED
from optimizer.instance import compile_instance
from optimizer.model.rules import MODEL_RULES, SOFT_TERMS
from tests.core.tiny import week_roster

# SPEC §3 "Hard constraints", in its order, written out here on purpose.
SPEC_HARD = [
    "one_assignment",
    "frozen",
    "unavailable",
    "no_off_day",
    "fixed",
    "allowed_location",
    "start_window",
    "span",
    "daily_hours",
    "weekly_hours",
    "core_hours",
    "opening_hours",
    "site_capacity",
    "resource_capacity",
    "office_days",
    "remote_days",
    "team_meeting",
    "anchor_days",
    "min_in_office",
]
SPEC_TERMS = [
    "preference",
    "start_time",
    "lonely_office_day",
    "fairness",
    "peak_occupancy",
    "change",
    "pattern",
]
# Never guarded in explain mode: leave days and one location a day hold by construction.
NEVER_EXPLAINED = {"one_assignment", "unavailable"}


def test_the_rulebook_names_spec_rules_and_terms():
    assert sorted(HARD_CONSTRAINTS) == sorted(SPEC_HARD)
    assert sorted(TERMS) == sorted(SPEC_TERMS)
    assert UNEXPLAINED not in HARD_CONSTRAINTS


def test_the_model_table_builds_every_spec_rule_and_term():
    assert set(MODEL_RULES) == set(SPEC_HARD)
    assert set(SOFT_TERMS) == set(SPEC_TERMS)
    for name, rule in MODEL_RULES.items():
        assert rule.module.__name__ == f"optimizer.model.constraints.{name}"
        assert callable(rule.add)
    for name, term in SOFT_TERMS.items():
        assert term.__name__ == f"optimizer.model.terms.{name}"
        assert callable(term.build)


def test_the_checker_table_checks_every_spec_rule():
    assert set(CHECKS) == set(SPEC_HARD)


def test_the_explanation_table_places_and_words_every_spec_rule():
    assert set(RULES) == set(SPEC_HARD)
    worded = {name for name, rule in MODEL_RULES.items() if hasattr(rule.module, "message")}
    assert worded == set(SPEC_HARD) - NEVER_EXPLAINED
    for name in worded:
        # One context object, not a list of positional arguments.
        assert list(inspect.signature(MODEL_RULES[name].module.message).parameters) == ["said"]


def test_rules_on_times_narrow_windows_before_times_are_planned():
    narrowing = {name for name, rule in MODEL_RULES.items() if rule.narrow is not None}
    assert narrowing == {"span", "core_hours", "opening_hours", "team_meeting"}


def test_the_score_has_every_spec_term(build):
    problem = build()
    instance = compile_instance(problem)
    score = score_roster(instance, index_roster(instance, week_roster(problem, {})))
    assert set(score.terms) == set(SPEC_TERMS) == set(score.weighted)
