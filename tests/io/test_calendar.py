"""Calendars: time zones, stable UIDs with growing sequences, meetings, team calendars, any name."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import vobject
from icalendar import Calendar

from optimizer.domain.solution import Assignment
from optimizer.io.calendar import (
    Published,
    Version,
    employee_calendar,
    employee_feed,
    local_time,
    team_calendar,
)
from optimizer.io.files import calendar_files, file_stem
from tests.io.problems import HOSTILE_NAMES, solved

V1 = Version.at(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))
V2 = Version.at(dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC))


def _events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def _day_events(body: bytes) -> dict[str, object]:
    """Work-day events by date (meetings left out)."""
    days = {}
    for event in _events(body):
        if str(event.get("summary")).startswith(("Office", "Home", "Other", "Off", "Leave")):
            start = event.decoded("dtstart")
            days[(start.date() if isinstance(start, dt.datetime) else start).isoformat()] = event
    return days


def test_without_a_time_zone_times_float() -> None:
    problem, solution = solved()
    body = employee_calendar(problem, solution.assignments, "e1", V1)
    assert b"VTIMEZONE" not in body and b"TZID" not in body
    for event in _day_events(body).values():
        start = event.decoded("dtstart")
        assert not isinstance(start, dt.datetime) or start.tzinfo is None


def test_with_a_time_zone_events_carry_its_tzid_and_the_calendar_its_vtimezone() -> None:
    problem, solution = solved("Asia/Jakarta")
    body = employee_calendar(problem, solution.assignments, "e1", V1)
    calendar = Calendar.from_ical(body)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    own = {a.date.isoformat(): a for a in solution.assignments if a.employee == "e1"}
    timed = [(day, event) for day, event in _day_events(body).items() if own[day].start]
    assert timed
    for day, event in timed:
        assert event["dtstart"].params["TZID"] == "Asia/Jakarta"
        start = event.decoded("dtstart")
        assert start.utcoffset() == dt.timedelta(hours=7)
        assert start.strftime("%Y-%m-%d %H:%M") == f"{day} {own[day].start}"
    assert str(calendar["x-wr-timezone"]) == "Asia/Jakarta"


def test_an_end_of_2400_is_midnight_of_the_next_day() -> None:
    assert local_time(dt.date(2026, 12, 7), "24:00", None) == dt.datetime(2026, 12, 8, 0, 0)
    zone = zoneinfo.ZoneInfo("Asia/Makassar")
    assert local_time(dt.date(2026, 12, 7), "24:00", zone) == dt.datetime(2026, 12, 8, tzinfo=zone)


def test_a_zone_with_daylight_saving_has_its_changes_in_the_vtimezone() -> None:
    problem, solution = solved()
    zoned = problem.model_copy(deep=True)
    zoned.horizon.timezone = "Europe/Berlin"
    calendar = Calendar.from_ical(employee_calendar(zoned, solution.assignments, "e1", V1))
    (zone,) = calendar.walk("VTIMEZONE")
    assert {sub.name for sub in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    start = next(e for e in calendar.walk("VEVENT") if isinstance(e.decoded("dtstart"), dt.datetime))
    assert start.decoded("dtstart").utcoffset() == dt.timedelta(hours=1)  # December: winter time


def test_times_a_daylight_saving_change_skips_or_repeats_take_the_later_offset() -> None:
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    repeated = local_time(dt.date(2026, 10, 25), "02:30", zone)
    assert repeated.utcoffset() == dt.timedelta(hours=1)  # the second 02:30, in winter time
    skipped = local_time(dt.date(2026, 3, 29), "02:30", zone)
    assert skipped.utcoffset() == dt.timedelta(hours=1) and skipped.strftime("%H:%M") == "01:30"
    assert skipped.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)


def test_uids_stay_the_same_across_solves_and_sequences_grow() -> None:
    problem, first = solved()
    _, second = solved(seed=1)
    before = _day_events(employee_calendar(problem, first.assignments, "e1", V1))
    after = _day_events(employee_calendar(problem, second.assignments, "e1", V2))
    assert before.keys() == after.keys() and len(before) == 5
    for day in before:
        assert before[day]["uid"] == after[day]["uid"]
        assert int(after[day]["sequence"]) > int(before[day]["sequence"])
    uids = [str(event["uid"]) for event in before.values()]
    assert len(set(uids)) == 5
    other = _day_events(employee_calendar(problem, first.assignments, "e2", V1))
    assert not set(uids) & {str(event["uid"]) for event in other.values()}


def test_a_feed_takes_each_day_from_the_newest_roster_that_has_it() -> None:
    problem, first = solved()
    _, second = solved(seed=1)
    replan = [a for a in second.assignments if a.date.isoformat() >= "2026-12-09"]  # Wed-Fri re-planned
    body = employee_feed([Published(problem, replan, V2), Published(problem, first.assignments, V1)], "e1")
    days = _day_events(body)
    assert sorted(days) == ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]
    for day, event in days.items():
        assert int(event["sequence"]) == (V2 if day >= "2026-12-09" else V1).sequence
    assert len(set(str(e["uid"]) for e in _events(body))) == len(_events(body))  # no UID twice


def test_a_later_version_has_a_larger_sequence() -> None:
    assert V2.sequence > V1.sequence > 0
    assert Version.from_timestamp(V1.stamp.timestamp()) == V1


def test_team_meetings_appear_in_attendees_calendars() -> None:
    problem, solution = solved("Asia/Jakarta")
    tuesday = dt.date(2026, 12, 8)
    body = employee_calendar(problem, solution.assignments, "e1", V1)
    meetings = [event for event in _events(body) if str(event["summary"]) == "Weekly"]
    assert len(meetings) == 1
    start, end = meetings[0].decoded("dtstart"), meetings[0].decoded("dtend")
    assert (start.date(), start.strftime("%H:%M"), end.strftime("%H:%M")) == (tuesday, "09:00", "11:00")
    assert meetings[0]["dtstart"].params["TZID"] == "Asia/Jakarta"
    assert str(meetings[0]["location"]) == "Head office"
    day = next(a for a in solution.assignments if a.employee == "e1" and a.date == tuesday)
    assert day.location == "office"


def test_leave_is_told_apart_from_a_day_off() -> None:
    problem, solution = solved()
    days = _day_events(employee_calendar(problem, solution.assignments, "e2", V1))
    assert str(days["2026-12-10"]["summary"]) == "Leave"
    assert days["2026-12-10"].decoded("dtstart") == dt.date(2026, 12, 10)
    assert days["2026-12-10"].decoded("dtend") == dt.date(2026, 12, 11)


def test_a_team_calendar_lists_who_is_where_each_day() -> None:
    problem, solution = solved()
    body = team_calendar(problem, solution.assignments, "fin", V1)
    calendar = Calendar.from_ical(body)
    assert str(calendar["x-wr-calname"]) == "Team Finance"
    days = [event for event in calendar.walk("VEVENT") if str(event["summary"]).startswith("Finance:")]
    assert len(days) == 5
    names = {"e1": "Ayu", "e2": "Budi", "e3": "Citra"}
    for event in days:
        day = event.decoded("dtstart")
        lines = str(event["description"]).split("\n")
        listed = {}
        for line in lines:
            where, people = line.split(": ")
            for person in people.split(", "):
                listed[person] = where
        for a in (a for a in solution.assignments if a.date == day):
            expected = {"office": "Office (Head office)", "home": "Home", "other": "Other location"}.get(
                a.location, "Leave" if a.employee == "e2" and day == dt.date(2026, 12, 10) else "Off"
            )
            assert listed[names[a.employee]] == expected
        office = sum(1 for a in solution.assignments if a.date == day and a.location == "office")
        assert str(event["summary"]) == f"Finance: {office} of 3 in the office"
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")].count("Weekly") == 1


def test_names_with_line_breaks_and_separators_are_escaped() -> None:
    problem, solution = solved(hostile=True)
    body = employee_calendar(problem, solution.assignments, "e2", V1)
    assert b"X-WR-CALNAME:Roster of Budi\\nSantoso\\; Jr.\\, \\\\the second\\n" in body
    Calendar.from_ical(body)  # icalendar reads it back (it keeps X- properties raw, as checked above)
    parsed = vobject.readOne(body.decode("utf-8"))
    assert parsed.contents["x-wr-calname"][0].value == "Roster of Budi\nSantoso; Jr., \\the second\n"
    team = team_calendar(problem, solution.assignments, "fin", V1)
    assert HOSTILE_NAMES["e1"] in "".join(str(e.get("description", "")) for e in _events(team))


def test_a_second_parser_reads_the_zoned_calendar_alike() -> None:
    problem, solution = solved("Asia/Jakarta")
    body = employee_calendar(problem, solution.assignments, "e1", V1)
    parsed = vobject.readOne(body.decode("utf-8"))
    ours = {str(e["uid"]): e for e in _events(body)}
    theirs = {event.uid.value: event for event in parsed.vevent_list}
    assert ours.keys() == theirs.keys()
    for key, event in theirs.items():
        assert event.dtstart.value == ours[key].decoded("dtstart")
        assert int(event.sequence.value) == V1.sequence
        if isinstance(event.dtstart.value, dt.datetime):
            assert event.dtstart.value.utcoffset() == dt.timedelta(hours=7)


def test_calendar_files_cover_every_employee_and_team_with_safe_names() -> None:
    problem, solution = solved()
    files = calendar_files(problem, solution.assignments, V1)
    assert sorted(files) == ["employee-e1.ics", "employee-e2.ics", "employee-e3.ics", "team-fin.ics"]
    assert file_stem("employee", "a/b\\c d") == "employee-a%2Fb%5Cc%20d"
    assert file_stem("employee", "Ñoño 李") == "employee-%C3%91o%C3%B1o%20%E6%9D%8E"
    long = file_stem("employee", "x" * 200)
    assert len(long) < 150 and long != file_stem("employee", "x" * 199)


def test_an_id_that_needs_escaping_still_exports() -> None:
    problem, solution = solved()
    renamed = problem.model_copy(deep=True)
    renamed.employees[0].id = "ops/ayu;1"
    assignments = [
        Assignment(**{**a.model_dump(), "employee": "ops/ayu;1"}) if a.employee == "e1" else a
        for a in solution.assignments
    ]
    body = employee_calendar(renamed, assignments, "ops/ayu;1", V1)
    assert len(_day_events(body)) == 5
    assert "employee-ops%2Fayu%3B1.ics" in calendar_files(renamed, assignments, V1)
