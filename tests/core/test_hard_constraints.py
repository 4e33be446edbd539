"""Given/then pairs on the solver for every hard constraint of SPEC §3.

Each test pair gives a tiny problem in which the rule forces something visible
in the optimal roster (a preference overridden, a later start, no roster at
all) and its twin without the rule, or with the rule relaxed, where it does
not. Every roster is re-checked by the independent checker (``solve_checked``).
"""

from __future__ import annotations

import pytest

from tests.core.tiny import WEEK, day, plan, week_preferences, where
from tests.helpers import solve_checked

WORKDAYS = ("mon", "tue", "wed", "thu", "fri")
PREFER = {"preference": 1}
START = {"start_time": 1}


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _office_days(solution, employee: str) -> int:
    return sum(location == "office" for location in where(solution, employee).values())


# one_assignment ------------------------------------------------------------------------------


def test_one_assignment_holiday_and_weekend_get_no_assignment(build):
    # Given Mon–Sun with a holiday on Wednesday, then each employee has exactly one assignment on
    # each of the four working days and none on the holiday or the weekend.
    problem = build(2, days=7, horizon={"holidays": [day("wed")]})
    solution = solve_checked(problem)
    assert solution.status == "optimal"
    for employee in ("e1", "e2"):
        dates = [a.date.isoformat() for a in solution.assignments if a.employee == employee]
        assert dates == [day("mon"), day("tue"), day("thu"), day("fri")]
    # Four working days out of five: the week is prorated to 32 h.
    assert sum(a.hours for a in solution.assignments if a.employee == "e1") == 32


def test_one_assignment_twin_without_holiday_has_five_days(build):
    solution = solve_checked(build(2, days=7))
    assert solution.status == "optimal"
    assert len(solution.assignments) == 2 * 5
    assert len({(a.employee, a.date) for a in solution.assignments}) == 10


@pytest.mark.parametrize(
    "shape",
    [{"horizon": {"start": "2026-12-12"}, "days": 2}, {"employees": []}],
    ids=["weekend-only-horizon", "no-employees"],
)
def test_one_assignment_with_nothing_to_assign_is_an_empty_optimal_roster(build, shape):
    solution = solve_checked(
        build(shape.get("employees", 1), **{k: v for k, v in shape.items() if k != "employees"})
    )
    assert solution.status == "optimal"
    assert solution.assignments == []
    assert solution.objective == 0


# unavailable ---------------------------------------------------------------------------------


def test_unavailable_day_is_off_and_not_scored(build):
    # Given leave on Wednesday and a wish to be in the office that day, then Wednesday is off and
    # the wish does not count (the employee is not available).
    wish = {"days": [{"weekday": "wed", "location": "office", "weight": 5}]}
    problem = build([{"unavailable": [day("wed")], "preferences": wish}], weights=PREFER)
    solution = solve_checked(problem)
    assert where(solution, "e1")["wed"] == "off"
    assert plan(solution, "e1")["wed"].start is None
    assert solution.score.terms["preference"] == 0
    assert sum(a.hours or 0 for a in solution.assignments) == 32


def test_unavailable_twin_without_leave_works_in_the_office(build):
    wish = {"days": [{"weekday": "wed", "location": "office", "weight": 5}]}
    solution = solve_checked(build([{"preferences": wish}], weights=PREFER))
    assert where(solution, "e1")["wed"] == "office"
    assert solution.objective == 0


# no_off_day ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("allow", "friday", "unmet"), [(False, "home", 1), (True, "off", 0)])
def test_no_off_day_overrides_a_wish_for_a_day_off(build, allow, friday, unmet):
    # Given a wish to be off on Friday (weight 1) and 32–40 weekly hours, then without
    # allow_off_days Friday is worked (1 unmet); its twin with allow_off_days takes Friday off.
    wish = {"days": [{"weekday": "fri", "location": "off", "weight": 1}]}
    problem = build(
        [{"locations": ["home"], "site": None, "preferences": wish}],
        policy={"allow_off_days": allow, "weekly_hours": {"min": 32, "max": 40}},
        weights=PREFER,
    )
    solution = solve_checked(problem)
    assert where(solution, "e1")["fri"] == friday
    assert solution.score.terms["preference"] == unmet


# fixed ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixed", "monday", "unmet"), [({day("mon"): "office"}, "office", 3), ({}, "home", 0)]
)
def test_fixed_overrides_a_preference(build, fixed, monday, unmet):
    # Given a wish for home on Monday (weight 3) and Monday fixed to the office, then the employee is
    # in the office and the wish counts 3; the twin without the pin works at home.
    wish = {"days": [{"weekday": "mon", "location": "home", "weight": 3}]}
    solution = solve_checked(build([{"fixed": fixed, "preferences": wish}], weights=PREFER))
    assert where(solution, "e1")["mon"] == monday
    assert solution.objective == unmet


def test_fixed_on_a_day_of_leave_gives_way_to_leave(build):
    # Given a date both fixed and unavailable, then unavailable wins: the day is off, no conflict.
    problem = build([{"fixed": {day("tue"): "office"}, "unavailable": [day("tue")]}])
    solution = solve_checked(problem)
    assert solution.status == "optimal"
    assert where(solution, "e1")["tue"] == "off"


def test_fixed_at_a_location_the_employee_may_not_use_is_infeasible(build):
    problem = build([{"locations": ["home"], "site": None, "fixed": {day("tue"): "office"}}])
    assert solve_checked(problem, explain=False).status == "infeasible"


# allowed_location ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locations", "expected", "unmet"),
    [(["office"], "office", 5), (["office", "home", "other"], "home", 0)],
)
def test_allowed_location_overrides_a_wish_for_home(build, locations, expected, unmet):
    # Given an office-only employee who wishes home every day (weight 1 × 5 days), then every day is
    # in the office and all 5 wishes are unmet; the twin who may work anywhere stays home.
    employee = {"locations": locations, "preferences": week_preferences("home")}
    solution = solve_checked(build([employee], weights=PREFER))
    assert set(where(solution, "e1").values()) == {expected}
    assert solution.score.terms["preference"] == unmet


def test_allowed_location_other_is_chosen_only_when_allowed(build):
    # A wish for "other" (weight 2 on Monday) is met only when "other" is allowed.
    wish = {"days": [{"weekday": "mon", "location": "other", "weight": 2}]}
    narrow = solve_checked(build([{"locations": ["office", "home"], "preferences": wish}], weights=PREFER))
    wide = solve_checked(build([{"preferences": wish}], weights=PREFER))
    assert where(narrow, "e1")["mon"] in ("office", "home")
    assert narrow.objective == 2
    assert where(wide, "e1")["mon"] == "other"
    assert wide.objective == 0


# start_window --------------------------------------------------------------------------------


@pytest.mark.parametrize(("earliest", "starts", "cost"), [("08:00", "08:00", 10), ("07:00", "07:00", 0)])
def test_start_window_overrides_an_early_start_wish(build, earliest, starts, cost):
    # Given a preferred start of 07:00 (weight 1) and earliest 08:00, then every day starts at 08:00,
    # two 30-minute steps late: 5 days × 2 = 10. The twin with earliest 07:00 starts at 07:00.
    problem = build(
        [{"preferences": {"start": {"time": "07:00", "weight": 1}}}],
        policy={"start": {"earliest": earliest, "latest": "10:00"}},
        weights=START,
    )
    solution = solve_checked(problem)
    assert {a.start for a in plan(solution, "e1").values()} == {starts}
    assert solution.score.terms["start_time"] == cost


def test_start_window_latest_is_respected(build):
    # A wish for 11:00 with latest 10:00: 2 steps a day, 10 in all, every start at 10:00.
    problem = build(
        [{"preferences": {"start": {"time": "11:00", "weight": 1}}}],
        policy={"start": {"earliest": "07:00", "latest": "10:00"}},
        weights=START,
    )
    solution = solve_checked(problem)
    assert {a.start for a in solution.assignments} == {"10:00"}
    assert solution.objective == 10


# span ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("brk", "starts", "end", "cost"), [(60, "15:00", "24:00", 10), (0, "16:00", "24:00", 0)]
)
def test_span_ends_by_midnight(build, brk, starts, end, cost):
    # Given a preferred start of 16:00 in a 14:00–16:00 window, 8 h days and a 60-minute break,
    # then start + 8 h + 1 h ≤ 24:00 forces 15:00, 2 steps early each day: 10. The twin with no break
    # starts at 16:00 and ends at 24:00.
    problem = build(
        [{"preferences": {"start": {"time": "16:00", "weight": 1}}}],
        policy={"start": {"earliest": "14:00", "latest": "16:00"}, "break_minutes": brk},
        weights=START,
    )
    solution = solve_checked(problem)
    for assignment in solution.assignments:
        assert (assignment.start, assignment.end) == (starts, end)
        assert _minutes(assignment.end) == _minutes(assignment.start) + 8 * 60 + brk
    assert solution.objective == cost


def test_span_uses_the_break_of_the_weekday(build):
    # A 90-minute Friday break: Friday ends 30 minutes later than the other days.
    problem = build(policy={"break_minutes": 60, "break_minutes_by_weekday": {"fri": 90}})
    solution = solve_checked(problem)
    days = plan(solution, "e1")
    assert _minutes(days["fri"].end) - _minutes(days["fri"].start) == 8 * 60 + 90
    assert _minutes(days["mon"].end) - _minutes(days["mon"].start) == 8 * 60 + 60


# daily_hours ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("low", "weekly", "cost"), [(9, 45, 10), (8, 40, 0)])
def test_daily_hours_minimum_forces_an_earlier_start(build, low, weekly, cost):
    # Given a preferred start of 15:00 and a 60-minute break, then a 9-hour minimum day ends at
    # start + 10 h ≤ 24:00, so it starts by 14:00: 2 steps early × 5 days = 10. The twin with an
    # 8-hour minimum starts at 15:00 and ends at 24:00.
    problem = build(
        [{"preferences": {"start": {"time": "15:00", "weight": 1}}}],
        policy={
            "daily_hours": {"min": low, "max": 10},
            "weekly_hours": {"min": weekly, "max": 50},
            "start": {"earliest": "07:00", "latest": "16:00"},
        },
        weights=START,
    )
    solution = solve_checked(problem)
    assert all(low <= a.hours <= 10 for a in solution.assignments)
    assert solution.objective == cost


def test_daily_hours_maximum_makes_a_long_week_infeasible(build):
    # 45 h in five days cannot be done with at most 8 h a day; with 9 h a day it can.
    long_week = {"weekly_hours": {"min": 45, "max": 45}}
    short = build(policy={**long_week, "daily_hours": {"min": 8, "max": 8}})
    assert solve_checked(short, explain=False).status == "infeasible"
    longer = solve_checked(build(policy={**long_week, "daily_hours": {"min": 8, "max": 9}}))
    assert longer.status == "optimal"
    assert sum(a.hours for a in longer.assignments) == 45


# weekly_hours --------------------------------------------------------------------------------


@pytest.mark.parametrize(("weekly_min", "total", "cost"), [(45, 45, 10), (40, 40, 0)])
def test_weekly_hours_minimum_forces_longer_earlier_days(build, weekly_min, total, cost):
    # Given a preferred start of 16:00, no break, 8–10 h days and 45 h a week, then 5 h more than
    # 5 × 8 are needed; each extra 30 minutes ends past midnight unless the day starts one step
    # earlier: 10 steps in all. The twin with 40 h a week starts at 16:00 every day.
    problem = build(
        [{"preferences": {"start": {"time": "16:00", "weight": 1}}}],
        policy={
            "daily_hours": {"min": 8, "max": 10},
            "weekly_hours": {"min": weekly_min, "max": 45},
            "start": {"earliest": "07:00", "latest": "16:00"},
            "break_minutes": 0,
        },
        weights=START,
    )
    solution = solve_checked(problem)
    assert sum(a.hours for a in solution.assignments) == total
    assert solution.objective == cost


def test_weekly_hours_are_prorated_on_a_partial_week(build):
    # A three-day horizon (Mon–Wed) of a five-day week: 40 · 3/5 = 24 h, so 8 h days fit.
    solution = solve_checked(build(days=3))
    assert solution.status == "optimal"
    assert sum(a.hours for a in solution.assignments) == 24


def test_weekly_hours_maximum_too_low_is_infeasible(build):
    # At most 35 h with 8-hour days on five days cannot be met.
    problem = build(policy={"weekly_hours": {"min": 30, "max": 35}})
    assert solve_checked(problem, explain=False).status == "infeasible"


# core_hours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("core", "cost"), [({"start": "10:00", "end": "16:00"}, 10), (None, 0)])
def test_core_hours_force_an_earlier_start(build, core, cost):
    # Given a preferred start of 11:00 in a 07:00–12:00 window and core hours from 10:00, then every
    # day starts by 10:00, 2 steps early: 10. The twin without core hours starts at 11:00.
    problem = build(
        [{"preferences": {"start": {"time": "11:00", "weight": 1}}}],
        policy={"start": {"earliest": "07:00", "latest": "12:00"}, "core_hours": core},
        weights=START,
    )
    solution = solve_checked(problem)
    assert solution.objective == cost
    if core:
        assert all(_minutes(a.start) <= 600 and _minutes(a.end) >= 960 for a in solution.assignments)


def test_core_hours_end_forces_a_later_start(build):
    # Core hours until 19:00 with 8 h + 1 h break: start ≥ 10:00, against a wish for 08:00: 4 × 5.
    problem = build(
        [{"preferences": {"start": {"time": "08:00", "weight": 1}}}],
        policy={
            "start": {"earliest": "07:00", "latest": "10:00"},
            "core_hours": {"start": "10:00", "end": "19:00"},
        },
        weights=START,
    )
    solution = solve_checked(problem)
    assert {a.start for a in solution.assignments} == {"10:00"}
    assert solution.objective == 20


# opening_hours -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locations", "site", "cost"),
    [
        (["office"], {"id": "hq", "desks": 1, "open": "09:00", "close": "18:00"}, 10),
        (["office"], {"id": "hq", "desks": 1}, 0),
        (["office", "home"], {"id": "hq", "desks": 1, "open": "09:00", "close": "18:00"}, 0),
    ],
    ids=["office-only", "twin-always-open", "twin-may-work-at-home"],
)
def test_opening_hours_bind_office_days(build, locations, site, cost):
    # Given an office-only employee who wishes to start at 08:00 and a site open 09:00–18:00, then
    # each office day starts at 09:00 (8 h + 1 h fills it exactly): 2 steps × 5 days = 10. Twins: a
    # site open all day, or an employee who may work at home (opening hours do not bind home days).
    problem = build(
        [{"locations": locations, "preferences": {"start": {"time": "08:00", "weight": 1}}}],
        sites=[site],
        weights=START,
    )
    solution = solve_checked(problem)
    assert solution.objective == cost
    for a in solution.assignments:
        if a.location == "office" and "open" in site:
            assert (a.start, a.end) == ("09:00", "18:00")


# site_capacity -------------------------------------------------------------------------------


@pytest.mark.parametrize(("desks", "unmet"), [(1, 5), (2, 0)])
def test_site_capacity_sends_one_of_two_home(build, desks, unmet):
    # Given two employees who wish the office every day and one desk, then one of them is home each
    # day: 5 unmet wishes. The twin with two desks meets all ten.
    people = [{"preferences": week_preferences("office")} for _ in range(2)]
    solution = solve_checked(build(people, sites=[{"id": "hq", "desks": desks}], weights=PREFER))
    assert solution.score.terms["preference"] == unmet
    assert all(o.office <= desks for o in solution.occupancy)


def test_site_capacity_by_date(build):
    # Two desks, but only one on Monday: exactly one wish is unmet, on Monday.
    people = [{"preferences": week_preferences("office")} for _ in range(2)]
    site = {"id": "hq", "desks": 2, "desks_by_date": {day("mon"): 1}}
    solution = solve_checked(build(people, sites=[site], weights=PREFER))
    assert solution.objective == 1
    monday = next(o for o in solution.occupancy if o.date.isoformat() == day("mon"))
    assert (monday.office, monday.desks) == (1, 1)


def test_site_capacity_too_small_for_office_only_staff_is_infeasible(build):
    people = [{"locations": ["office"]} for _ in range(2)]
    assert (
        solve_checked(build(people, sites=[{"id": "hq", "desks": 1}]), explain=False).status == "infeasible"
    )


# resource_capacity ---------------------------------------------------------------------------


@pytest.mark.parametrize(("capacity", "unmet"), [(1, 5), (2, 0)])
def test_resource_capacity_keeps_one_in_the_office(build, capacity, unmet):
    # Given two VPN users who wish home every day and one VPN seat, then one of them is in the office
    # each day: 5 unmet. The twin with two seats meets all ten.
    people = [{"needs": ["vpn"], "preferences": week_preferences("home")} for _ in range(2)]
    problem = build(people, resources=[{"id": "vpn", "capacity": capacity}], weights=PREFER)
    solution = solve_checked(problem)
    assert solution.score.terms["preference"] == unmet


def test_resource_capacity_by_date_and_other_location(build):
    # "other" also uses the VPN; a capacity of 0 on Tuesday puts both users in the office that day.
    people = [{"needs": ["vpn"], "preferences": week_preferences("other")} for _ in range(2)]
    vpn = {"id": "vpn", "capacity": 2, "capacity_by_date": {day("tue"): 0}}
    solution = solve_checked(build(people, resources=[vpn], weights=PREFER))
    assert solution.objective == 2
    assert where(solution, "e1")["tue"] == where(solution, "e2")["tue"] == "office"


def test_resource_capacity_ignores_staff_who_do_not_need_it(build):
    people = [{"preferences": week_preferences("home")} for _ in range(2)]
    problem = build(people, resources=[{"id": "vpn", "capacity": 0}], weights=PREFER)
    assert solve_checked(problem).objective == 0


# office_days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("office_days", "count", "unmet"), [({"min": 3}, 3, 3), ({}, 0, 0)])
def test_office_days_minimum_overrides_wishes_for_home(build, office_days, count, unmet):
    # Given wishes for home every day and at least 3 office days, then exactly 3 office days: 3 unmet.
    problem = build(
        [{"preferences": week_preferences("home")}], policy={"office_days": office_days}, weights=PREFER
    )
    solution = solve_checked(problem)
    assert _office_days(solution, "e1") == count
    assert solution.objective == unmet


@pytest.mark.parametrize(("office_days", "count", "unmet"), [({"max": 2}, 2, 3), ({"max": 5}, 5, 0)])
def test_office_days_maximum_overrides_wishes_for_the_office(build, office_days, count, unmet):
    problem = build(
        [{"preferences": week_preferences("office")}], policy={"office_days": office_days}, weights=PREFER
    )
    solution = solve_checked(problem)
    assert _office_days(solution, "e1") == count
    assert solution.objective == unmet


def test_office_days_minimum_is_capped_by_available_days(build):
    # min 5 with leave on Wednesday: min(5, A=4) = 4 office days, every remaining wish for home unmet.
    employee = {
        "unavailable": [day("wed")],
        "preferences": week_preferences("home"),
        "office_days": {"min": 5},
    }
    solution = solve_checked(build([employee], weights=PREFER))
    assert solution.status == "optimal"
    assert _office_days(solution, "e1") == 4
    assert solution.objective == 4


def test_office_days_employee_override_merges_with_policy(build):
    # The policy asks 2–4 office days; the employee overrides only min (1), keeping max 4 from the
    # policy: 1 office day against five wishes for home, 1 unmet.
    employee = {"preferences": week_preferences("home"), "office_days": {"min": 1}}
    solution = solve_checked(build([employee], policy={"office_days": {"min": 2, "max": 4}}, weights=PREFER))
    assert _office_days(solution, "e1") == 1
    assert solution.objective == 1


# remote_days ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("location", "remote", "unmet"), [("home", 2, 3), ("other", 2, 3), ("home", 5, 0)])
def test_remote_days_maximum_overrides_wishes_away_from_the_office(build, location, remote, unmet):
    # Given wishes for home (or other) every day and at most 2 days away, then 3 office days: 3 unmet.
    problem = build(
        [{"preferences": week_preferences(location), "remote_days": {"max": remote}}], weights=PREFER
    )
    solution = solve_checked(problem)
    assert _office_days(solution, "e1") == 5 - min(remote, 5)
    assert solution.objective == unmet


# team_meeting --------------------------------------------------------------------------------

MEETING = {"weekday": "tue", "start": "09:00", "end": "11:00", "name": "Weekly"}


@pytest.mark.parametrize(("meetings", "tuesday", "cost"), [([MEETING], "office", 3), ([], "home", 0)])
def test_team_meeting_brings_members_in_on_time(build, meetings, tuesday, cost):
    # Given a Tuesday meeting 09:00–11:00, a wish for home on Tuesday (1) and a preferred start of
    # 10:00 (1), then Tuesday is in the office starting by 09:00: 1 unmet + 2 steps = 3. The twin
    # without the meeting is home at 10:00.
    employee = {
        "preferences": {
            "days": [{"weekday": "tue", "location": "home", "weight": 1}],
            "start": {"time": "10:00", "weight": 1},
        }
    }
    problem = build([employee], team=True, teams=[{"id": "t", "meetings": meetings}], weights=PREFER | START)
    solution = solve_checked(problem)
    assert where(solution, "e1")["tue"] == tuesday
    assert solution.objective == cost
    if meetings:
        assert _minutes(plan(solution, "e1")["tue"].start) <= 9 * 60


def test_team_meeting_end_forces_a_later_start(build):
    # A meeting 16:00–19:00 with 8 h + 1 h break: the day starts at 10:00 (latest), against a wish
    # for 08:00: 4 steps, on Tuesday only.
    meeting = {"weekday": "tue", "start": "16:00", "end": "19:00"}
    employee = {"preferences": {"start": {"time": "08:00", "weight": 1}}}
    problem = build([employee], team=True, teams=[{"id": "t", "meetings": [meeting]}], weights=START)
    solution = solve_checked(problem)
    assert plan(solution, "e1")["tue"].start == "10:00"
    assert solution.objective == 4


@pytest.mark.parametrize(
    "people",
    [
        [{"locations": ["home"], "site": None, "preferences": week_preferences("home")}],
        [{"preferences": week_preferences("home")}, {}],
    ],
    ids=["member-who-may-not-come-in-is-excused", "not-in-attendees"],
)
def test_team_meeting_twins_without_attendance(build, people):
    # e1 is excused: either may not work in the office, or not listed in the meeting's attendees.
    meeting = {**MEETING, "attendees": ["e2"] if len(people) == 2 else None}
    problem = build(people, team=True, teams=[{"id": "t", "meetings": [meeting]}], weights=PREFER)
    solution = solve_checked(problem)
    assert where(solution, "e1")["tue"] == "home"
    assert solution.objective == 0


def test_team_meeting_on_a_date(build):
    meeting = {"date": day("thu"), "start": "09:00", "end": "10:00"}
    employee = {"preferences": week_preferences("home")}
    solution = solve_checked(
        build([employee], team=True, teams=[{"id": "t", "meetings": [meeting]}], weights=PREFER)
    )
    assert where(solution, "e1") == {
        "mon": "home",
        "tue": "home",
        "wed": "home",
        "thu": "office",
        "fri": "home",
    }


# anchor_days ---------------------------------------------------------------------------------


def _anchor_people():
    # e1 wishes the office on Monday only, e2 on Tuesday only; home otherwise (weight 1 each).
    return [
        {
            "preferences": {
                "days": [{"weekday": w, "location": "office" if w == "mon" else "home"} for w in WORKDAYS]
            }
        },
        {
            "preferences": {
                "days": [{"weekday": w, "location": "office" if w == "tue" else "home"} for w in WORKDAYS]
            }
        },
    ]


@pytest.mark.parametrize(("anchor", "cost"), [(1, 1), (0, 0)])
def test_anchor_days_bring_the_team_together(build, anchor, cost):
    # Given one anchor day, then both are in the office on Monday or Tuesday: one of them gives up a
    # home wish, cost 1. The twin without anchor days meets every wish.
    problem = build(_anchor_people(), team=True, teams=[{"id": "t", "anchor_days": anchor}], weights=PREFER)
    solution = solve_checked(problem)
    assert solution.objective == cost
    if anchor:
        [team_days] = solution.team_days
        assert (team_days.team, team_days.week) == ("t", WEEK)
        [date] = team_days.dates
        assert date.isoformat() in (day("mon"), day("tue"))
        assert {a.location for a in solution.assignments if a.date == date} == {"office"}


def test_anchor_days_excuse_members_who_may_not_come_in(build):
    # Two anchor days; e2 may not work in the office, so only e1 must come in on them.
    people = [{"preferences": week_preferences("home")}, {"locations": ["home"], "site": None}]
    problem = build(people, team=True, teams=[{"id": "t", "anchor_days": 2}], weights=PREFER)
    solution = solve_checked(problem)
    assert solution.objective == 2
    assert _office_days(solution, "e1") == 2
    assert len(solution.team_days[0].dates) == 2


# min_in_office -------------------------------------------------------------------------------


@pytest.mark.parametrize(("minimum", "unmet"), [(1, 5), (0, 0)])
def test_min_in_office_overrides_wishes_for_home(build, minimum, unmet):
    # Given two members who wish home every day and at least one in the office, then exactly one is in
    # each day: 5 unmet. The twin without the minimum stays home.
    people = [{"preferences": week_preferences("home")} for _ in range(2)]
    problem = build(people, team=True, teams=[{"id": "t", "min_in_office": minimum}], weights=PREFER)
    solution = solve_checked(problem)
    assert solution.objective == unmet
    for weekday in WORKDAYS:
        present = sum(where(solution, e)[weekday] == "office" for e in ("e1", "e2"))
        assert present == minimum


def test_min_in_office_counts_only_members_who_may_come_in(build):
    # min 2 with one member who may not work in the office: min(2, 1) = 1, e1 comes in every day.
    people = [{"preferences": week_preferences("home")}, {"locations": ["home"], "site": None}]
    problem = build(people, team=True, teams=[{"id": "t", "min_in_office": 2}], weights=PREFER)
    solution = solve_checked(problem)
    assert solution.status == "optimal"
    assert _office_days(solution, "e1") == 5
    assert solution.objective == 5


# off-grid clock times and horizons -----------------------------------------------------------


def test_meeting_at_off_grid_times_rounds_to_the_grid(build):
    # Meeting Wednesday 17:00–18:10: end ≥ 18:10 with 8 h + 1 h means start ≥ 09:10, on the grid 09:30.
    # Against a wish for 07:00 (window 07:00–10:00): 5 steps on Wednesday only.
    meeting = {"weekday": "wed", "start": "17:00", "end": "18:10"}
    employee = {"preferences": {"start": {"time": "07:00", "weight": 1}}}
    problem = build([employee], team=True, teams=[{"id": "t", "meetings": [meeting]}], weights=START)
    solution = solve_checked(problem)
    assert plan(solution, "e1")["wed"].start == "09:30"
    assert solution.objective == 5


def test_opening_time_off_grid_rounds_up_to_the_grid(build):
    # Site opens 08:10: an office-only employee who wishes 07:00 starts at 08:30, 3 steps × 5 days = 15.
    employee = {"locations": ["office"], "preferences": {"start": {"time": "07:00", "weight": 1}}}
    problem = build([employee], sites=[{"id": "hq", "desks": 1, "open": "08:10"}], weights=START)
    solution = solve_checked(problem)
    assert {a.start for a in solution.assignments} == {"08:30"}
    assert solution.objective == 15


def test_second_partial_week_is_prorated(build):
    # Eight days from Monday: week 50 has five working days (40 h), week 51 only its Monday, so
    # 40 · 1/5 = 8 h there.
    solution = solve_checked(build(days=8))
    assert [a.date.isoformat() for a in solution.assignments][-1] == day("mon", 1)
    assert sum(a.hours for a in solution.assignments) == 48


def test_public_holiday_of_the_calendar_is_not_a_working_day(build):
    # Indonesia's Christmas Day (Friday 2026-12-25) is not a working day: four days, 32 h.
    solution = solve_checked(build(horizon={"start": "2026-12-21", "holiday_calendar": "ID"}))
    assert [a.date.isoformat() for a in solution.assignments] == [
        "2026-12-21",
        "2026-12-22",
        "2026-12-23",
        "2026-12-24",
    ]
    assert sum(a.hours for a in solution.assignments) == 32
