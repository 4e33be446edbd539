"""Seeded, realistic problem instances: teams with meetings, anchor days and (optionally) hybrid
patterns, leave, preferences.

Used by ``roster demo``, ``roster generate``, the tests and the benchmarks.
The same settings and seed always give the same problem.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from optimizer.domain.problem import RosterProblem

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
FIRST_NAMES = (
    "Ayu", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indah", "Joko",
    "Kartika", "Lestari", "Made", "Nur", "Oka", "Putri", "Rudi", "Sari", "Tono", "Wulan",
    "Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Henry", "Iris", "Jonas",
)  # fmt: skip
TEAM_NAMES = (
    "Finance", "Planning", "Legal", "Public Service", "IT", "HR", "Procurement",
    "Communications", "Data", "Policy", "Audit", "Operations",
)  # fmt: skip


@dataclass(frozen=True)
class GeneratorSettings:
    """What to generate; every field has a realistic default."""

    employees: int = 12
    teams: int = 2
    weeks: int = 1
    seed: int = 0
    sites: int = 1
    desks_per_person: float = 0.7
    start: dt.date = dt.date(2026, 12, 7)
    holiday_calendar: str | None = None
    office_only_share: float = 0.05
    leave_share: float = 0.08
    vpn: bool = True
    lonely_weight: int = 5
    fairness_weight: int = 0
    patterns: bool = False


# Hybrid schemes a supervisor sets for a team (SPEC v1.1 ``teams[].pattern``), drawn when ``patterns`` is on.
PATTERNS: tuple[dict[str, str], ...] = (
    {"mon": "office", "tue": "office", "wed": "office", "thu": "remote", "fri": "remote"},
    {"mon": "remote", "tue": "office", "wed": "office", "thu": "office", "fri": "remote"},
    {"mon": "office", "wed": "office", "fri": "home"},
    {"tue": "office", "thu": "office"},
)


def _next_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def generate(settings: GeneratorSettings) -> RosterProblem:
    """A seeded problem of ``settings.employees`` staff in ``settings.teams`` teams."""
    rng = random.Random(settings.seed)
    start = _next_monday(settings.start)
    days = 7 * settings.weeks - 2
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    workdates = [d for d in dates if d.weekday() < 5]
    site_ids = ["hq"] + [f"site{i}" for i in range(1, settings.sites)]
    team_count = max(1, min(settings.teams, settings.employees))
    teams, team_site = [], {}
    # A separate stream, so that switching patterns on leaves the rest of the problem unchanged.
    pattern_rng = random.Random(f"{settings.seed}-patterns")
    for t in range(team_count):
        team_id = f"t{t}"
        name = TEAM_NAMES[t % len(TEAM_NAMES)] + ("" if t < len(TEAM_NAMES) else f" {t}")
        meeting_day = WEEKDAYS[((t // len(site_ids)) * 2) % 5]
        hour = rng.choice((9, 10, 13, 14))
        teams.append(
            {
                "id": team_id,
                "name": name,
                "meetings": [
                    {
                        "weekday": meeting_day,
                        "start": f"{hour:02d}:00",
                        "end": f"{hour + 1:02d}:00",
                        "name": "Weekly",
                    }
                ],
                "anchor_days": 1 if rng.random() < 0.4 else 0,
                "min_in_office": 1 if rng.random() < 0.3 else 0,
            }
        )
        team_site[team_id] = site_ids[t % len(site_ids)]
        if settings.patterns:
            teams[-1]["pattern"] = dict(pattern_rng.choice(PATTERNS))
    employees = []
    for i in range(settings.employees):
        team = teams[i % team_count]["id"]
        employee = {
            "id": f"e{i}",
            "name": f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {i}",
            "team": team,
            "site": team_site[team],
        }
        if rng.random() < settings.office_only_share:
            employee["locations"] = ["office"]
            employee["office_days"] = {"max": 5}
        elif rng.random() < 0.2:
            employee["locations"] = ["office", "home"]
        if settings.vpn and rng.random() < 0.6:
            employee["needs"] = ["vpn"]
        if rng.random() < settings.leave_share and workdates:
            first = rng.randrange(len(workdates))
            employee["unavailable"] = [d.isoformat() for d in workdates[first : first + rng.randint(1, 3)]]
        preferences = []
        for _ in range(rng.choice((0, 1, 1, 2))):
            preferences.append(
                {
                    "weekday": rng.choice(WEEKDAYS),
                    "location": rng.choice(("home", "home", "office", "other")),
                    "weight": rng.randint(1, 5),
                }
            )
        employee["preferences"] = {"days": preferences}
        if rng.random() < 0.3:
            employee["preferences"]["start"] = {
                "time": rng.choice(("07:00", "07:30", "08:00", "09:00")),
                "weight": rng.randint(1, 2),
            }
        employees.append(employee)
    staff_per_site = {s: 0 for s in site_ids}
    for employee in employees:
        staff_per_site[employee["site"]] += 1
    sites = [
        {
            "id": s,
            "name": "Head office" if s == "hq" else f"Office {s[4:]}",
            "desks": max(1, round(settings.desks_per_person * staff_per_site[s])),
            "open": "06:00",
            "close": "20:00",
        }
        for s in site_ids
    ]
    vpn_users = sum("vpn" in e.get("needs", []) for e in employees)
    data = {
        "horizon": {
            "start": start.isoformat(),
            "days": days,
            "holiday_calendar": settings.holiday_calendar,
        },
        "policy": {
            "weekly_hours": {"min": 40, "max": 40},
            "daily_hours": {"min": 8, "max": 8},
            "start": {"earliest": "07:00", "latest": "10:00"},
            "office_days": {"min": 2, "max": 4},
            "remote_days": {"max": 3},
        },
        "sites": sites,
        "resources": [{"id": "vpn", "capacity": max(1, round(vpn_users * 0.8))}] if settings.vpn else [],
        "teams": teams,
        "employees": employees,
        "weights": {
            "preference": 10,
            "start_time": 1,
            "lonely_office_day": settings.lonely_weight,
            "fairness": settings.fairness_weight,
        },
    }
    return RosterProblem.model_validate(data)
