"""Write the example problems of ``examples/`` deterministically.

    python scripts/make_examples.py           # (re)write every example
    python scripts/make_examples.py --check   # exit 1 if a file differs from what this script writes

The small examples are spelled out below; the ministry directorate is drawn
from a seeded random generator, so the same script always writes the same files.
Every problem is validated with :func:`optimizer.parse_problem` before it is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from optimizer import parse_problem

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
Problem = dict[str, Any]


# --- (a) a 12-person team week: Mon–Wed in the office, Thu–Fri at home -------------------------------

# The supervisor's hybrid scheme (SPEC v1.1 team pattern): Mon–Wed office, Thu–Fri home or elsewhere.
MON_WED_OFFICE = {"mon": "office", "tue": "office", "wed": "office", "thu": "remote", "fri": "remote"}


def _flavour(overrides: dict[str, tuple[str, int]]) -> list[dict[str, Any]]:
    """A person's own wishes on top of the team pattern."""
    return [
        {"weekday": weekday, "location": overrides[weekday][0], "weight": overrides[weekday][1]}
        for weekday in WEEKDAYS
        if weekday in overrides
    ]


def team_week() -> Problem:
    """Two teams sharing 9 desks; most people like Mon–Wed in the office and Thu–Fri at home."""
    people: list[tuple[str, str, dict[str, tuple[str, int]], dict[str, Any]]] = [
        ("ayu", "product", {"thu": ("home", 2), "fri": ("home", 2)},
         {"fixed": {"2026-09-07": "office"}, "preferences_start": ("08:00", 1)}),
        ("budi", "product", {"fri": ("home", 3)}, {}),
        ("citra", "product", {"thu": ("other", 2), "fri": ("home", 2)}, {"preferences_start": ("07:30", 1)}),
        ("dimas", "product", {"thu": ("home", 2)}, {"unavailable": ["2026-09-11"]}),
        ("eka", "product", {"thu": ("home", 2), "fri": ("home", 2)},
         {"weekly_hours": {"min": 24, "max": 24}, "daily_hours": {"min": 4, "max": 6}}),
        ("fajar", "product", {"fri": ("home", 3)},
         {"locations": ["office", "home"], "needs": [], "preferences_start": ("09:00", 1)}),
        ("gita", "product", {"thu": ("home", 2), "fri": ("home", 2)}, {}),
        ("hadi", "design", {"tue": ("office", 2), "fri": ("home", 2)}, {}),
        ("indah", "design", {"mon": ("home", 2), "thu": ("home", 2)}, {"preferences_start": ("07:00", 1)}),
        ("joko", "design", {},
         {"locations": ["office"], "needs": [], "office_days": {"max": 5}, "no_prefs": True}),
        ("kartika", "design", {"fri": ("other", 2)}, {}),
        ("lestari", "design", {"fri": ("home", 3)}, {"fixed": {"2026-09-10": "other"}}),
    ]  # fmt: skip
    employees = []
    for person, team, overrides, extra in people:
        extra = dict(extra)
        employee: dict[str, Any] = {"id": person, "name": person.capitalize(), "team": team, "site": "hq"}
        employee["needs"] = extra.pop("needs", ["vpn"])
        start = extra.pop("preferences_start", None)
        no_prefs = extra.pop("no_prefs", False)
        employee.update(extra)
        if not no_prefs:
            employee["preferences"] = {"days": _flavour(overrides)} if overrides else {}
            if start:
                employee["preferences"]["start"] = {"time": start[0], "weight": start[1]}
            if not employee["preferences"]:
                del employee["preferences"]
        employees.append(employee)
    return {
        "horizon": {"start": "2026-09-07", "days": 5},
        "policy": {
            "step_minutes": 30,
            "weekly_hours": {"min": 40, "max": 40},
            "daily_hours": {"min": 7, "max": 9},
            "start": {"earliest": "07:00", "latest": "10:00"},
            "break_minutes": 60,
            "core_hours": {"start": "10:00", "end": "15:00"},
            "office_days": {"min": 2, "max": 4},
            "remote_days": {"max": 3},
        },
        "sites": [{"id": "hq", "name": "Head office", "desks": 9, "open": "07:00", "close": "19:00"}],
        "resources": [{"id": "vpn", "name": "VPN seats", "capacity": 8}],
        "teams": [
            {
                "id": "product",
                "name": "Product",
                "meetings": [
                    {"weekday": "mon", "start": "09:30", "end": "10:30", "name": "Sprint planning"},
                    {
                        "weekday": "wed",
                        "start": "14:00",
                        "end": "15:00",
                        "name": "Sprint review",
                        "attendees": ["ayu", "budi", "citra", "dimas"],
                    },
                ],
                "anchor_days": 1,
                "pattern": MON_WED_OFFICE,
            },
            {
                "id": "design",
                "name": "Design",
                "meetings": [{"weekday": "tue", "start": "13:00", "end": "14:00", "name": "Design critique"}],
                "min_in_office": 1,
                "pattern": MON_WED_OFFICE,
            },
        ],  # fmt: skip
        "employees": employees,
        "weights": {"preference": 10, "start_time": 1, "lonely_office_day": 5},
    }


# --- (b) an Indonesian ministry directorate under the 2025 flexible-work rules ----------------------

MINISTRY_SEED = 2025
MINISTRY_WEEK = dt.date(2026, 8, 24)  # Tuesday 25 August 2026 is Maulid Nabi, a public holiday
GIVEN_NAMES = (
    "Adi", "Agus", "Ahmad", "Andi", "Anisa", "Arif", "Ayu", "Bambang", "Bayu", "Budi", "Cahya", "Citra",
    "Dedi", "Desi", "Dewi", "Dian", "Eko", "Endah", "Fajar", "Farida", "Fitri", "Gilang", "Hadi", "Hendra",
    "Ika", "Indah", "Intan", "Joko", "Kartika", "Komang", "Lestari", "Lina", "Made", "Maria", "Nanda",
    "Novi", "Nur", "Nyoman", "Putri", "Rahmat", "Ratna", "Rina", "Rizki", "Rudi", "Sari", "Siti", "Slamet",
    "Sri", "Taufik", "Tri", "Wahyu", "Wayan", "Wulan", "Yanti", "Yogi", "Yusuf",
)  # fmt: skip
FAMILY_NAMES = (
    "Hidayat", "Kurniawan", "Lubis", "Nasution", "Pratama", "Putra", "Rahayu", "Saputra", "Setiawan",
    "Siregar", "Simanjuntak", "Sitompul", "Susanto", "Utami", "Wibowo", "Wijaya", "Yulianti", "Gunawan",
    "Harahap", "Manurung", "Purnomo", "Santoso", "Handayani", "Suryadi", "Permata", "Ginting",
)  # fmt: skip


class DirectorateTeam(NamedTuple):
    """One team of the directorate: its weekly meeting, team rules and front-desk (office-only) staff."""

    id: str
    name: str
    staff: int
    site: str
    meeting: tuple[str, str, str, str]  # weekday, start, end, name
    anchor_days: int = 0
    min_in_office: int = 0
    front_desk: int = 0
    meeting_attendees: int | None = None  # the first n members; None: everyone


MINISTRY_TEAMS = (
    DirectorateTeam("setdit", "Sekretariat Direktorat", 14, "gedung",
                    ("mon", "08:00", "09:00", "Rapat koordinasi"), min_in_office=1, front_desk=2),
    # the public-service team: counters staffed every day; only the duty coordinators attend the evaluation
    DirectorateTeam("layanan", "Pelayanan Publik", 18, "ult", ("thu", "15:00", "15:30", "Evaluasi layanan"),
                    min_in_office=2, front_desk=5, meeting_attendees=8),
    DirectorateTeam("renggar", "Perencanaan dan Anggaran", 15, "gedung",
                    ("wed", "09:00", "10:30", "Rapat anggaran"), anchor_days=1),
    DirectorateTeam("keuangan", "Keuangan", 15, "gedung", ("mon", "13:00", "14:00", "Rapat keuangan")),
    DirectorateTeam("hukum", "Hukum dan Kerja Sama", 13, "gedung",
                    ("tue", "09:00", "10:00", "Rapat mingguan")),
    DirectorateTeam("datin", "Data dan Sistem Informasi", 16, "gedung",
                    ("fri", "08:00", "09:00", "Stand-up mingguan"), anchor_days=1),
    DirectorateTeam("sdm", "Kepegawaian", 13, "gedung", ("thu", "10:00", "11:00", "Rapat kepegawaian"),
                    min_in_office=1),
    DirectorateTeam("pengawasan", "Pengawasan Internal", 16, "gedung",
                    ("wed", "13:30", "15:00", "Rapat pengawasan")),
)  # fmt: skip


def _member_id(team: DirectorateTeam, member: int) -> str:
    return f"{team.id}-{member + 1:02d}"


def _ministry_employee(
    rng: random.Random, team: DirectorateTeam, member: int, workdays: list[dt.date]
) -> dict:
    given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
    employee: dict[str, Any] = {
        "id": _member_id(team, member),
        "name": f"{given} {family}",
        "team": team.id,
        "site": team.site,
    }
    newly_placed = member >= team.front_desk and rng.random() < 0.04
    if member < team.front_desk or newly_placed:
        # front-desk service and newly placed staff (CPNS) work in the office only
        employee["locations"] = ["office"]
    else:
        if rng.random() < 0.8:
            employee["needs"] = ["vpn"]
        if rng.random() < 0.25:
            employee["locations"] = ["office", "home"]
        if rng.random() < 0.06 and "locations" not in employee:
            meeting_day = WEEKDAYS.index(team.meeting[0])
            travel = [day for day in workdays if day.weekday() != meeting_day]
            employee["fixed"] = {rng.choice(travel).isoformat(): "other"}  # dinas luar (official travel)
    if rng.random() < 0.07:
        first = rng.randrange(len(workdays))
        employee["unavailable"] = [day.isoformat() for day in workdays[first : first + rng.randint(1, 2)]]
    preferences: dict[str, Any] = {}
    if "locations" not in employee or len(employee["locations"]) > 1:
        days = []
        for weekday in rng.sample(WEEKDAYS, rng.choice((0, 1, 1, 2))):
            location = rng.choice(("home", "home", "office", "other"))
            if location in employee.get("locations", ("office", "home", "other")):
                days.append({"weekday": weekday, "location": location, "weight": rng.randint(1, 3)})
        if rng.random() < 0.45 and not any(day["weekday"] == "fri" for day in days):
            days.append({"weekday": "fri", "location": "home", "weight": 2})  # a popular wish: Friday at home
        if days:
            preferences["days"] = days
    if rng.random() < 0.35:
        preferences["start"] = {"time": rng.choice(("07:00", "07:00", "07:30", "08:00")), "weight": 1}
    if preferences:
        employee["preferences"] = preferences
    return employee


def ministry_directorate() -> Problem:
    """About 120 civil servants (ASN) of one directorate in a week with a midweek public holiday."""
    rng = random.Random(MINISTRY_SEED)
    workdays = [MINISTRY_WEEK + dt.timedelta(days=i) for i in (0, 2, 3, 4)]  # Tuesday is a holiday
    teams, employees = [], []
    for team in MINISTRY_TEAMS:
        weekday, start, end, title = team.meeting
        meeting: dict[str, Any] = {"weekday": weekday, "start": start, "end": end, "name": title}
        if team.meeting_attendees is not None:
            meeting["attendees"] = [_member_id(team, member) for member in range(team.meeting_attendees)]
        teams.append(
            {
                "id": team.id,
                "name": team.name,
                "meetings": [meeting],
                "anchor_days": team.anchor_days,
                "min_in_office": team.min_in_office,
                # Senin–Rabu kantor, Kamis–Jumat rumah atau lokasi lain
                "pattern": MON_WED_OFFICE,
            }
        )
        employees += [_ministry_employee(rng, team, member, workdays) for member in range(team.staff)]
    return {
        "horizon": {"start": MINISTRY_WEEK.isoformat(), "days": 5, "holiday_calendar": "ID"},
        "policy": {
            "step_minutes": 30,
            "weekly_hours": {"min": 37.5, "max": 37.5},
            "daily_hours": {"min": 7, "max": 8.5},
            "start": {"earliest": "07:00", "latest": "09:00"},
            "break_minutes": 60,
            "break_minutes_by_weekday": {"fri": 90},
            "core_hours": {"start": "09:00", "end": "15:30"},
            "remote_days": {"max": 2},
        },
        "sites": [
            {
                "id": "gedung",
                "name": "Gedung Utama",
                "desks": 70,
                "desks_by_date": {"2026-08-28": 64},
                "open": "06:30",
                "close": "19:00",
            },
            {"id": "ult", "name": "Unit Layanan Terpadu", "desks": 14, "open": "07:00", "close": "18:00"},
        ],  # fmt: skip
        "resources": [{"id": "vpn", "name": "VPN kantor", "capacity": 30}],
        "teams": teams,
        "employees": employees,
        "weights": {"preference": 10, "start_time": 1, "lonely_office_day": 5},
    }


# --- (c) two weeks over the year end, with leave and public holidays ---------------------------------


def two_weeks_leave() -> Problem:
    """Two ISO weeks over Christmas and New Year: public holidays, a collective leave day and annual leave."""
    names = ("Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Henry", "Iris", "Jonas")
    employees = []
    for i, name in enumerate(names):
        employee: dict[str, Any] = {
            "id": name.lower(),
            "name": name,
            "team": "ops" if i < 6 else "support",
            "site": "hq",
            "needs": ["vpn"],
        }
        employees.append(employee)
    by_id = {e["id"]: e for e in employees}
    by_id["ben"]["unavailable"] = ["2026-12-21", "2026-12-22", "2026-12-23"]
    by_id["chloe"]["unavailable"] = ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
    by_id["emma"]["unavailable"] = ["2026-12-23", "2026-12-28"]
    by_id["grace"]["unavailable"] = ["2026-12-31", "2027-01-04", "2027-01-05"]  # HR sends the whole leave
    by_id["henry"]["locations"] = ["office"]
    by_id["henry"]["office_days"] = {"max": 5}
    by_id["iris"]["fixed"] = {"2026-12-29": "other"}
    by_id["david"]["preferences"] = {"days": [{"weekday": "mon", "location": "home", "weight": 3}]}
    by_id["felix"]["preferences"] = {
        "days": [{"date": "2026-12-31", "location": "home", "weight": 5}],
        "start": {"time": "07:00", "weight": 1},
    }
    by_id["jonas"]["preferences"] = {"days": [{"weekday": "wed", "location": "office", "weight": 2}]}
    previous = [
        {"employee": e["id"], "date": date, "location": location}
        for e in employees
        for date, location in (("2026-12-21", "office"), ("2026-12-22", "home"), ("2026-12-23", "office"))
        if e["id"] != "henry"
    ]
    return {
        "horizon": {
            "start": "2026-12-21",
            "days": 12,
            "holidays": ["2026-12-24"],
            "holiday_calendar": "ID",
        },
        "policy": {
            "step_minutes": 30,
            "weekly_hours": {"min": 40, "max": 40},
            "daily_hours": {"min": 7, "max": 9},
            "start": {"earliest": "07:00", "latest": "10:00"},
            "office_days": {"min": 2, "max": 4},
            "remote_days": {"max": 3},
        },
        "sites": [{"id": "hq", "name": "Head office", "desks": 7, "open": "06:30", "close": "20:00"}],
        "resources": [{"id": "vpn", "name": "VPN seats", "capacity": 5}],
        "teams": [
            {
                "id": "ops",
                "name": "Operations",
                "meetings": [{"weekday": "mon", "start": "09:00", "end": "10:00", "name": "Weekly planning"}],
                "anchor_days": 1,
            },
            {
                "id": "support",
                "name": "Customer support",
                "min_in_office": 1,
                "meetings": [{"date": "2026-12-30", "start": "14:00", "end": "15:30", "name": "Year review"}],
            },
        ],  # fmt: skip
        "employees": employees,
        "previous": previous,
        "weights": {"preference": 10, "start_time": 1, "lonely_office_day": 5, "change": 2},
    }


# --- (d) an infeasible week: a meeting day needs more desks than the site has ------------------------


def infeasible() -> Problem:
    """Operations and Sales both meet in the office on Tuesday, when a floor closure leaves 12 desks."""
    ops = ("Rudi", "Sari", "Tono", "Wulan", "Putri", "Made", "Oka", "Nur")
    sales = ("Anna", "Ben", "Chloe", "David", "Emma", "Felix")
    employees = [
        {"id": name.lower(), "name": name, "team": team, "site": "hq"}
        for team, names in (("ops", ops), ("sales", sales))
        for name in names
    ]
    return {
        "horizon": {"start": "2026-09-14", "days": 5},
        "policy": {"office_days": {"min": 2, "max": 4}, "remote_days": {"max": 3}},
        "sites": [{"id": "hq", "name": "Head office", "desks": 16, "desks_by_date": {"2026-09-15": 12}}],
        "teams": [
            {
                "id": "ops",
                "name": "Operations",
                "meetings": [{"weekday": "tue", "start": "10:00", "end": "11:00", "name": "Weekly planning"}],
            },
            {
                "id": "sales",
                "name": "Sales",
                "meetings": [{"weekday": "tue", "start": "14:00", "end": "15:00", "name": "Pipeline review"}],
            },
        ],  # fmt: skip
        "employees": employees,
    }


BUILDERS: dict[str, Callable[[], Problem]] = {
    "team_week.json": team_week,
    "ministry_directorate.json": ministry_directorate,
    "two_weeks_leave.json": two_weeks_leave,
    "infeasible.json": infeasible,
}


def render(data: Any, indent: int = 0, width: int = 110) -> str:
    """JSON with each object or list that fits in one line kept on one line, so files read like tables."""
    flat = json.dumps(data, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(data, dict | list) or not data:
        return flat
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(data, dict):
        items = [f"{inner}{json.dumps(key)}: {render(value, indent + 2, width - len(key) - 4)}"
                 for key, value in data.items()]  # fmt: skip
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [f"{inner}{render(value, indent + 2, width)}" for value in data]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def expected_files() -> dict[str, str]:
    """Every example's file name and the exact text this script writes for it."""
    files = {}
    for name, build in BUILDERS.items():
        data = build()
        parse_problem(data)  # never write an invalid example
        files[name] = render(data) + "\n"
    return files


def main() -> int:
    """Write the examples, or with ``--check`` report which ones are stale."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    stale = []
    for name, text in expected_files().items():
        path = EXAMPLES / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
