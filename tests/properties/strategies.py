"""Hypothesis strategies for random small problems (SPEC v1 JSON) that always validate.

Every rule and term of SPEC §3 can appear: locations, fixed and unavailable
days, meetings at any minute (some for part of a team), anchor days,
``min_in_office``, desks and VPN seats (also by date), office and remote days,
preferences, ``allow_off_days``, a 30- or 60-minute grid, core and opening
hours, breaks by weekday, holidays, horizons that start mid-week and cross an
ISO week, and a previous roster. Start windows and daily hours are narrow (at
most two start times and two durations), so the space of rosters is tiny.

With ``budget`` set, the problem is shrunk until
``Π over (employee, working day) of (1 + allowed locations × starts × durations)``
is at most ``budget``, so that every roster can be enumerated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

MONDAY = dt.date(2026, 12, 7)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PLACES = ("office", "home", "other")


def clock(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def horizon_dates(data: dict[str, Any]) -> list[dt.date]:
    """Every calendar day of the horizon."""
    start = dt.date.fromisoformat(data["horizon"]["start"])
    return [start + dt.timedelta(days=i) for i in range(data["horizon"]["days"])]


def working_dates(data: dict[str, Any]) -> list[dt.date]:
    """Horizon days on a listed weekday that are not holidays (no holiday calendar is drawn here)."""
    workdays = data["horizon"].get("workdays", WEEKDAYS[:5])
    holidays = set(data["horizon"].get("holidays", []))
    return [
        day
        for day in horizon_dates(data)
        if WEEKDAYS[day.weekday()] in workdays and day.isoformat() not in holidays
    ]


@st.composite
def _horizon(draw: st.DrawFn, max_workdays: int) -> dict[str, Any]:
    """A horizon of 1..max_workdays working days, starting any weekday Mon–Fri, maybe over a weekend."""
    start = MONDAY + dt.timedelta(days=draw(st.integers(0, 4)))
    wanted = draw(st.integers(1, max_workdays))
    days, found = 0, 0
    while found < wanted:
        if (start + dt.timedelta(days=days)).weekday() < 5:
            found += 1
        days += 1
    if (start + dt.timedelta(days=days)).weekday() >= 5:
        days += draw(st.integers(0, 1))  # sometimes a trailing weekend day, which is not a working day
    horizon: dict[str, Any] = {"start": start.isoformat(), "days": days}
    weekdays = [
        start + dt.timedelta(days=i) for i in range(days) if (start + dt.timedelta(days=i)).weekday() < 5
    ]
    if len(weekdays) > 1 and draw(st.booleans()):
        horizon["holidays"] = [draw(st.sampled_from(weekdays)).isoformat()]
    return horizon


@st.composite
def _policy(draw: st.DrawFn, step: int) -> dict[str, Any]:
    earliest = draw(st.sampled_from((7 * 60, 8 * 60)))
    latest = earliest + step * draw(st.integers(0, 1))
    daily_min = 60 * draw(st.sampled_from((4, 6, 8)))
    daily_max = daily_min + step * draw(st.integers(0, 1))
    # Weekly hours need not be on the grid: they are prorated and rounded to it (SPEC §3).
    weekly_min = (5 * daily_min + 15 * draw(st.sampled_from((0, 0, 0, -1, 1, -2, 4, -6)))) / 60
    weekly_max = weekly_min + draw(st.sampled_from((0, 0.25, 1, 5)))
    policy: dict[str, Any] = {
        "step_minutes": step,
        "weekly_hours": {"min": weekly_min, "max": weekly_max},
        "daily_hours": {"min": daily_min / 60, "max": daily_max / 60},
        "start": {"earliest": clock(earliest), "latest": clock(latest)},
        "break_minutes": draw(st.sampled_from((0, 30, 60))),
        "allow_off_days": draw(st.booleans()),
    }
    if draw(st.booleans()):
        policy["break_minutes_by_weekday"] = {draw(st.sampled_from(WEEKDAYS[:5])): 90}
    if draw(st.integers(0, 3)) == 0:
        core_start = draw(st.sampled_from((8 * 60, 9 * 60, 10 * 60)))
        policy["core_hours"] = {
            "start": clock(core_start),
            "end": clock(core_start + 60 * draw(st.integers(2, 7))),
        }
    if draw(st.booleans()):
        low = draw(st.integers(0, 2))
        policy["office_days"] = {"min": low, "max": draw(st.integers(low, 5))}
    if draw(st.booleans()):
        policy["remote_days"] = {"max": draw(st.integers(0, 5))}
    return policy


@st.composite
def _meeting(draw: st.DrawFn, dates: list[dt.date], members: list[str]) -> dict[str, Any]:
    start = draw(st.sampled_from((8 * 60 + 30, 9 * 60, 9 * 60 + 15, 10 * 60, 13 * 60, 15 * 60 + 45)))
    meeting: dict[str, Any] = {
        "start": clock(start),
        "end": clock(start + draw(st.sampled_from((15, 30, 60, 90)))),
    }
    if draw(st.booleans()):
        meeting["weekday"] = draw(st.sampled_from(WEEKDAYS[:5]))
    else:
        meeting["date"] = draw(st.sampled_from(dates)).isoformat()
    if members and draw(st.integers(0, 2)) == 0:
        meeting["attendees"] = draw(st.lists(st.sampled_from(members), unique=True, max_size=len(members)))
    return meeting


@st.composite
def _employee(
    draw: st.DrawFn, index: int, dates: list[dt.date], work: list[dt.date], policy: dict, teams: list[str]
) -> dict[str, Any]:
    employee: dict[str, Any] = {
        "id": f"e{index}",
        "site": draw(st.sampled_from(("hq", "hq", "annex"))),
        "locations": draw(
            st.one_of(
                st.just(list(PLACES)), st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True)
            )
        ),
    }
    if teams and draw(st.integers(0, 3)) > 0:
        employee["team"] = draw(st.sampled_from(teams))
    if work and draw(st.booleans()):
        employee["unavailable"] = [d.isoformat() for d in draw(st.lists(st.sampled_from(work), max_size=2))]
    if work and draw(st.integers(0, 3)) == 0:
        # mostly an allowed location; now and then one that conflicts
        where = draw(st.sampled_from(employee["locations"] * 4 + list(PLACES)))
        employee["fixed"] = {draw(st.sampled_from(work)).isoformat(): where}
    if draw(st.booleans()):
        employee["needs"] = ["vpn"]
    days = []
    for _ in range(draw(st.integers(0, 2))):
        preference: dict[str, Any] = {
            "location": draw(st.sampled_from((*PLACES, "off"))),
            "weight": draw(st.integers(0, 5)),
        }
        if draw(st.booleans()):
            preference["weekday"] = draw(st.sampled_from(WEEKDAYS))
        else:
            preference["date"] = draw(st.sampled_from(dates)).isoformat()
        days.append(preference)
    preferences: dict[str, Any] = {"days": days}
    if draw(st.booleans()):
        step = policy["step_minutes"]
        preferences["start"] = {"time": clock(6 * 60 + step * draw(st.integers(0, 4 * 60 // step))),
                                "weight": draw(st.integers(0, 3))}  # fmt: skip
    employee["preferences"] = preferences
    # Overrides stay inside the policy's narrow windows, so the space of rosters does not grow.
    override = draw(st.integers(0, 7))
    if override == 0:
        employee["remote_days"] = {"max": draw(st.integers(1, 3))}
    elif override == 1:
        low = policy.get("office_days", {}).get("min", 0)
        employee["office_days"] = {"max": draw(st.integers(low, 5))}
    elif override == 2:
        employee["start"] = {"earliest": policy["start"]["latest"]}
    elif override == 3:
        employee["daily_hours"] = {"min": policy["daily_hours"]["max"]}
    elif override == 4:
        employee["weekly_hours"] = {"min": 0, "max": draw(st.sampled_from((8, 20, 40)))}
    return employee


def roster_space(data: dict[str, Any]) -> int:
    """An upper bound on the number of rosters: Π over cells of (1 + locations × starts × durations)."""
    policy = data["policy"]
    start, daily = policy["start"], policy["daily_hours"]
    starts = 1 if start["earliest"] == start["latest"] else 2
    durations = 1 if daily["min"] == daily["max"] else 2
    space = 1
    for employee in data["employees"]:
        per_day = 1 + len(employee["locations"]) * starts * durations
        space *= per_day ** len(working_dates(data))
    return space


def _shrink(data: dict[str, Any], budget: int) -> None:
    """Narrow the problem until :func:`roster_space` fits the budget."""
    policy, employees = data["policy"], data["employees"]
    if roster_space(data) <= budget:
        return
    policy["daily_hours"]["max"] = policy["daily_hours"]["min"]
    for employee in employees:
        employee.pop("daily_hours", None)  # an override may sit above the narrowed range
    if roster_space(data) <= budget:
        return
    policy["start"]["latest"] = policy["start"]["earliest"]
    for employee in employees:
        employee.pop("start", None)
    for employee in reversed(employees):
        if roster_space(data) <= budget:
            return
        employee["locations"] = employee["locations"][:1]


def _relax(data: dict[str, Any]) -> None:
    """Take out the commonest conflicts, so most problems have rosters and the objective is what is tested."""
    weekly = data["policy"]["weekly_hours"]
    weekly["min"], weekly["max"] = max(0.0, weekly["min"] - 4), weekly["max"] + 4
    data["policy"].pop("office_days", None)
    for employee in data["employees"]:
        employee.pop("office_days", None)
        employee.pop("weekly_hours", None)
        employee["fixed"] = {
            d: place for d, place in employee.get("fixed", {}).items() if place in employee["locations"]
        }
    for site in data["sites"]:
        site["desks"] = max(site["desks"], 1)
        site.pop("desks_by_date", None)


def _capacities(people: int) -> tuple[int, ...]:
    """Desks or seats for ``people``: mostly enough, sometimes one short, half, or none."""
    return (people, people, people, max(people - 1, 0), people // 2, 0)


@st.composite
def small_problems(
    draw: st.DrawFn,
    max_employees: int = 4,
    max_workdays: int = 5,
    budget: int | None = None,
    relaxed: bool = False,
) -> dict[str, Any]:
    """The JSON of a random small problem (see the module docstring)."""
    step = draw(st.sampled_from((30, 60)))
    data: dict[str, Any] = {"horizon": draw(_horizon(max_workdays)), "policy": draw(_policy(step))}
    dates = horizon_dates(data)
    work = working_dates(data)
    count = draw(st.integers(1, max_employees))
    team_ids = ["t1", "t2"][: draw(st.integers(0, 2))]
    employees = [draw(_employee(i + 1, dates, work, data["policy"], team_ids)) for i in range(count)]
    data["employees"] = employees
    data["sites"] = []
    for site in ("hq", "annex"):
        entry: dict[str, Any] = {"id": site, "desks": draw(st.sampled_from(_capacities(count)))}
        if work and draw(st.integers(0, 3)) == 0:
            entry["desks_by_date"] = {
                draw(st.sampled_from(work)).isoformat(): draw(st.sampled_from(_capacities(count)))
            }
        if draw(st.integers(0, 3)) == 0:
            entry["open"], entry["close"] = draw(st.sampled_from((("08:00", "16:30"), ("07:00", "17:00"))))
        data["sites"].append(entry)
    vpn: dict[str, Any] = {"id": "vpn", "capacity": draw(st.sampled_from(_capacities(count)))}
    if work and draw(st.integers(0, 3)) == 0:
        vpn["capacity_by_date"] = {
            draw(st.sampled_from(work)).isoformat(): draw(st.sampled_from(_capacities(count)))
        }
    data["resources"] = [vpn]
    data["teams"] = []
    for team_id in team_ids:
        members = [e["id"] for e in employees if e.get("team") == team_id]
        team: dict[str, Any] = {
            "id": team_id,
            "meetings": [draw(_meeting(dates, members)) for _ in range(draw(st.integers(0, 2)))],
            "anchor_days": draw(st.sampled_from((0, 0, 1, 2))),
            "min_in_office": draw(st.sampled_from((0, 0, 1, 2))),
            "pattern": draw(_pattern()),
        }
        data["teams"].append(team)
    data["previous"] = [
        {
            "employee": draw(st.sampled_from([e["id"] for e in employees])),
            "date": draw(st.sampled_from(dates)).isoformat(),
            "location": draw(st.sampled_from((*PLACES, "off"))),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    data["weights"] = {
        "preference": draw(st.integers(0, 3)),
        "start_time": draw(st.integers(0, 2)),
        "lonely_office_day": draw(st.integers(0, 3)),
        "fairness": draw(st.integers(0, 2)),
        "peak_occupancy": draw(st.integers(0, 2)),
        "change": draw(st.integers(0, 2)),
        "pattern": draw(st.integers(0, 3)),
    }
    data["frozen"] = draw(_frozen(employees, work, data["policy"]))
    data["lonely_threshold"] = draw(st.sampled_from((0, 0.25, 0.5, 1)))
    if relaxed:
        _relax(data)
    if budget is not None:
        _shrink(data, budget)
    return data


@st.composite
def _pattern(draw: st.DrawFn) -> dict[str, str]:
    """A team pattern (SPEC v1.1) on some weekdays, often none."""
    if draw(st.integers(0, 2)) == 0:
        return {}
    days = draw(st.lists(st.sampled_from(("mon", "tue", "wed", "thu", "fri")), max_size=3, unique=True))
    return {day: draw(st.sampled_from(("office", "remote", "home", "other"))) for day in days}


@st.composite
def _frozen(draw: st.DrawFn, employees: list[dict[str, Any]], work: list, policy: dict[str, Any]) -> list:
    """A few frozen days (SPEC v1.1), at the policy's earliest start and least hours, or off."""
    if not work or draw(st.integers(0, 2)) > 0:
        return []
    entries, seen = [], set()
    for _ in range(draw(st.integers(1, 2))):
        employee = draw(st.sampled_from(employees))
        date = draw(st.sampled_from(work)).isoformat()
        if (employee["id"], date) in seen:
            continue
        seen.add((employee["id"], date))
        location = draw(st.sampled_from((*employee["locations"], "off")))
        entry: dict[str, Any] = {"employee": employee["id"], "date": date, "location": location}
        if location != "off":
            entry["start"] = policy["start"]["earliest"]
            entry["hours"] = policy["daily_hours"]["min"]
        entries.append(entry)
    return entries
