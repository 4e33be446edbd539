"""A constructive first roster: greedy by team and day, repaired, confirmed by the checker.

Built in well under a second per thousand employees, before the model, so
that a valid roster exists at any size long before CP-SAT's presolve ends;
it is reported as the first progress point and given to CP-SAT as a hint.

1. What is forced comes first: leave, frozen and fixed days, cells with one
   possible location, meeting attendees, and each team's anchor days (the
   days most attendees already come in, then the most free desks).
2. Team by team, each member gets the office days each week requires
   (``max(office_days.min, A − remote_days.max)``), on the days they wish
   for, where teammates already come in, where desks are free; then each
   team's minimum presence is topped up.
3. Every other day is remote (``other`` only where something asks for it)
   while resource seats last, else the office.
4. Repair: desks over capacity, seats over capacity and weeks short of
   office days are fixed by moving one unpinned day at a time (to remote, to
   the office, or swapping two days of the same week).
5. Hours: each day's least minutes, raised day by day to the weekly minimum;
   each start is the one nearest the preferred start for those minutes.

The roster is returned only when :func:`optimizer.checker.check` finds no
violation; otherwise the solver goes on without it. :func:`repaired` runs the
same repair on a roster made elsewhere (the relaxed site groups' union, see
:mod:`optimizer.model.relaxation`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from optimizer.checker import check
from optimizer.domain.solution import Assignment, Score, TeamDays
from optimizer.instance import Instance, make_assignment
from optimizer.model.cells import Options, cell_options
from optimizer.model.home_first import asked_for_other
from optimizer.model.weekly import weekly_bounds

REMOTE = ("home", "other")


@dataclass
class FirstRoster:
    """A valid roster built without a solver, its anchor days and its score."""

    assignments: list[Assignment]
    team_days: list[TeamDays]
    score: Score


def first_roster(instance: Instance) -> FirstRoster | None:
    """The constructive roster of ``instance`` if the checker finds it valid, else None."""
    roster, team_days = construct(instance)
    verdict = check(instance.problem, roster, team_days, instance=instance)
    if not verdict.valid:
        return None
    return FirstRoster(roster, team_days, verdict.score)


def construct(instance: Instance) -> tuple[list[Assignment], list[TeamDays]]:
    """The greedy roster, repaired, and its anchor days (not yet checked)."""
    board = _Board(instance)
    team_days = board.forced()
    board.min_in_office()
    board.office_days()
    board.remote_days()
    board.repair()
    return board.roster(), team_days


def repaired(instance: Instance, roster: list[Assignment], team_days: list[TeamDays]) -> FirstRoster | None:
    """``roster`` (valid but for shared desks and seats, say) with single days moved until the checker
    finds it valid; None if it still is not. Employees whose days do not move keep their hours and starts.
    """
    verdict = check(instance.problem, roster, team_days, instance=instance)
    if verdict.valid:
        return FirstRoster(roster, team_days, verdict.score)
    board = _Board(instance)
    board.pin_rules()
    board.pin_anchors(team_days)
    index = {e.id: e.index for e in instance.employees}
    days = {day.date: day.index for day in instance.days}
    given = {(index[a.employee], days[a.date]): a.location for a in roster}
    for (e, d), location in given.items():
        board.place(e, d, location)
    board.repair()
    moved = {e for (e, d), location in given.items() if board.loc[e][d] != location}
    rebuilt = {(a.employee, a.date): a for a in board.roster()}
    mended = [rebuilt[a.employee, a.date] if index[a.employee] in moved else a for a in roster]
    verdict = check(instance.problem, mended, team_days, instance=instance)
    return FirstRoster(mended, team_days, verdict.score) if verdict.valid else None


class _Board:
    """Locations placed so far, with desk, seat, office-day and remote-day counts."""

    def __init__(self, instance: Instance) -> None:
        self.i = instance
        self.cells = cell_options(instance)
        days = len(instance.days)
        self.week_of = [day.week for day in instance.days]
        self.loc: list[list[str | None]] = [
            [None if e.available[d] else "off" for d in range(days)] for e in instance.employees
        ]
        self.pinned: set[tuple[int, int]] = set()
        self.desks = {site: [0] * days for site in instance.desks}
        self.seats = {resource: [0] * days for resource in instance.capacity}
        self.office = [defaultdict(int) for _ in instance.employees]
        self.remote = [defaultdict(int) for _ in instance.employees]
        self.team_office: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0] * days)
        self.asked_other = asked_for_other(instance)
        self.wish = self._office_wishes()
        self.weekly = weekly_bounds(instance)

    # -- counts ------------------------------------------------------------------------------

    def need(self, e: int, week: str) -> int:
        """Office days ``e`` must work in ``week``: the minimum, and enough to keep remote days in range."""
        employee = self.i.employees[e]
        available = sum(employee.available[d] for d in self.i.weeks[week])
        low, high = self.i.office_bounds(e, week)
        if not self.i.problem.policy.allow_off_days:
            low = max(low, available - employee.rules.remote_max)
        return min(low, high)

    def desk_free(self, e: int, d: int) -> bool:
        site = self.i.employees[e].site
        return site in self.desks and self.desks[site][d] < self.i.desks[site][d]

    def seat_free(self, e: int, d: int) -> bool:
        return all(self.seats[r][d] < self.i.capacity[r][d] for r in self.i.employees[e].needs)

    def may(self, e: int, d: int, location: str) -> bool:
        return location in self.cells.get((e, d), {})

    def remote_place(self, e: int, d: int) -> str | None:
        """The remote location ``e`` takes on ``d``: ``other`` only where asked, else home."""
        fits = [x for x in REMOTE if self.may(e, d, x)]
        if not fits:
            return None
        if "other" in fits and ((e, d) in self.asked_other or "home" not in fits):
            return "other"
        return fits[0]

    # -- placing ------------------------------------------------------------------------------

    def place(self, e: int, d: int, location: str) -> None:
        """Put ``e`` at ``location`` on ``d`` (an open cell only)."""
        if self.loc[e][d] is not None:
            return
        self._count(e, d, location, 1)
        self.loc[e][d] = location

    def unplace(self, e: int, d: int) -> None:
        location = self.loc[e][d]
        if location is not None:
            self._count(e, d, location, -1)
            self.loc[e][d] = None

    def move(self, e: int, d: int, location: str) -> None:
        self.unplace(e, d)
        self.place(e, d, location)

    def _count(self, e: int, d: int, location: str, sign: int) -> None:
        employee, week = self.i.employees[e], self.week_of[d]
        if location == "office":
            if employee.site in self.desks:
                self.desks[employee.site][d] += sign
            self.office[e][week] += sign
            if employee.team is not None:
                self.team_office[employee.team, employee.site][d] += sign
        elif location in REMOTE:
            for r in employee.needs:
                self.seats[r][d] += sign
            self.remote[e][week] += sign

    def pin(self, e: int, d: int, location: str) -> None:
        self.place(e, d, location)
        self.pinned.add((e, d))

    # -- 1. forced ------------------------------------------------------------------------------

    def forced(self) -> list[TeamDays]:
        """Leave, frozen, fixed, single-location cells, meetings and anchor days; the anchor days chosen."""
        self.pin_rules()
        return [days for team in self.i.teams.values() if team.anchor_days for days in self._anchors(team)]

    def pin_rules(self) -> None:
        """Pin leave, frozen, fixed and single-location cells and meeting attendees."""
        for employee in self.i.employees:
            e = employee.index
            for d, kept in employee.frozen.items():
                self.pin(e, d, kept.location)
            for d, location in employee.fixed.items():
                self.pin(e, d, location)
            for d in range(len(self.i.days)):
                fits = self.cells.get((e, d), {})
                if self.loc[e][d] is None and len(fits) == 1 and not self.i.problem.policy.allow_off_days:
                    self.pin(e, d, next(iter(fits)))
                if (e, d) in self.cells and self.loc[e][d] is None:
                    continue
                self.pinned.add((e, d))
        for team in self.i.teams.values():
            for d, meetings in team.meetings.items():
                for meeting in meetings:
                    for e in meeting.attendees:
                        self.pin(e, d, "office")

    def pin_anchors(self, chosen: list[TeamDays]) -> None:
        """Pin the attendees of anchor days already chosen."""
        days = {day.date: day.index for day in self.i.days}
        for team_days in chosen:
            for date in team_days.dates:
                d = days[date]
                for e in self.i.anchor_attendees(team_days.team, d):
                    self.pin(e, d, "office")

    def _anchors(self, team) -> list[TeamDays]:
        chosen = []
        for week, days in self.i.weeks.items():
            count = min(team.anchor_days, len(days))

            def fit(d: int) -> tuple[int, int]:
                attendees = self.i.anchor_attendees(team.id, d)
                missing = sum(self.loc[e][d] != "office" for e in attendees)
                sites = {self.i.employees[e].site for e in attendees} & set(self.desks)
                slack = min((self.i.desks[s][d] - self.desks[s][d] for s in sites), default=0)
                return -missing, slack

            picked = sorted(sorted(days, key=fit, reverse=True)[:count])
            for d in picked:
                for e in self.i.anchor_attendees(team.id, d):
                    self.pin(e, d, "office")
            chosen.append(TeamDays(team=team.id, week=week, dates=[self.i.days[d].date for d in picked]))
        return chosen

    # -- 2. office days ---------------------------------------------------------------------------

    def _office_wishes(self) -> list[dict[int, int]]:
        """Per employee and day, the weighted wish for the office (preferences and the team pattern)."""
        weights = self.i.weights
        wishes: list[dict[int, int]] = [defaultdict(int) for _ in self.i.employees]
        for employee in self.i.employees:
            for d, location, weight in employee.day_preferences:
                sign = 1 if location == "office" else -1
                wishes[employee.index][d] += sign * weight * weights["preference"]
        for e, d, matching in self.i.pattern_cells:
            wishes[e][d] += weights["pattern"] * (1 if "office" in matching else -1)
        return wishes

    def _order(self) -> list[int]:
        """Employees team by team (teams in input order), those without a team last."""
        order = [e for team in self.i.teams.values() for e in team.members]
        return order + [e.index for e in self.i.employees if e.team is None]

    def office_days(self) -> None:
        """Give each employee the office days each week requires, on the days that suit best."""
        for e in self._order():
            employee = self.i.employees[e]
            if not employee.may_office:
                continue
            together = self.team_office[employee.team, employee.site] if employee.team else None
            for week, days in self.i.weeks.items():
                missing = self.need(e, week) - self.office[e][week]
                if missing <= 0:
                    continue

                open_days = [d for d in days if self.loc[e][d] is None and self.may(e, d, "office")]
                for d in sorted(
                    open_days, key=lambda d, e=e, t=together: self._day_fit(e, d, t), reverse=True
                ):
                    if missing <= 0:
                        break
                    if self.desk_free(e, d):
                        self.place(e, d, "office")
                        missing -= 1

    def _day_fit(self, e: int, d: int, together: list[int] | None) -> tuple[int, int]:
        """How well ``d`` suits an office day of ``e``: wishes and teammates in, then free desks."""
        site = self.i.employees[e].site
        free = self.i.desks[site][d] - self.desks[site][d] if site in self.desks else 0
        return self.wish[e][d] + 5 * (together[d] if together else 0), free

    def min_in_office(self) -> None:
        """Bring members in on days their team is below its minimum, while desks last."""
        for team in self.i.teams.values():
            if not team.min_in_office:
                continue
            for day in self.i.days:
                d = day.index
                able = [e for e in team.members if self._able(e, d)]
                missing = min(team.min_in_office, len(able)) - sum(self.loc[e][d] == "office" for e in able)
                for e in sorted(able, key=lambda x: -self.wish[x][d]):
                    if missing <= 0:
                        break
                    rules = self.i.employees[e].rules
                    if (
                        self.loc[e][d] is None
                        and self.may(e, d, "office")
                        and self.desk_free(e, d)
                        and self.office[e][day.week] < rules.office_max
                    ):
                        self.place(e, d, "office")
                        missing -= 1

    # -- 3. the rest ---------------------------------------------------------------------------

    def remote_days(self) -> None:
        """Every open day is remote while seats last, else the office; off only where allowed."""
        allow_off = self.i.problem.policy.allow_off_days
        for employee in self.i.employees:
            e, rules = employee.index, employee.rules
            for d in range(len(self.i.days)):
                if self.loc[e][d] is not None:
                    continue
                week = self.week_of[d]
                remote = self.remote_place(e, d)
                remote_ok = remote is not None and self.remote[e][week] < rules.remote_max
                office_ok = self.may(e, d, "office") and self.office[e][week] < rules.office_max
                if remote_ok and self.seat_free(e, d):
                    self.place(e, d, remote)
                elif office_ok and self.desk_free(e, d):
                    self.place(e, d, "office")
                elif allow_off:
                    self.place(e, d, "off")
                elif remote_ok:
                    self.place(e, d, remote)  # over the seats: repaired below
                elif self.may(e, d, "office"):
                    self.place(e, d, "office")
                elif remote is not None:
                    self.place(e, d, remote)
                else:
                    self.place(e, d, "off")

    # -- 4. repair -------------------------------------------------------------------------------

    def repair(self, rounds: int = 3) -> None:
        """Move unpinned days until desks, seats and office days fit (or nothing more can move)."""
        for _ in range(rounds):
            moved = self._desks() + self._seats() + self._short_weeks() + self._team_minimum()
            if not moved:
                return

    def _staff(self) -> dict[str, list[int]]:
        staff: dict[str, list[int]] = defaultdict(list)
        for employee in self.i.employees:
            if employee.site is not None:
                staff[employee.site].append(employee.index)
        return staff

    def _keeps_team_minimum(self, e: int, d: int) -> bool:
        """Whether ``e`` leaving the office on ``d`` keeps the team at its minimum presence."""
        employee = self.i.employees[e]
        team = self.i.teams.get(employee.team or "")
        if team is None or not team.min_in_office:
            return True
        able = [m for m in team.members if self._able(m, d)]
        present = sum(self.loc[m][d] == "office" for m in able)
        return present - 1 >= min(team.min_in_office, len(able))

    def _desks(self) -> int:
        moved = 0
        for site, staff in self._staff().items():
            for d in range(len(self.i.days)):
                over = self.desks[site][d] - self.i.desks[site][d]
                for e in staff:
                    if over <= 0:
                        break
                    if self.loc[e][d] == "office" and (e, d) not in self.pinned and self._leave_office(e, d):
                        over -= 1
                        moved += 1
        return moved

    def _leave_office(self, e: int, d: int) -> bool:
        """Make ``e``'s office day ``d`` remote, moving the office day to another day if the week needs it."""
        remote = self.remote_place(e, d)
        week = self.week_of[d]
        if remote is None or not self.seat_free(e, d) or not self._keeps_team_minimum(e, d):
            return False
        rules = self.i.employees[e].rules
        if self.office[e][week] - 1 >= self.need(e, week) and self.remote[e][week] < rules.remote_max:
            self.move(e, d, remote)
            return True
        for other in self.i.weeks[week]:
            if (
                other != d
                and (e, other) not in self.pinned
                and self.loc[e][other] in REMOTE
                and self.may(e, other, "office")
                and self.desk_free(e, other)
            ):
                self.move(e, other, "office")
                self.move(e, d, remote)
                return True
        return False

    def _seats(self) -> int:
        moved = 0
        for resource, capacity in self.i.capacity.items():
            users = [e.index for e in self.i.employees if resource in e.needs]
            for d in range(len(self.i.days)):
                over = self.seats[resource][d] - capacity[d]
                for e in users:
                    if over <= 0:
                        break
                    if self.loc[e][d] in REMOTE and (e, d) not in self.pinned and self._come_in(e, d):
                        over -= 1
                        moved += 1
        return moved

    def _come_in(self, e: int, d: int) -> bool:
        """Make ``e``'s remote day ``d`` an office day, moving an office day away if the week is full."""
        week = self.week_of[d]
        if not self.may(e, d, "office") or not self.desk_free(e, d):
            return False
        rules = self.i.employees[e].rules
        if self.office[e][week] < rules.office_max:
            self.move(e, d, "office")
            return True
        for other in self.i.weeks[week]:
            remote = self.remote_place(e, other)
            if (
                other != d
                and (e, other) not in self.pinned
                and self.loc[e][other] == "office"
                and remote is not None
                and self.seat_free(e, other)
                and self._keeps_team_minimum(e, other)
            ):
                self.move(e, other, remote)
                self.move(e, d, "office")
                return True
        return False

    def _short_weeks(self) -> int:
        """Weeks below the office days required: bring the employee in, freeing a desk if needed."""
        moved, staff = 0, self._staff()
        for employee in self.i.employees:
            e = employee.index
            for week, days in self.i.weeks.items():
                missing = self.need(e, week) - self.office[e][week]
                for d in days:
                    if missing <= 0:
                        break
                    if (e, d) in self.pinned or self.loc[e][d] not in REMOTE or not self.may(e, d, "office"):
                        continue
                    if not self.desk_free(e, d):
                        self._free_desk(e, d, staff.get(employee.site or "", []))
                    if self.desk_free(e, d):
                        self.move(e, d, "office")
                        missing -= 1
                        moved += 1
        return moved

    def _team_minimum(self) -> int:
        """Days a team is below its minimum presence: bring members in, freeing a desk if needed."""
        moved, staff = 0, self._staff()
        for team in self.i.teams.values():
            if not team.min_in_office:
                continue
            for d in range(len(self.i.days)):
                able = [e for e in team.members if self._able(e, d)]
                missing = min(team.min_in_office, len(able)) - sum(self.loc[e][d] == "office" for e in able)
                for e in able:
                    if missing <= 0:
                        break
                    if (e, d) in self.pinned or self.loc[e][d] not in REMOTE:
                        continue
                    if not self.desk_free(e, d):
                        self._free_desk(e, d, staff.get(self.i.employees[e].site or "", []))
                    if self._come_in(e, d):
                        missing -= 1
                        moved += 1
        return moved

    def _able(self, e: int, d: int) -> bool:
        """Whether ``e`` counts for the team's minimum presence on ``d``."""
        employee = self.i.employees[e]
        return employee.available[d] and employee.may_office

    def _free_desk(self, e: int, d: int, staff: list[int]) -> None:
        """Free a desk on ``d`` by moving a colleague with office days to spare to remote."""
        for c in staff:
            week = self.week_of[d]
            if (
                c != e
                and self.loc[c][d] == "office"
                and (c, d) not in self.pinned
                and self.office[c][week] - 1 >= self.need(c, week)
                and self.remote[c][week] < self.i.employees[c].rules.remote_max
                and self.remote_place(c, d) is not None
                and self.seat_free(c, d)
                and self._keeps_team_minimum(c, d)
            ):
                self.move(c, d, self.remote_place(c, d))
                return
        for c in staff:
            unpinned = c != e and (c, d) not in self.pinned
            if unpinned and self.loc[c][d] == "office" and self._leave_office(c, d):
                return

    # -- 5. hours and the roster ---------------------------------------------------------------------

    def roster(self) -> list[Assignment]:
        """Every cell with its hours and start, employees in input order, then by date."""
        roster = []
        for employee in self.i.employees:
            e = employee.index
            minutes = self._minutes(e)
            for day in self.i.days:
                location = self.loc[e][day.index] or "off"
                kept = employee.frozen.get(day.index)
                if location == "off":
                    roster.append(make_assignment(employee, day, "off"))
                elif kept is not None and kept.location == location and kept.start is not None:
                    minutes_kept = round(kept.minutes or 0)
                    roster.append(make_assignment(employee, day, location, kept.start, minutes_kept))
                else:
                    options = self._fits(e, day.index, location)
                    length = minutes.get(day.index, min(options, default=0))
                    start = options.get(length, 0)
                    roster.append(make_assignment(employee, day, location, start, length))
        return roster

    def _fits(self, e: int, d: int, location: str) -> Options:
        return self.cells.get((e, d), {}).get(location, {})

    def _minutes(self, e: int) -> dict[int, int]:
        """Minutes per worked day: each day's least, raised one step at a time to the weekly minimum."""
        employee, minutes = self.i.employees[e], {}
        for week, days in self.i.weeks.items():
            choices: dict[int, list[int]] = {}
            for d in days:
                location = self.loc[e][d]
                kept = employee.frozen.get(d)
                if location in (None, "off"):
                    continue
                if kept is not None and kept.location == location and kept.minutes is not None:
                    choices[d] = [round(kept.minutes)]
                else:
                    choices[d] = sorted(self._fits(e, d, location)) or [0]
            level = dict.fromkeys(choices, 0)
            low = self.weekly(e, week)[0]
            total = sum(values[0] for values in choices.values())
            raised = True
            while total < low and raised:
                raised = False
                for d, values in choices.items():
                    if total < low and level[d] + 1 < len(values):
                        total += values[level[d] + 1] - values[level[d]]
                        level[d] += 1
                        raised = True
            minutes.update({d: values[level[d]] for d, values in choices.items()})
        return minutes
