"""Rosters as iCalendar (RFC 5545): one calendar per employee and one per team.

Calendar clients update an event instead of duplicating it when its ``UID`` stays the same and
its ``SEQUENCE`` grows. So a UID here depends only on what the event is about (the employee or
team and the date, plus the meeting), never on the job or solve that produced it, and the
sequence is a :class:`Version` that grows with each publication. With ``horizon.timezone`` set,
times carry that ``TZID`` and the calendar holds its ``VTIMEZONE``; without it they float.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from icalendar import Calendar, Event

from optimizer.domain.problem import Employee, Meeting, RosterProblem, Team
from optimizer.domain.solution import Assignment
from optimizer.io.ical import Version, all_day, finish, local_time, new_calendar, new_event, text, uid

__all__ = ["Published", "Version", "employee_calendar", "employee_feed", "local_time", "team_calendar"]

LOCATION_LABELS = {"office": "Office", "home": "Home", "other": "Other location", "off": "Off"}
LEAVE_LABEL = "Leave"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _zone(problem: RosterProblem) -> zoneinfo.ZoneInfo | None:
    name = problem.horizon.timezone
    return zoneinfo.ZoneInfo(name) if name else None


def _new_calendar(problem: RosterProblem, name: str) -> Calendar:
    return new_calendar(name, problem.horizon.timezone)


def _finish(calendar: Calendar, *problems: RosterProblem) -> bytes:
    first = min(problem.horizon.start for problem in problems)
    last = max(problem.horizon.start + dt.timedelta(days=problem.horizon.days) for problem in problems)
    return finish(calendar, first, last)


def _site_name(problem: RosterProblem, site_id: str | None) -> str | None:
    site = next((site for site in problem.sites if site.id == site_id), None)
    return (site.name or site.id) if site else None


def _day_event(problem: RosterProblem, person: Employee, a: Assignment, version: Version) -> Event:
    """The event of one employee's working day: where and when, or an all-day off or leave."""
    event_uid = uid("day", person.id, a.date.isoformat())
    if a.location == "off" or a.start is None or a.end is None:
        label = LEAVE_LABEL if a.date in person.unavailable else LOCATION_LABELS["off"]
        return all_day(new_event(event_uid, label, version), a.date)
    label = LOCATION_LABELS[a.location]
    hours = "" if a.hours is None else f"{a.hours:g} h"
    event = new_event(event_uid, f"{label}: {hours}" if hours else label, version)
    zone = _zone(problem)
    event.add("dtstart", local_time(a.date, a.start, zone))
    event.add("dtend", local_time(a.date, a.end, zone))
    where = _site_name(problem, a.site) if a.location == "office" else None
    event.add("location", text(where or label))
    event.add("description", text(f"{label}, {a.start}–{a.end}" + (f", {hours} effective" if hours else "")))
    return event


def _meets_on(meeting: Meeting, day: dt.date) -> bool:
    return meeting.date == day if meeting.date is not None else meeting.weekday == WEEKDAYS[day.weekday()]


def _meeting_key(team: Team, index: int) -> str:
    meeting = team.meetings[index]
    return meeting.name if meeting.name else f"#{index}"


def _meeting_event(
    problem: RosterProblem,
    team: Team,
    index: int,
    day: dt.date,
    owner: str,
    version: Version,
    site: str | None = None,
) -> Event:
    """A team meeting on one day (at ``site``, when known); ``owner`` tells the employee or team
    calendar apart in its UID."""
    meeting = team.meetings[index]
    title = meeting.name or "Team meeting"
    event = new_event(
        uid("meeting", owner, team.id, _meeting_key(team, index), day.isoformat()), title, version
    )
    zone = _zone(problem)
    event.add("dtstart", local_time(day, meeting.start, zone))
    event.add("dtend", local_time(day, meeting.end, zone))
    event.add("description", text(f"{title} of team {team.name or team.id}, in the office"))
    where = _site_name(problem, site)
    if where:
        event.add("location", text(where))
    return event


def _meetings(team: Team, days: list[dt.date]) -> Iterator[tuple[int, dt.date]]:
    for index, meeting in enumerate(team.meetings):
        for day in days:
            if _meets_on(meeting, day):
                yield index, day


@dataclass(frozen=True)
class Published:
    """One published roster: its problem, its assignments and its version."""

    problem: RosterProblem
    assignments: list[Assignment]
    version: Version


def _employee_events(roster: Published, employee: str, days: set[dt.date] | None = None) -> list[Event]:
    """An employee's events of one roster (only on ``days``, when given): a day event per working
    day and the team meetings they attend."""
    problem, version = roster.problem, roster.version
    person = next(e for e in problem.employees if e.id == employee)
    own = [a for a in roster.assignments if a.employee == employee and (days is None or a.date in days)]
    events = [_day_event(problem, person, a, version) for a in own]
    team = next((team for team in problem.teams if team.id == person.team), None)
    if team is not None:
        office_days = [a.date for a in own if a.location == "office"]
        for index, day in _meetings(team, office_days):
            attendees = team.meetings[index].attendees
            if attendees is None or employee in attendees:
                owner = "employee\x1f" + employee
                events.append(_meeting_event(problem, team, index, day, owner, version, person.site))
    return events


def _person_name(problem: RosterProblem, employee: str) -> str:
    person = next(e for e in problem.employees if e.id == employee)
    return person.name or person.id


def employee_calendar(
    problem: RosterProblem, assignments: list[Assignment], employee: str, version: Version
) -> bytes:
    """One employee's roster: an event per working day (where, start and end, or an all-day off
    or leave) and the team meetings they attend."""
    calendar = _new_calendar(problem, f"Roster of {_person_name(problem, employee)}")
    for event in _employee_events(Published(problem, assignments, version), employee):
        calendar.add_component(event)
    return _finish(calendar, problem)


def employee_feed(rosters: list[Published], employee: str) -> bytes:
    """An employee's calendar feed from published rosters, newest first: each date comes from the
    newest roster that has it, so past weeks stay in the calendar and re-plans replace their days."""
    newest = rosters[0].problem
    calendar = _new_calendar(newest, f"Roster of {_person_name(newest, employee)}")
    claimed: set[dt.date] = set()
    for roster in rosters:
        days = {a.date for a in roster.assignments if a.employee == employee} - claimed
        for event in _employee_events(roster, employee, days):
            calendar.add_component(event)
        claimed |= days
    return _finish(calendar, *(roster.problem for roster in rosters))


def _who_is_where(
    problem: RosterProblem, members: dict[str, Employee], day_of: list[Assignment]
) -> list[str]:
    """Lines ``Office (Head office): Ayu, Budi`` for one team and day, in order of first mention."""
    groups: dict[str, list[str]] = {}
    for a in day_of:
        person = members[a.employee]
        if a.location == "office":
            key = f"Office ({_site_name(problem, a.site) or a.site})"
        elif a.location == "off":
            key = LEAVE_LABEL if a.date in person.unavailable else LOCATION_LABELS["off"]
        else:
            key = LOCATION_LABELS[a.location]
        groups.setdefault(key, []).append(person.name or person.id)
    return [f"{key}: {', '.join(people)}" for key, people in groups.items()]


def team_calendar(
    problem: RosterProblem, assignments: list[Assignment], team_id: str, version: Version
) -> bytes:
    """A team's roster: an all-day event per working day listing who is where, and its meetings."""
    team = next(team for team in problem.teams if team.id == team_id)
    members = {person.id: person for person in problem.employees if person.team == team_id}
    calendar = _new_calendar(problem, f"Team {team.name or team.id}")
    by_day: dict[dt.date, list[Assignment]] = {}
    for a in assignments:
        if a.employee in members:
            by_day.setdefault(a.date, []).append(a)
    for day in sorted(by_day):
        in_office = sum(1 for a in by_day[day] if a.location == "office")
        summary = f"{team.name or team.id}: {in_office} of {len(by_day[day])} in the office"
        event = all_day(new_event(uid("team-day", team_id, day.isoformat()), summary, version), day)
        event.add("description", text("\n".join(_who_is_where(problem, members, by_day[day]))))
        calendar.add_component(event)
    for index, day in _meetings(team, sorted(by_day)):
        calendar.add_component(_meeting_event(problem, team, index, day, "team", version))
    return _finish(calendar, problem)
