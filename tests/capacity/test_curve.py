"""The trade-off curve: from the minimum up to where capacity stops binding, never rising."""

from __future__ import annotations

import threading

import pytest

from optimizer.capacity import CapacityRequest, CurvePoint, size_capacity
from optimizer.capacity.curve import desk_counts, knee
from optimizer.capacity.minimum import with_site_desks
from optimizer.generator import GeneratorSettings, generate
from tests.capacity.problems import office_week, size_checked
from tests.helpers import assert_checked, solve_checked


def assert_curve_shape(site) -> None:
    objectives = [p.objective for p in site.curve]
    assert all(o is not None for o in objectives)
    assert objectives == sorted(objectives, reverse=True), f"curve rises: {objectives}"
    desks = [p.desks for p in site.curve]
    assert desks == sorted(set(desks)) and desks[0] == site.minimum_desks
    for point in site.curve:
        assert point.bound is not None and point.bound <= point.objective
        assert point.proven == (point.bound == point.objective)
        assert point.status == ("optimal" if point.proven else "feasible")


@pytest.mark.parametrize("seed", [3, 8])
def test_curve_never_rises_and_ends_where_capacity_stops_binding(seed):
    problem = generate(GeneratorSettings(employees=16, teams=3, seed=seed, lonely_weight=5))
    site = size_checked(problem).sites[0]
    assert_curve_shape(site)
    assert site.curve_complete
    assert site.curve[-1].objective == site.unlimited_objective
    assert site.binding_until == next(p.desks for p in site.curve if p.objective == site.unlimited_objective)
    assert site.objective_at_minimum == site.curve[0].objective
    assert site.knee in [p.desks for p in site.curve]


def test_each_point_is_the_optimum_at_its_desk_count():
    problem = generate(GeneratorSettings(employees=12, teams=2, seed=3))
    site = size_checked(problem).sites[0]
    for point in site.curve:
        alone = solve_checked(with_site_desks(problem, "hq", point.desks), time_limit=20.0)
        assert alone.status == "optimal" and point.proven
        assert alone.objective == point.objective


def test_points_report_what_the_objective_is_made_of():
    problem = office_week(staff=6, office_min=2)
    site = size_checked(problem).sites[0]
    assert site.curve[0].unmet_preferences > 0, "at the minimum not all four fit in on Monday"
    for point in site.curve:
        terms = point.solution.score.terms
        assert point.preference == terms["preference"]
        assert point.lonely_office_days == terms["lonely_office_day"]
        assert point.office_peak == max(w.peak for w in point.weekdays) <= point.desks
        # Every preference here weighs 2, so the unmet count is half the unmet weight.
        assert point.unmet_preferences * 2 == point.preference


def test_a_desk_range_and_a_point_budget_thin_the_curve():
    problem = generate(GeneratorSettings(employees=16, teams=3, seed=3))
    full = size_checked(problem).sites[0]
    assert len(full.curve) >= 3, "the example needs a curve of a few points"
    end = full.curve[-1].desks
    thin = size_checked(problem, curve_max_points=2, desks_to=end).sites[0]
    assert thin.curve[0].desks == full.minimum_desks
    assert end in [p.desks for p in thin.curve]
    assert_curve_shape(thin)
    # Same desk counts, same proven optimum.
    best = {p.desks: p.objective for p in full.curve}
    for point in thin.curve:
        if point.desks in best and point.proven:
            assert point.objective == best[point.desks]


def test_without_curve_only_the_minimum_is_solved():
    problem = office_week(staff=6, office_min=2)
    site = size_checked(problem, curve=False).sites[0]
    assert [p.desks for p in site.curve] == [site.minimum_desks]
    assert site.knee is None


def test_a_stopped_run_says_so():
    stop = threading.Event()
    stop.set()
    report = size_capacity(office_week(), CapacityRequest(workers=1), stop=stop)
    assert report.stopped


@pytest.mark.parametrize(
    ("start", "end", "most", "counts", "step"),
    [
        (5, 9, 25, [5, 6, 7, 8, 9], 1),
        (5, 9, 3, [5, 7, 9], 2),
        (10, 30, 4, [10, 17, 24, 30], 7),
        (4, 4, 5, [4], 1),
        (4, 8, 1, [4], 5),
        (6, 5, 5, [], 1),
    ],
)
def test_desk_counts(start, end, most, counts, step):
    assert desk_counts(start, end, most) == (counts, step)
    assert len(counts) <= max(1, most)


def point(desks: int, objective: int) -> CurvePoint:
    return CurvePoint(desks=desks, status="optimal", proven=True, objective=objective, bound=objective)


def test_knee_is_where_gains_flatten():
    curve = [point(10, 100), point(11, 60), point(12, 50), point(13, 45), point(14, 44)]
    assert knee(curve) == 11


def test_knee_of_a_straight_or_late_curve_is_its_end():
    assert knee([point(1, 30), point(2, 20), point(3, 10)]) == 3
    assert knee([point(1, 30), point(2, 30), point(3, 10)]) == 3
    assert knee([point(4, 7)]) == 4
    assert knee([]) is None


def test_stopping_mid_run_keeps_what_was_found():
    problem = generate(GeneratorSettings(employees=60, teams=6, seed=3))
    stop = threading.Event()
    seen = []

    def on_progress(update):
        seen.append(update.stage)
        if update.stage == "unlimited":
            threading.Timer(1.0, stop.set).start()

    request = CapacityRequest(workers=2, time_limit=30, include_rosters=True)
    report = size_capacity(problem, request, on_progress=on_progress, stop=stop)
    assert report.stopped and report.solve_seconds < 15
    site = report.sites[0]
    assert site.minimum_desks is not None and site.proven
    first = site.curve[0]
    assert first.desks == site.minimum_desks and site.weekdays
    for point in site.curve:
        assert_checked(with_site_desks(problem, "hq", point.desks), point.solution)
