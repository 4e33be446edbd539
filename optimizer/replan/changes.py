"""Differences between a published roster and a new one, cell by cell and team day by team day."""

from __future__ import annotations

from optimizer.domain.changes import Cell, Change, TeamDaysChange
from optimizer.domain.solution import Assignment, TeamDays
from optimizer.i18n import DEFAULT_LANGUAGE, translate


def _cell(assignment: Assignment) -> Cell:
    if assignment.location == "off":
        return Cell(location="off")
    return Cell(location=assignment.location, start=assignment.start, hours=assignment.hours)


def _moved(before: Assignment, after: Assignment) -> bool:
    """Whether the location, or on a worked day the start or hours, differ."""
    if before.location != after.location:
        return True
    if after.location == "off":
        return False
    return before.start != after.start or before.hours != after.hours


def roster_changes(published: list[Assignment], roster: list[Assignment]) -> list[Change]:
    """Every (employee, date) of ``roster`` that differs from its published assignment, in roster order.

    Cells with no published assignment (a new employee) are not changes.
    """
    before = {(a.employee, a.date): a for a in published}
    changes = []
    for after in roster:
        old = before.get((after.employee, after.date))
        if old is not None and _moved(old, after):
            changes.append(
                Change(employee=after.employee, date=after.date, from_=_cell(old), to=_cell(after))
            )
    return changes


def team_day_changes(published: list[TeamDays], chosen: list[TeamDays]) -> list[TeamDaysChange]:
    """The (team, week) whose anchor days moved; weeks the published roster left out are skipped."""
    before = {(t.team, t.week): sorted(t.dates) for t in published}
    moved = []
    for days in chosen:
        old = before.get((days.team, days.week))
        if old is not None and old != sorted(days.dates):
            moved.append(TeamDaysChange(team=days.team, week=days.week, from_=old, to=sorted(days.dates)))
    return moved


def describe_change(change: Change, lang: str = DEFAULT_LANGUAGE, on_leave: bool = False) -> str:
    """``e3 Thu 2026-12-10: office 08:00 8 h → off``, for a terminal (in Indonesian: ``Kam``, ``kantor``);
    ``on_leave``: the day is leave, so a day off reads ``leave`` (``cuti``)."""
    weekday = change.date.strftime("%a")
    if lang != DEFAULT_LANGUAGE:
        weekday = translate(f"weekday.{weekday.lower()}", lang)
    after = _words(change.to, lang, on_leave)
    return f"{change.employee} {weekday} {change.date}: {_words(change.from_, lang)} → {after}"


def _words(cell: Cell, lang: str = DEFAULT_LANGUAGE, on_leave: bool = False) -> str:
    if cell.location == "off":
        return translate("place.leave" if on_leave else "place.off", lang)
    hours = f"{cell.hours:g}"
    hours = hours.replace(".", ",") if lang == "id" else hours
    return translate(
        "change.cell", lang, place=translate(f"place.{cell.location}", lang), start=cell.start, hours=hours
    )
