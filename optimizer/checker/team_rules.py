"""Checker rules on teams: meetings, anchor days and the minimum in the office."""

from __future__ import annotations

from collections.abc import Iterator

from optimizer.checker.common import Checked, violation
from optimizer.domain.clock import to_clock
from optimizer.domain.solution import Violation
from optimizer.instance import TeamData


def team_meeting(c: Checked) -> Iterator[Violation]:
    """Every attending member is in the office for the whole of each meeting."""
    for team in c.instance.teams.values():
        for day in c.instance.days:
            for meeting in team.meetings.get(day.index, []):
                for e in sorted(meeting.attendees):
                    cell = c.view.cells.get((e, day.index))
                    present = (
                        cell is not None
                        and cell.location == "office"
                        and cell.start is not None
                        and cell.end is not None
                        and cell.start <= meeting.start
                        and cell.end >= meeting.end
                    )
                    if not present:
                        yield violation(
                            "team_meeting",
                            f"not in the office for {meeting.name} "
                            f"{to_clock(meeting.start)}–{to_clock(meeting.end)}",
                            team=team.id,
                            employee=c.instance.employees[e].id,
                            date=day.date,
                        )


def min_in_office(c: Checked) -> Iterator[Violation]:
    """Members in the office at least ``min(min_in_office, members able to come)`` each day."""
    for team in c.instance.teams.values():
        for day in c.instance.days:
            able = _able(c, team, day.index)
            in_office = sum(c.view.location(e, day.index) == "office" for e in able)
            need = min(team.min_in_office, len(able))
            if in_office < need:
                yield violation(
                    "min_in_office",
                    f"{in_office} members in the office, {need} required",
                    team=team.id,
                    date=day.date,
                )


def anchor_days(c: Checked) -> Iterator[Violation]:
    """Per team and week, the required number of days with every attending member in the office.

    A team and week the roster claims days for must have exactly those; for
    one it leaves out, any days with everyone in the office count.
    """
    claims = {(claim.team, claim.week): set(claim.dates) for claim in c.team_days}
    by_date = {day.date: day.index for day in c.instance.days}
    for team in c.instance.teams.values():
        if not team.anchor_days:
            continue

        def all_in(d: int, team: TeamData = team) -> bool:
            return all(c.view.location(e, d) == "office" for e in _able(c, team, d))

        for week, days in c.instance.weeks.items():
            count = min(team.anchor_days, len(days))
            subject = {"team": team.id, "week": week}
            claim = claims.get((team.id, week))
            if claim is None:
                together = sum(all_in(d) for d in days)
                if together < count:
                    yield violation(
                        "anchor_days",
                        f"{together} days with the whole team in the office, {count} required",
                        **subject,
                    )
                continue
            wrong = [date for date in claim if by_date.get(date) not in days]
            missing = [date for date in claim if date not in wrong and not all_in(by_date[date])]
            if len(claim) != count or wrong or missing:
                yield violation(
                    "anchor_days",
                    f"{len(claim)} team days given, {count} required"
                    + (f"; not working days of the week: {sorted(wrong)}" if wrong else "")
                    + (f"; not everyone in the office on {sorted(missing)}" if missing else ""),
                    **subject,
                )


def _able(c: Checked, team: TeamData, d: int) -> list[int]:
    """Members available on ``d`` who may work in the office."""
    employees = c.instance.employees
    return [e for e in team.members if employees[e].available[d] and employees[e].may_office]
