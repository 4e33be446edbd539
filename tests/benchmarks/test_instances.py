"""The benchmark families are seeded, deterministic and realistic."""

import pytest

from benchmarks.instances import FAMILIES, family_problem, team_sizes
from optimizer.instance import compile_instance


def test_same_seed_gives_the_same_problem():
    assert family_problem("M") == family_problem("M")


def test_another_seed_gives_another_problem():
    assert family_problem("S", seed=1) != family_problem("S", seed=2)


@pytest.mark.parametrize("size", ["S", "M", "W", "C"])
def test_family_has_its_size_and_shape(size):
    problem = family_problem(size)
    family = FAMILIES[size]
    assert len(problem.employees) == family.employees
    assert len(problem.sites) == family.sites
    sizes = [sum(e.team == t.id for e in problem.employees) for t in problem.teams]
    assert all(5 <= s <= 15 for s in sizes)
    assert all(t.meetings for t in problem.teams)
    assert problem.weights.lonely_office_day > 0 and problem.weights.fairness > 0
    assert any(e.locations == ["office"] for e in problem.employees) or size == "S"
    assert any(e.unavailable for e in problem.employees)
    assert any(e.preferences.start for e in problem.employees)
    for site in problem.sites:
        staff = sum(e.site == site.id for e in problem.employees)
        largest = max(sum(e.team == t.id for e in problem.employees) for t in problem.teams)
        assert site.desks <= max(largest, round(0.8 * staff))


def test_w_spans_four_weeks_with_public_holidays():
    instance = compile_instance(family_problem("W"))
    assert len(instance.weeks) == 4
    assert len(instance.days) < 20  # Christmas and New Year's Day are Indonesian public holidays


def test_unknown_size_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown size 'Q'"):
        family_problem("Q")


@pytest.mark.parametrize("employees", [5, 12, 23, 200])
def test_team_sizes_add_up_within_5_to_15(employees):
    import random

    sizes = team_sizes(random.Random(0), employees)
    assert sum(sizes) == employees
    assert all(5 <= s <= 15 for s in sizes)


def test_c_is_ten_thousand_people_at_one_site_in_teams_of_ten_on_average():
    problem = family_problem("C")
    assert len(problem.employees) == 10_000 and [s.id for s in problem.sites] == ["hq"]
    assert 9 <= len(problem.employees) / len(problem.teams) <= 11
