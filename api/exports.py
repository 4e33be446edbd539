"""A finished roster as a CSV sheet (one row per employee and working day) or an RFC 5545 calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io

from icalendar import Calendar, Event

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment

CSV_COLUMNS = ("employee", "name", "team", "date", "location", "site", "start", "end", "hours")
LOCATION_LABELS = {"office": "Office", "home": "Home", "other": "Other location", "off": "Off"}


def roster_csv(problem: RosterProblem, assignments: list[Assignment]) -> str:
    """The roster as CSV with a header row; times ``HH:MM``, hours as a decimal number."""
    people = {employee.id: employee for employee in problem.employees}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in assignments:
        person = people.get(a.employee)
        writer.writerow(
            (
                a.employee,
                (person.name or "") if person else "",
                (person.team or "") if person else "",
                a.date.isoformat(),
                a.location,
                a.site or "",
                a.start or "",
                a.end or "",
                "" if a.hours is None else f"{a.hours:g}",
            )
        )
    return out.getvalue()


def _at(day: dt.date, clock: str) -> dt.datetime:
    """A floating local time (v1 has no time zones); ``24:00`` is midnight of the next day."""
    hours, minutes = (int(part) for part in clock.split(":"))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hours, minutes=minutes)


def employee_calendar(
    problem: RosterProblem, assignments: list[Assignment], employee: str, job_id: str, stamp: dt.datetime
) -> bytes:
    """One employee's roster as iCalendar: one event per working day, with the location and hours."""
    person = next(e for e in problem.employees if e.id == employee)
    sites = {site.id: site for site in problem.sites}
    calendar = Calendar()
    calendar.add("prodid", "-//Hybrid Roster Optimizer//roster//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Roster of {person.name or person.id}")
    for a in assignments:
        if a.employee != employee:
            continue
        event = Event()
        event.add("uid", f"{job_id}-{employee}-{a.date.isoformat()}@roster")
        event.add("dtstamp", stamp)
        label = LOCATION_LABELS[a.location]
        if a.location == "off" or a.start is None or a.end is None:
            event.add("summary", label)
            event.add("dtstart", a.date)
            event.add("dtend", a.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            site = sites.get(a.site or "")
            where = (site.name or site.id) if site else label
            hours = "" if a.hours is None else f"{a.hours:g} h"
            event.add("summary", f"{label}: {hours}" if hours else label)
            event.add("dtstart", _at(a.date, a.start))
            event.add("dtend", _at(a.date, a.end))
            event.add("location", where)
            event.add(
                "description", f"{label}, {a.start}–{a.end}" + (f", {hours} effective" if hours else "")
            )
        calendar.add_component(event)
    return calendar.to_ical()
