"""Seeded benchmark families: realistic organisations from 12 to 20,000 employees.

Each family is a recipe, not a file: the same name and seed always give the
same problem, generated on the fly. Teams of 5–15 share a site, meet weekly
(some also on a fixed date with part of the team), some keep an anchor day
and a minimum presence; a few staff are office-only, some are on leave, most
state day and start-time preferences; VPN seats and desks (0.5–0.8 per
person) are scarce; lonely-office-day and fairness weights are on.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import parse_problem

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
START = dt.date(2026, 12, 7)


@dataclass(frozen=True)
class Family:
    """One benchmark size: how many employees, weeks and sites."""

    name: str
    employees: int
    weeks: int = 1
    sites: int = 1
    holiday_calendar: str | None = None
    seed: int = 0


FAMILIES: dict[str, Family] = {
    "S": Family("S", 12),
    "M": Family("M", 200, sites=2),
    "L": Family("L", 2_000, sites=3),
    "W": Family("W", 400, weeks=4, sites=2, holiday_calendar="ID"),
    # 10,000 people on one campus, teams of 5–15 (10 on average) as in L.
    "C": Family("C", 10_000),
    "XL": Family("XL", 20_000, sites=10),
}


def team_sizes(rng: random.Random, employees: int) -> list[int]:
    """Split ``employees`` into teams of 5–15 (one smaller team only when fewer than 5 in all)."""
    sizes, left = [], employees
    while left > 0:
        size = left if left < 10 else rng.randint(5, min(15, left - 5))
        sizes.append(size)
        left -= size
    return sizes


def _team(
    rng: random.Random, index: int, members: list[str], dates: list[dt.date], weekday: str
) -> dict[str, Any]:
    hour = rng.choice((9, 10, 13, 14))
    meetings: list[dict[str, Any]] = [
        {
            "weekday": weekday,
            "start": f"{hour:02d}:00",
            "end": f"{hour:02d}:{rng.choice((30, 45))}" if rng.random() < 0.5 else f"{hour + 1:02d}:00",
            "name": "Weekly",
        }
    ]
    if rng.random() < 0.2 and len(members) >= 4:
        meetings.append(
            {
                "date": rng.choice(dates).isoformat(),
                "start": "14:00",
                "end": "15:30",
                "name": "Review",
                "attendees": rng.sample(members, k=min(len(members), rng.randint(2, 4))),
            }
        )
    return {
        "id": f"t{index}",
        "name": f"Team {index}",
        "meetings": meetings,
        "anchor_days": 1 if rng.random() < 0.4 else 0,
        "min_in_office": rng.choice((0, 0, 1, 2)),
    }


def _employee(rng: random.Random, index: int, team: str, site: str, dates: list[dt.date]) -> dict[str, Any]:
    employee: dict[str, Any] = {"id": f"e{index}", "name": f"Employee {index}", "team": team, "site": site}
    draw = rng.random()
    if draw < 0.05:
        employee["locations"] = ["office"]
        employee["office_days"] = {"max": 5}
    elif draw < 0.2:
        employee["locations"] = ["office", "home"]
    if rng.random() < 0.6:
        employee["needs"] = ["vpn"]
    if rng.random() < 0.08:
        first = rng.randrange(len(dates))
        employee["unavailable"] = [d.isoformat() for d in dates[first : first + rng.randint(1, 3)]]
    days = [
        {
            "weekday": rng.choice(WEEKDAYS),
            "location": rng.choice(("home", "home", "office", "other")),
            "weight": rng.randint(1, 5),
        }
        for _ in range(rng.choice((0, 1, 1, 2)))
    ]
    employee["preferences"] = {"days": days}
    if rng.random() < 0.3:
        employee["preferences"]["start"] = {
            "time": rng.choice(("07:00", "07:30", "08:00", "09:00")),
            "weight": rng.randint(1, 2),
        }
    return employee


def build_problem(family: Family, seed: int | None = None) -> RosterProblem:
    """The seeded problem of one family (``seed`` overrides the family's own)."""
    rng = random.Random(family.seed if seed is None else seed)
    days = 7 * family.weeks - 2
    dates = [
        START + dt.timedelta(days=i) for i in range(days) if (START + dt.timedelta(days=i)).weekday() < 5
    ]
    site_ids = ["hq"] + [f"site{i}" for i in range(1, family.sites)]
    teams, employees = [], []
    # Meeting days are spread so that each site's weekdays carry similar meeting loads.
    load = {s: dict.fromkeys(WEEKDAYS, 0) for s in site_ids}
    largest = dict.fromkeys(site_ids, 0)
    for t, size in enumerate(team_sizes(rng, family.employees)):
        site = site_ids[t % len(site_ids)]
        ids = [f"e{len(employees) + i}" for i in range(size)]
        lightest = min(load[site].values())
        weekday = rng.choice([w for w in WEEKDAYS if load[site][w] == lightest])
        load[site][weekday] += size
        largest[site] = max(largest[site], size)
        teams.append(_team(rng, t, ids, dates, weekday))
        for _ in range(size):
            # A few members sit at another site than their team (split teams).
            own = site if rng.random() >= 0.05 else rng.choice(site_ids)
            employees.append(_employee(rng, len(employees), f"t{t}", own, dates))
    staff = {s: sum(e["site"] == s for e in employees) for s in site_ids}
    sites = [
        {
            "id": s,
            "name": f"Office {s}",
            # 0.5–0.8 desks per person, and never fewer than the largest team meeting there.
            "desks": max(1, largest[s], round(rng.uniform(0.5, 0.8) * staff[s])),
            "open": "06:00",
            "close": "20:00",
        }
        for s in site_ids
    ]
    vpn_users = sum("vpn" in e.get("needs", []) for e in employees)
    data = {
        "horizon": {"start": START.isoformat(), "days": days, "holiday_calendar": family.holiday_calendar},
        "policy": {
            "step_minutes": 30,
            "weekly_hours": {"min": 37.5, "max": 40},
            "daily_hours": {"min": 7.5, "max": 8.5},
            "start": {"earliest": "07:00", "latest": "10:00"},
            "break_minutes": 60,
            "break_minutes_by_weekday": {"fri": 90},
            "core_hours": {"start": "10:00", "end": "15:00"},
            "office_days": {"min": 2, "max": 4},
            "remote_days": {"max": 3},
        },
        "sites": sites,
        "resources": [{"id": "vpn", "capacity": max(1, round(0.75 * vpn_users))}],
        "teams": teams,
        "employees": employees,
        "weights": {"preference": 10, "start_time": 1, "lonely_office_day": 5, "fairness": 5},
    }
    return parse_problem(data)


def family_problem(name: str, seed: int | None = None) -> RosterProblem:
    """The problem of the family called ``name`` (S, M, L, W, C or XL)."""
    if name not in FAMILIES:
        raise ValueError(f"unknown size {name!r}; choose from {', '.join(FAMILIES)}")
    return build_problem(FAMILIES[name], seed)
