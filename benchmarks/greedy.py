"""The greedy peer: the roster a user would otherwise write in a spreadsheet macro.

It fixes what is forced first (leave, fixed days, meetings, anchor days),
then gives each employee the office days the week requires, choosing days
they prefer and on which teammates already come in, while desks last; the
remaining days are remote where a VPN seat is free. Hours are spread evenly
over the week and each day starts as close to the preferred time as the
meeting, core and opening hours allow. It never backtracks, so it may break a
rule: the checker says which, and the run reports ``unknown`` then.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from optimizer.checker import check
from optimizer.domain.clock import DAY_MINUTES, to_clock, to_minutes
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, TeamDays, Violation
from optimizer.instance import Instance, compile_instance


@dataclass
class GreedyResult:
    """A greedy roster and the checker's verdict on it."""

    status: str
    objective: int | None
    assignments: list[Assignment]
    team_days: list[TeamDays]
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0


class _Board:
    """Locations placed so far, with running desk and resource counts per day."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        days = len(instance.days)
        self.location: list[list[str | None]] = [
            [None if e.available[d] else "off" for d in range(days)] for e in instance.employees
        ]
        self.desks_used = {site: [0] * days for site in instance.desks}
        self.seats_used = {resource: [0] * days for resource in instance.capacity}
        self.pinned: set[tuple[int, int]] = set()

    def place(self, e: int, d: int, location: str) -> None:
        """Put ``e`` at ``location`` on ``d`` (once; later calls for the same cell are ignored)."""
        if self.location[e][d] is not None:
            return
        self.location[e][d] = location
        employee = self.instance.employees[e]
        if location == "office" and employee.site in self.desks_used:
            self.desks_used[employee.site][d] += 1
        if location in ("home", "other"):
            for resource in employee.needs:
                self.seats_used[resource][d] += 1

    def move_office_day(self, e: int, d: int, to: int) -> None:
        """Move ``e``'s office day from ``d`` to the open day ``to``."""
        site = self.instance.employees[e].site
        self.location[e][d] = None
        self.desks_used[site][d] -= 1
        self.place(e, to, "office")

    def desk_free(self, e: int, d: int) -> bool:
        """Whether ``e``'s site has a desk left on ``d``."""
        site = self.instance.employees[e].site
        return site in self.desks_used and self.desks_used[site][d] < self.instance.desks[site][d]

    def seat_free(self, e: int, d: int) -> bool:
        """Whether every resource ``e`` needs has a seat left on ``d``."""
        return all(
            self.seats_used[r][d] < self.instance.capacity[r][d] for r in self.instance.employees[e].needs
        )

    def office_days(self, e: int, days: list[int]) -> int:
        return sum(self.location[e][d] == "office" for d in days)


def _forced(instance: Instance, board: _Board) -> list[TeamDays]:
    """Fixed days, meetings and anchor days (all pinned); returns the anchor days chosen."""
    try:
        return _place_forced(instance, board)
    finally:
        board.pinned = {
            (e, d) for e, row in enumerate(board.location) for d, location in enumerate(row) if location
        }


def _place_forced(instance: Instance, board: _Board) -> list[TeamDays]:
    for employee in instance.employees:
        for d, location in employee.fixed.items():
            board.place(employee.index, d, location)
    for team in instance.teams.values():
        for d, meetings in team.meetings.items():
            for meeting in meetings:
                for e in meeting.attendees:
                    board.place(e, d, "office")
    chosen = []
    for team in instance.teams.values():
        if not team.anchor_days:
            continue
        for week, days in instance.weeks.items():
            count = min(team.anchor_days, len(days))

            # Prefer days the team already meets, then days with the most free desks.
            def fit(d: int, team=team) -> tuple[int, int]:
                attendees = instance.anchor_attendees(team.id, d)
                present = sum(board.location[e][d] == "office" for e in attendees)
                slack = min(
                    (instance.desks[s][d] - board.desks_used[s][d] for s in board.desks_used),
                    default=0,
                )
                return present - len(attendees), slack

            picked = sorted(sorted(days, key=fit, reverse=True)[:count])
            for d in picked:
                for e in instance.anchor_attendees(team.id, d):
                    board.place(e, d, "office")
            chosen.append(TeamDays(team=team.id, week=week, dates=[instance.days[d].date for d in picked]))
    return chosen


def _office_days(instance: Instance, board: _Board) -> None:
    """Give every employee the office days each week requires, on the days that suit best."""
    order = sorted(instance.employees, key=lambda x: (len(x.locations), x.team or "", x.index))
    for employee in order:
        e = employee.index
        if not employee.may_office:
            continue
        office_pref = {}
        for d, location, weight in employee.day_preferences:
            office_pref[d] = office_pref.get(d, 0) + (weight if location == "office" else -weight)
        teammates = instance.teams[employee.team].members if employee.team in instance.teams else []
        for days in instance.weeks.values():
            open_days = [d for d in days if board.location[e][d] is None]
            available = sum(employee.available[d] for d in days)
            low, high = employee.rules.office_min, employee.rules.office_max
            office_only = employee.locations == frozenset({"office"})
            need = (
                available if office_only else max(min(low, available), available - employee.rules.remote_max)
            )
            need = min(need, high) - board.office_days(e, days)

            # Preferred days first, then the emptiest office, then where teammates come in.
            def score(
                d: int, teammates=teammates, office_pref=office_pref, site=employee.site or ""
            ) -> tuple[int, int, int]:
                together = sum(board.location[m][d] == "office" for m in teammates)
                free = instance.desks[site][d] - board.desks_used[site][d] if site in instance.desks else 0
                return office_pref.get(d, 0), free, together

            for d in sorted(open_days, key=score, reverse=True):
                if need <= 0:
                    break
                if board.desk_free(e, d) or office_only:
                    board.place(e, d, "office")
                    need -= 1
            for d in open_days:
                if need > 0 and board.location[e][d] is None and _free_a_desk(instance, board, e, d, days):
                    board.place(e, d, "office")
                    need -= 1


def _free_a_desk(instance: Instance, board: _Board, e: int, d: int, week: list[int]) -> bool:
    """Free a desk on ``d`` by moving a colleague's unpinned office day to a day of the week with room."""
    site = instance.employees[e].site
    for c in instance.employees:
        if c.site != site or c.index == e or board.location[c.index][d] != "office":
            continue
        if (c.index, d) in board.pinned:
            continue
        for to in week:
            if to != d and board.location[c.index][to] is None and board.desk_free(c.index, to):
                board.move_office_day(c.index, d, to)
                return True
    return False


def _min_in_office(instance: Instance, board: _Board) -> None:
    """Bring members in on days their team is below its minimum, while desks last."""
    for team in instance.teams.values():
        for day in instance.days:
            d = day.index
            able = [
                e
                for e in team.members
                if instance.employees[e].available[d] and instance.employees[e].may_office
            ]
            missing = min(team.min_in_office, len(able)) - sum(board.location[e][d] == "office" for e in able)
            for e in able:
                if missing <= 0:
                    break
                week = instance.weeks[day.week]
                if (
                    board.location[e][d] is None
                    and board.desk_free(e, d)
                    and board.office_days(e, week) < instance.employees[e].rules.office_max
                ):
                    board.place(e, d, "office")
                    missing -= 1


def _remote_days(instance: Instance, board: _Board) -> None:
    """Every open day is remote (the preferred place, else home), or the office when no seat is free."""
    for employee in instance.employees:
        e = employee.index
        liked = {d: location for d, location, _ in sorted(employee.day_preferences, key=lambda p: p[2])}
        for day in instance.days:
            d = day.index
            if board.location[e][d] is not None:
                continue
            remote = [x for x in ("home", "other") if x in employee.locations]
            week = instance.weeks[day.week]
            office_ok = employee.may_office and board.office_days(e, week) < employee.rules.office_max
            if remote and (board.seat_free(e, d) or not (office_ok and board.desk_free(e, d))):
                board.place(e, d, liked[d] if liked.get(d) in remote else remote[0])
            else:
                board.place(e, d, "office")


def _hours(instance: Instance, board: _Board, e: int) -> dict[int, int]:
    """Minutes per worked day: the daily minimum, topped up evenly to the weekly minimum."""
    employee, step = instance.employees[e], instance.step
    minutes: dict[int, int] = {}
    for week, days in instance.weeks.items():
        worked = [d for d in days if board.location[e][d] != "off"]
        for d in worked:
            minutes[d] = employee.daily_min
        low, _ = instance.weekly_bounds(e, week)
        while worked and sum(minutes[d] for d in worked) < low:
            grown = False
            for d in worked:
                if sum(minutes[x] for x in worked) < low and minutes[d] + step <= employee.daily_max:
                    minutes[d] += step
                    grown = True
            if not grown:
                break
    return minutes


def _start(instance: Instance, e: int, d: int, location: str, minutes: int) -> int:
    """The start closest to the preferred time within every window of the day."""
    employee, step, day = instance.employees[e], instance.step, instance.days[d]
    length = minutes + day.break_minutes
    earliest, latest = employee.earliest, min(employee.latest, DAY_MINUTES - length)
    core = instance.problem.policy.core_hours
    if core is not None:
        latest = min(latest, to_minutes(core.start))
        earliest = max(earliest, to_minutes(core.end) - length)
    if location == "office":
        site = next((s for s in instance.problem.sites if s.id == employee.site), None)
        if site is not None:
            earliest = max(earliest, to_minutes(site.open))
            latest = min(latest, to_minutes(site.close) - length)
        for team in instance.teams.values():
            for meeting in team.meetings.get(d, []):
                if e in meeting.attendees:
                    latest = min(latest, meeting.start)
                    earliest = max(earliest, meeting.end - length)
    earliest = -(-earliest // step) * step
    latest = latest // step * step
    wanted = employee.start_preference[0] if employee.start_preference else 8 * 60
    return min(max(wanted, earliest), max(latest, earliest))


def _roster(instance: Instance, board: _Board) -> list[Assignment]:
    roster = []
    for employee in instance.employees:
        e = employee.index
        minutes = _hours(instance, board, e)
        for day in instance.days:
            location = board.location[e][day.index] or "off"
            if location == "off":
                roster.append(Assignment(employee=employee.id, date=day.date, location="off"))
                continue
            start = _start(instance, e, day.index, location, minutes[day.index])
            roster.append(
                Assignment(
                    employee=employee.id,
                    date=day.date,
                    location=location,
                    site=employee.site if location == "office" else None,
                    start=to_clock(start),
                    end=to_clock(start + minutes[day.index] + day.break_minutes),
                    hours=minutes[day.index] / 60,
                )
            )
    return roster


def solve_greedy(problem: RosterProblem) -> GreedyResult:
    """One greedy pass, then the checker; ``feasible`` only when no rule is broken."""
    started = time.perf_counter()
    instance = compile_instance(problem)
    board = _Board(instance)
    team_days = _forced(instance, board)
    _min_in_office(instance, board)
    _office_days(instance, board)
    _remote_days(instance, board)
    roster = _roster(instance, board)
    seconds = time.perf_counter() - started
    verdict = check(problem, roster, team_days, instance=instance)
    return GreedyResult(
        status="feasible" if verdict.valid else "unknown",
        objective=verdict.score.total if verdict.valid else None,
        assignments=roster,
        team_days=team_days,
        violations=verdict.violations,
        seconds=seconds,
    )
