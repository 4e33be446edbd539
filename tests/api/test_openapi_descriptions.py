"""The problem and roster fields are described in /openapi.json, with the words of ``roster schema``."""

from __future__ import annotations

import pytest

from optimizer.domain import problem as problem_models
from optimizer.domain import solution as solution_models
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import CheckResult, RosterSolution

DOMAIN_MODELS = {
    name
    for module in (problem_models, solution_models)
    for name, value in vars(module).items()
    if isinstance(value, type)
    and value.__module__ == module.__name__
    and hasattr(value, "model_fields")
    and value.model_fields
}


@pytest.fixture(scope="module")
def components(anonymous) -> dict:
    response = anonymous.get("/openapi.json")
    assert response.status_code == 200
    return response.json()["components"]["schemas"]


def test_every_domain_model_is_in_the_document(components) -> None:
    assert {"RosterProblem", "Employee", "Policy", "RosterSolution", "Assignment"} <= DOMAIN_MODELS
    assert DOMAIN_MODELS - {"Described"} <= set(components) | {"RosterInput"}


def test_no_property_of_a_problem_or_roster_lacks_a_description(components) -> None:
    missing = [
        f"{name}.{field}"
        for name in sorted(DOMAIN_MODELS & set(components))
        for field, spec in components[name].get("properties", {}).items()
        if not spec.get("description")
    ]
    assert missing == []


@pytest.mark.parametrize("model", [RosterProblem, RosterSolution, CheckResult])
def test_the_descriptions_are_those_of_the_models(components, model) -> None:
    schema = model.model_json_schema()
    for name, definition in {model.__name__: schema, **schema.get("$defs", {})}.items():
        if name not in components:
            continue
        for field, spec in definition.get("properties", {}).items():
            assert components[name]["properties"][field].get("description") == spec["description"], (
                name,
                field,
            )
