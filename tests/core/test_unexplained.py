"""An explanation that runs out of time says so under its own name, never under a rule's."""

from __future__ import annotations

from optimizer import parse_problem
from optimizer.domain.rulebook import HARD_CONSTRAINTS, UNEXPLAINED
from optimizer.instance import compile_instance
from optimizer.model import explain
from tests.core.tiny import tiny_problem

# Ayu may only work in the office but at most 3 days a week: no roster exists.
INFEASIBLE = tiny_problem([{"name": "Ayu", "locations": ["office"], "office_days": {"max": 3}}])


def test_an_explanation_search_that_finds_no_proof_is_named_unexplained(monkeypatch):
    # The solver ends without a proof (as when its time runs out): no conflicting set is known.
    monkeypatch.setattr(explain, "status_name", lambda status, model=None: "unknown")
    items = explain.explain_infeasibility(compile_instance(parse_problem(INFEASIBLE)), time_limit=5)
    assert [item.constraint for item in items] == [UNEXPLAINED]
    assert UNEXPLAINED == "unexplained"
    assert UNEXPLAINED not in HARD_CONSTRAINTS
    assert items[0].subject.model_dump(exclude_none=True) == {}
    assert "no small conflicting set" in items[0].message


def test_the_same_problem_with_time_to_search_names_its_rules():
    items = explain.explain_infeasibility(compile_instance(parse_problem(INFEASIBLE)), time_limit=20)
    assert {item.constraint for item in items} >= {"allowed_location", "office_days"}
    assert all(item.constraint in HARD_CONSTRAINTS for item in items)
