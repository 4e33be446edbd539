"""Minimum desks: the fewest desks with a valid roster, proven by one desk fewer being infeasible."""

from __future__ import annotations

import pytest

from optimizer.capacity.minimum import minimum_desks, site_staff, with_site_desks
from optimizer.generator import GeneratorSettings, generate
from tests.capacity.problems import office_week, size_checked
from tests.helpers import solve_checked


def assert_minimal(problem, site: str, minimum: int) -> None:
    """A valid roster exists with ``minimum`` desks and none with one desk fewer."""
    at_minimum = solve_checked(with_site_desks(problem, site, minimum), time_limit=20.0, explain=False)
    assert at_minimum.status in ("optimal", "feasible")
    peak = max(o.office for o in at_minimum.occupancy if o.site == site)
    assert peak <= minimum
    if minimum > 0:
        below = solve_checked(with_site_desks(problem, site, minimum - 1), time_limit=20.0, explain=False)
        assert below.status == "infeasible"


def test_office_days_spread_over_the_week_give_the_ceiling_of_their_average():
    # 7 people × 2 office days = 14 office days over 5 working days: at least ceil(14/5) = 3.
    problem = office_week(staff=7, office_min=2)
    report = size_checked(problem, curve=False)
    site = report.sites[0]
    assert (site.minimum_desks, site.proven, site.feasible) == (3, True, True)
    assert site.people_per_desk == round(7 / 3, 2)
    assert_minimal(problem, "hq", 3)


def test_a_meeting_for_everyone_needs_a_desk_for_everyone():
    problem = office_week(staff=5, office_min=1, meeting=True)
    site = size_checked(problem, curve=False).sites[0]
    assert site.minimum_desks == 5 and site.proven
    peaks = {w.weekday: w.peak for w in site.weekdays}
    assert peaks["tue"] == 5 and peaks[site.peak_weekday] == 5
    assert_minimal(problem, "hq", 5)


def test_desks_by_date_of_the_sized_site_are_replaced_by_one_number():
    # Tuesday has 1 desk in the input; sizing ignores it: the minimum is the same as without it.
    problem = office_week(staff=6, office_min=2)
    assert problem.sites[0].desks_by_date
    resized = with_site_desks(problem, "hq", 4)
    assert resized.sites[0].desks == 4 and resized.sites[0].desks_by_date == {}
    result = minimum_desks(problem, "hq", time_limit=10, workers=2)
    assert result.minimum == 3 and result.proven
    assert result.proof.startswith("no valid roster with 2 desks")


def test_no_office_days_needed_means_zero_desks():
    problem = office_week(staff=3, office_min=0, preferences=False)
    site = size_checked(problem, curve=False).sites[0]
    assert site.minimum_desks == 0 and site.proven
    assert site.people_per_desk is None


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_minimum_of_generated_organisations_is_minimal(seed):
    problem = generate(GeneratorSettings(employees=14, teams=3, seed=seed))
    site = size_checked(problem, curve=False).sites[0]
    assert site.feasible and site.proven
    assert site.staff == site_staff(problem, "hq") == 14
    assert site.minimum_lower_bound == site.minimum_desks
    assert_minimal(problem, "hq", site.minimum_desks)


def test_other_sites_keep_their_desks():
    # Two sites of 6 staff, each team meeting weekly with everyone; hq gets 6 desks, site1 has 4.
    # Sizing hq keeps site1's 4 desks, too few for site1's meeting: no roster at any hq desk count.
    # Sizing site1 keeps hq's 6 desks, which is enough: site1 needs 6.
    problem = generate(GeneratorSettings(employees=12, teams=2, sites=2, seed=4))
    problem = with_site_desks(problem, "hq", 6)
    data = problem.model_dump(mode="json")
    report = size_checked(problem, curve=False)
    hq, site1 = report.sites
    assert not hq.feasible, "sizing hq keeps site1's 4 desks, too few for its 6-person meeting"
    assert any(item.subject.site == "site1" for item in hq.explanation)
    assert site1.feasible and site1.minimum_desks == 6 and site1.proven
    assert_minimal(problem, "site1", 6)
    assert problem.model_dump(mode="json") == data, "sizing must not change the caller's problem"
