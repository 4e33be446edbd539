"""Exports of a finished job: the CSV sheet and one employee's iCalendar file."""

from __future__ import annotations

import csv
import io

import pytest
from icalendar import Calendar

from api.examples import INFEASIBLE_PROBLEM, NORMAL_PROBLEM
from tests.api.helpers import assert_solution_checked, finished, wait_for


@pytest.fixture(scope="module")
def solved(alice):
    location = alice.post("/v1/jobs", json=NORMAL_PROBLEM).headers["location"]
    body = wait_for(alice, location, finished)
    assert body["state"] == "done"
    assert_solution_checked(NORMAL_PROBLEM, body["solution"])
    return location, body["solution"]


def test_roster_csv_has_a_row_per_employee_and_working_day(alice, solved):
    location, solution = solved
    response = alice.get(f"{location}/roster.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["employee", "name", "team", "date", "location", "site", "start", "end", "hours"]
    assert len(rows) == 1 + 3 * 5
    first = solution["assignments"][0]
    hours = "" if first.get("hours") is None else f"{first['hours']:g}"
    assert rows[1] == [
        "e1",
        "Ayu",
        "fin",
        first["date"],
        first["location"],
        first.get("site") or "",
        first.get("start") or "",
        first.get("end") or "",
        hours,
    ]
    leave = [row for row in rows[1:] if row[0] == "e2" and row[3] == "2026-12-10"]
    assert leave == [["e2", "Budi", "fin", "2026-12-10", "off", "", "", "", ""]]


def test_calendar_has_an_event_per_working_day(alice, solved):
    location, solution = solved
    response = alice.get(f"{location}/calendar/e2.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [event for event in calendar.walk("VEVENT") if str(event["summary"]) != "Weekly"]
    assert len(events) == 5
    days = {a["date"]: a for a in solution["assignments"] if a["employee"] == "e2"}
    for event in events:
        start = event.decoded("dtstart")
        day = days[(start.date() if hasattr(start, "date") else start).isoformat()]
        if day["location"] == "off":
            assert str(event["summary"]) == ("Leave" if day["date"] == "2026-12-10" else "Off")
        else:
            assert start.strftime("%H:%M") == day["start"]
            assert event.decoded("dtend").strftime("%H:%M") == day["end"]
            assert f"{day['hours']:g} h" in str(event["summary"])
            if day["location"] == "office":
                assert str(event["location"]) == "Head office"


def test_unknown_employee_is_404(alice, solved):
    location, _ = solved
    response = alice.get(f"{location}/calendar/nobody.ics")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no employee 'nobody'")


def test_no_roster_is_409(alice):
    location = alice.post("/v1/jobs", json=INFEASIBLE_PROBLEM).headers["location"]
    wait_for(alice, location, finished)
    response = alice.get(f"{location}/roster.csv")
    assert response.status_code == 409
    assert response.json() == {"detail": "the job found no roster (status infeasible)"}
