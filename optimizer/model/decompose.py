"""Large problems: solve groups of employees apart, then the whole with their roster as a hint.

Employees are grouped by their team's home site (the site most of its members
work at), or by their own site when they have no team. A whole team, and so
its meetings, anchor days, minimum presence and lonely office days, stays in
one group; what groups share is desks (a member who sits at another site than
their team) and resources such as VPN seats. Groups are solved one after the
other: each sees the desks the groups before it left, and each gets its share
of every resource in proportion to the staff who need it. The union of the
group rosters is then a valid roster of the whole problem. A second round
solves each group again from its first roster, with exactly the desks the
others use, so the union stays valid after every step; the whole model then
starts from it to improve it and prove its bound.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, RosterSolution
from optimizer.instance import Instance

# A site group larger than this is cut into groups of whole teams of about this size.
# None: never cut. Measured on 10,000 staff at one site (docs/performance.md), cutting
# into five groups of 2,000 left a 3.9 % gap at 120 s against 0.3 % for the whole search.
GROUP_SIZE: int | None = None


def site_groups(problem: RosterProblem, size: int | None = None) -> list[list[int]]:
    """Employee indices by home site of their team (own site without a team), largest group first.

    A site group of more than ``size`` employees is cut into groups of whole teams
    of about ``size`` (default :data:`GROUP_SIZE`; teams in input order), so one
    large site decomposes too.
    """
    size = size or GROUP_SIZE or len(problem.employees)
    sites_of_team: dict[str, Counter] = defaultdict(Counter)
    for employee in problem.employees:
        if employee.team is not None and employee.site is not None:
            sites_of_team[employee.team][employee.site] += 1
    home = {team: counts.most_common(1)[0][0] for team, counts in sites_of_team.items()}
    groups: dict[str | None, list[int]] = defaultdict(list)
    for index, employee in enumerate(problem.employees):
        key = home.get(employee.team or "", employee.site)
        groups[key].append(index)
    cut = [chunk for group in groups.values() for chunk in _by_teams(problem, group, size)]
    return sorted(cut, key=len, reverse=True)


def _by_teams(problem: RosterProblem, group: list[int], size: int) -> list[list[int]]:
    """One group cut into chunks of whole teams of at least ``size`` (the last may be smaller)."""
    if len(group) <= size:
        return [group]
    teams: dict[str | None, list[int]] = defaultdict(list)
    for index in group:
        teams[problem.employees[index].team].append(index)
    chunks: list[list[int]] = [[]]
    for members in teams.values():
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1].extend(members)
    if len(chunks) > 1 and len(chunks[-1]) < size // 2:
        chunks[-2].extend(chunks.pop())
    return [sorted(chunk) for chunk in chunks]


def proportional_shares(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), never exceeding it."""
    whole = sum(weights)
    if whole == 0:
        return [0 for _ in weights]
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


class DeskLedger:
    """Desks per site and date still free for the groups not yet solved.

    Each group is offered the free desks less those held back for the staff of
    later groups who sit at that site: everyone a meeting or an office-only
    contract brings in that day, and a fair share of everyone's weekly minimum
    of office days.
    """

    def __init__(self, instance: Instance, groups: list[list[int]]):
        self.instance = instance
        dates = [day.date for day in instance.days]
        self.free = {
            site.id: {date: site.desks_by_date.get(date, site.desks) for date in dates}
            for site in instance.problem.sites
        }
        self.held = [self._needs(group) for group in groups]
        self.seats = {
            resource.id: {date: resource.capacity_by_date.get(date, resource.capacity) for date in dates}
            for resource in instance.problem.resources
        }
        self._needs_of = {e.id: e.needs for e in instance.employees}

    def _needs(self, group: list[int]) -> dict[tuple[str, int], int]:
        """Desks per (site, day) that a group's staff will surely or very likely need."""
        instance, needs = self.instance, Counter()
        attending = {
            (e, d)
            for team in instance.teams.values()
            for d, meetings in team.meetings.items()
            for meeting in meetings
            for e in meeting.attendees
        }
        for e in group:
            employee = instance.employees[e]
            if employee.site is None or not employee.may_office:
                continue
            for days in instance.weeks.values():
                forced = [
                    d
                    for d in days
                    if employee.available[d]
                    and (
                        (e, d) in attending
                        or employee.locations == {"office"}
                        or employee.fixed.get(d) == "office"
                    )
                ]
                for d in forced:
                    needs[employee.site, d] += 1
                rest = max(0, instance.office_bounds(e, instance.days[days[0]].week)[0] - len(forced))
                if rest:
                    for d in days:
                        needs[employee.site, d] += rest / len(days)
        return {key: math.ceil(value) for key, value in needs.items()}

    def offer(self, g: int, hold_back: bool = True) -> dict[str, dict[dt.date, int]]:
        """Desks per site and date offered to group ``g`` (less those held back for later groups)."""
        later = Counter()
        for held in self.held[g + 1 :] if hold_back else []:
            later.update(held)
        return {
            site: {day.date: max(0, free[day.date] - later[site, day.index]) for day in self.instance.days}
            for site, free in self.free.items()
        }

    def book(self, roster: list[Assignment], sign: int = 1) -> None:
        """Take the desks and resource seats a group's roster uses (give them back with ``sign=-1``)."""
        for a in roster:
            if a.location == "office" and a.site is not None:
                self.free[a.site][a.date] -= sign
            elif a.location in ("home", "other"):
                for resource in self._needs_of[a.employee]:
                    self.seats[resource][a.date] -= sign


def subproblem(
    problem: RosterProblem, groups: list[list[int]], g: int, ledger: DeskLedger, hold_back: bool = True
) -> RosterProblem:
    """Group ``g`` alone, with the desks still free and its share of every resource.

    With ``hold_back`` false (every other group has its roster), the desks and seats
    offered are exactly those the others leave.
    """
    group = groups[g]
    offered = ledger.offer(g, hold_back)
    employees = [problem.employees[i] for i in group]
    ids = {e.id for e in employees}
    sites = {e.site for e in employees}
    teams = {e.team for e in employees}
    resources = []
    for resource in problem.resources:
        if not hold_back:
            # Exactly the seats the other groups' rosters leave (none where they already use too many).
            left = {date: max(0, seats) for date, seats in ledger.seats[resource.id].items()}
            resources.append(resource.model_copy(update={"capacity_by_date": left}))
            continue
        users = [sum(resource.id in problem.employees[i].needs for i in other) for other in groups]
        dated = resource.capacity_by_date.items()
        by_date = {day: proportional_shares(seats, users)[g] for day, seats in dated}
        capacity = proportional_shares(resource.capacity, users)[g]
        resources.append(resource.model_copy(update={"capacity": capacity, "capacity_by_date": by_date}))
    return problem.model_copy(
        update={
            "employees": employees,
            "sites": [
                site.model_copy(update={"desks_by_date": offered[site.id]})
                for site in problem.sites
                if site.id in sites
            ],
            "teams": [t for t in problem.teams if t.id in teams],
            "resources": resources,
            "previous": [p for p in problem.previous if p.employee in ids],
        }
    )


def union(problem: RosterProblem, parts: list[RosterSolution]) -> RosterSolution:
    """The groups' rosters as one, employees in input order."""
    order = {employee.id: i for i, employee in enumerate(problem.employees)}
    roster = [a for part in parts for a in part.assignments]
    roster.sort(key=lambda a: (order[a.employee], a.date))
    chosen = [days for part in parts for days in part.team_days]
    return RosterSolution(status="feasible", assignments=roster, team_days=chosen)
