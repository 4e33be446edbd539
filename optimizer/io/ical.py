"""iCalendar building blocks: versions (DTSTAMP and SEQUENCE), escaped text, stable UIDs, local
times in a zone, and a calendar's frame. Nothing here knows what a roster is."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo
from dataclasses import dataclass

from icalendar import Calendar, Event, vText

PRODID = "-//Hybrid Roster Optimizer//roster//EN"
UID_DOMAIN = "hybrid-roster-optimizer"
# Sequences count seconds from this moment, so they stay well inside a 32-bit integer.
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Version:
    """When a roster was published: ``DTSTAMP`` of its events and their ``SEQUENCE``."""

    stamp: dt.datetime
    sequence: int

    @classmethod
    def at(cls, moment: dt.datetime) -> Version:
        """The version of a roster published at ``moment`` (later moments give larger sequences)."""
        moment = moment.astimezone(dt.UTC).replace(microsecond=0)
        return cls(moment, max(0, int((moment - SEQUENCE_EPOCH).total_seconds())))

    @classmethod
    def from_timestamp(cls, seconds: float) -> Version:
        """The version of a roster published at a POSIX time."""
        return cls.at(dt.datetime.fromtimestamp(seconds, tz=dt.UTC))


def text(value: str) -> vText:
    """A TEXT value: line breaks kept as escaped newlines, other control characters dropped
    (``;``, ``,`` and ``\\`` are escaped when written)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return vText(_CONTROL.sub("", value))


def uid(*parts: str) -> str:
    """A UID made from what an event is about: the same parts always give the same UID."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def local_time(day: dt.date, clock: str, zone: zoneinfo.ZoneInfo | None) -> dt.datetime:
    """``day`` at a ``HH:MM`` clock time (``24:00`` is 00:00 of the next day), floating without a
    zone; in a zone, a time that a daylight-saving change skips or repeats takes the later offset."""
    hours, minutes = (int(part) for part in clock.split(":"))
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hours, minutes=minutes)
    if zone is None:
        return moment
    return moment.replace(tzinfo=zone, fold=1).astimezone(dt.UTC).astimezone(zone)


def new_calendar(name: str, timezone: str | None) -> Calendar:
    """An empty published calendar named ``name`` (its apps refresh it hourly)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", text(name))
    calendar.add("x-wr-calname", text(name))
    calendar.add("x-published-ttl", vText("PT1H"))
    if timezone:
        calendar.add("x-wr-timezone", vText(timezone))
    return calendar


def finish(calendar: Calendar, first: dt.date, last: dt.date) -> bytes:
    """Add the VTIMEZONE of every zone used (its rules from a year before ``first`` to a year after
    ``last``) and serialise."""
    calendar.add_missing_timezones(first - dt.timedelta(days=366), last + dt.timedelta(days=366))
    return calendar.to_ical()


def new_event(event_uid: str, summary: str, version: Version) -> Event:
    """An event with its UID, version and summary."""
    event = Event()
    event.add("uid", event_uid)
    event.add("dtstamp", version.stamp)
    event.add("last-modified", version.stamp)
    event.add("sequence", version.sequence)
    event.add("summary", text(summary))
    return event


def all_day(event: Event, day: dt.date) -> Event:
    """The event made an all-day one on ``day`` that does not block time."""
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event
