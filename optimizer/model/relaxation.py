"""A proven lower bound from groups solved apart with every shared desk and seat, and their roster.

Each site group (whole teams, see :mod:`optimizer.model.decompose`; a large site
cut into several) is solved
alone with *all* desks of every site and *all* resource seats, and without the
two terms that are maxima over everyone (``fairness`` and ``peak_occupancy``).
Every other rule and term belongs to one employee or one team, so each group's
problem is a relaxation of its part of the whole: any roster of the whole,
restricted to a group, is a roster of the group's problem and costs it no
less. Hence

    objective ≥ Σ_groups bound(group) + weights.fairness · fairness_floor

is proven for every roster of the whole problem, where ``fairness_floor`` is
the largest preference weight an employee cannot avoid (a wish for a place
the rules never allow that day).

The groups' rosters, put together, can use more shared desks or seats than
there are (a member who sits at another site than their team). A fit round
solves each group that does not fit again, in turn, with what it is offered
(:func:`_fit_together`); whatever still does not fit is repaired by moving
single days (:func:`optimizer.model.first_roster.repaired`). The result, when
the checker finds it valid, is a roster of the whole whose distance to the
bound is known; improving rounds (:class:`_Improving`) then solve each group
again against the rest of it until the time runs out.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from optimizer.checker import check
from optimizer.domain.problem import RosterProblem, Weights
from optimizer.domain.solution import Assignment, RosterSolution
from optimizer.instance import Instance, compile_instance
from optimizer.model.cells import cell_options
from optimizer.model.decompose import DeskLedger, proportional_shares, site_groups, union
from optimizer.model.first_roster import FirstRoster, repaired

# The terms that are maxima over all employees: left out of each group's objective.
GLOBAL_TERMS = ("fairness", "peak_occupancy")

# Solves one group's problem within a time limit, from a hint when one is given.
Solver = Callable[[RosterProblem, float, list[Assignment] | None], RosterSolution]

# Reports each better roster of the whole found by the groups, with the proven bound.
OnRoster = Callable[[FirstRoster, int], None]

# Of the relaxation's budget, the shares of the relaxed and the fit round (the rest
# improves the groups in turn); below this many seconds per group and round (model
# building included) the groups are not worth it.
_RELAXED_SHARE, _FIT_SHARE, MIN_GROUP_SECONDS = 0.4, 0.2, 2.0

# A site group of more staff than this is cut into groups of whole teams of about this
# size (L's size, proven in seconds). Measured on C, 10,000 at one site: cut into five,
# optimal in 20 s at 628 MiB, against 53 s and 1,485 MiB for the whole model alone
# (docs/performance.md).
GROUP_SIZE = 2000


@dataclass
class Relaxation:
    """The proven lower bound and, when the groups' rosters fit together, that roster."""

    bound: int
    roster: FirstRoster | None
    proven_groups: int
    groups: int
    # True when every group was proven best against the rest before the budget ran out.
    settled: bool = False


def relaxed_group(problem: RosterProblem, group: list[int]) -> RosterProblem:
    """The employees of ``group`` with every desk of their sites, every resource seat, no global terms."""
    employees = [problem.employees[i] for i in group]
    ids = {e.id for e in employees}
    sites = {e.site for e in employees}
    teams = {e.team for e in employees}
    return problem.model_copy(
        update={
            "employees": employees,
            "sites": [site for site in problem.sites if site.id in sites],
            "teams": [team for team in problem.teams if team.id in teams],
            "previous": [p for p in problem.previous if p.employee in ids],
            "weights": _local_weights(problem),
        }
    )


def _local_weights(problem: RosterProblem) -> Weights:
    """The problem's weights without the global terms."""
    return problem.weights.model_copy(update=dict.fromkeys(GLOBAL_TERMS, 0))


def fairness_floor(instance: Instance) -> int:
    """The largest sum of preference weights one employee cannot avoid (fairness is at least this).

    A day preference is unavoidable when the employee is available that day and
    the preferred place is not among the places the rules leave open for the cell.
    """
    cells = cell_options(instance)
    floor = 0
    for employee in instance.employees:
        unavoidable = sum(
            weight
            for d, location, weight in employee.day_preferences
            if employee.available[d] and location not in cells.get((employee.index, d), {})
        )
        floor = max(floor, unavoidable)
    return floor


def relax(
    problem: RosterProblem,
    instance: Instance,
    solve_group: Solver,
    budget: float,
    stop: threading.Event | None = None,
    on_roster: OnRoster | None = None,
) -> Relaxation | None:
    """All three rounds within ``budget`` seconds; None with fewer than two groups or too little time.

    Relaxed round, then fit round, then improving rounds until the budget
    ends or every group is proven best against the rest (:class:`_Improving`);
    each better roster of the whole goes to ``on_roster``.

    Groups are site groups, a large site cut into groups of whole teams of
    about :data:`GROUP_SIZE` (what groups of one site share is its desks,
    which the fit round shares out like those of any site).

    A group that ends the relaxed round without a bound counts 0 towards it
    (every term is non-negative); a group proven infeasible proves the whole
    infeasible, which the whole search then finds itself, so the relaxation is
    given up.
    """
    groups = site_groups(problem, GROUP_SIZE)
    if len(groups) < 2 or _RELAXED_SHARE * budget / len(groups) < MIN_GROUP_SECONDS:
        return None
    started = time.perf_counter()
    deadline = started + _RELAXED_SHARE * budget
    bound, proven, parts = 0, 0, []
    for g, group in enumerate(groups):
        sub = solve_group(relaxed_group(problem, group), _share(groups, g, deadline), None)
        if sub.status == "infeasible":
            return None
        bound += sub.bound or 0
        proven += sub.status == "optimal"
        parts.append(sub)
        if stop is not None and stop.is_set():
            break
    bound += instance.weights["fairness"] * fairness_floor(instance)
    roster, settled = None, False
    if len(parts) == len(groups) and all(part.assignments for part in parts):
        fitted_by = started + (_RELAXED_SHARE + _FIT_SHARE) * budget
        _fit_together(problem, instance, groups, parts, solve_group, fitted_by, stop)
        together = union(problem, parts)
        roster = repaired(instance, together.assignments, together.team_days)
        if roster is not None:
            if on_roster is not None:
                on_roster(roster, bound)
            improving = _Improving(problem, instance, groups, parts, solve_group, stop)
            roster, settled = improving.run(roster, started + budget, on_roster, bound)
    return Relaxation(bound=bound, roster=roster, proven_groups=proven, groups=len(groups), settled=settled)


def _share(groups: list[list[int]], g: int, deadline: float) -> float:
    """Group ``g``'s part of the time left until ``deadline``, by its size among the groups left."""
    left = sum(len(group) for group in groups[g:])
    return max(1.0, (deadline - time.perf_counter()) * len(groups[g]) / left)


def _fit_together(
    problem: RosterProblem,
    instance: Instance,
    groups: list[list[int]],
    parts: list[RosterSolution],
    solve_group: Solver,
    deadline: float,
    stop: threading.Event | None,
) -> None:
    """Solve again, in place, each group whose roster does not fit what it is offered, in turn.

    At each site, the groups not yet fitted keep the desks they surely need
    (meetings, office-only staff, a share of the weekly minimum: the desk
    ledger's reserve); a site's own group, until it is fitted, keeps the rest
    of what its roster uses, so members seated there from other groups move
    around it; groups already fitted keep what their rosters use. Of the
    seats, groups already fitted keep what they use and the others what they
    use up to their share (in proportion to the staff who need the resource):
    every group relaxed used as many seats as it liked, so holding back all
    of that would leave the first groups none. A group whose roster fits is
    kept.
    """
    usage = [_usage(instance, part.assignments) for part in parts]
    home = _home_groups(problem, groups)
    reserve = DeskLedger(instance, groups).held
    fitted: set[int] = set()
    for g in range(len(groups)):
        if stop is not None and stop.is_set():
            return
        exact = _offered(problem, instance, groups, g, usage, home, reserve, fitted)
        if not check(exact, parts[g].assignments, parts[g].team_days).valid:
            later = sum(len(groups[h]) for h in range(g, len(groups)))
            share = max(1.0, (deadline - time.perf_counter()) * len(groups[g]) / later)
            # Its roster with single days moved to fit, when that works, is where the search starts.
            mended = repaired(compile_instance(exact), parts[g].assignments, parts[g].team_days)
            sub = solve_group(exact, share, mended.assignments if mended else parts[g].assignments)
            if sub.assignments:
                parts[g] = sub
                usage[g] = _usage(instance, sub.assignments)
        fitted.add(g)


def _usage(instance: Instance, roster: list[Assignment]) -> Counter:
    """Desks per (site, date) and seats per (resource, date) that a roster takes."""
    needs = {e.id: e.needs for e in instance.employees}
    used: Counter = Counter()
    for a in roster:
        if a.location == "office" and a.site is not None:
            used["desk", a.site, a.date] += 1
        elif a.location in ("home", "other"):
            for resource in needs[a.employee]:
                used["seat", resource, a.date] += 1
    return used


def _home_groups(problem: RosterProblem, groups: list[list[int]]) -> dict[str, int]:
    """Each site's own group: the one with most of the site's staff."""
    staff: dict[str, Counter] = {}
    for g, group in enumerate(groups):
        for i in group:
            site = problem.employees[i].site
            if site is not None:
                staff.setdefault(site, Counter())[g] += 1
    return {site: counts.most_common(1)[0][0] for site, counts in staff.items()}


def _offered(
    problem: RosterProblem,
    instance: Instance,
    groups: list[list[int]],
    g: int,
    usage: list[Counter],
    home: dict[str, int],
    reserve: list[dict[tuple[str, int], int]],
    fitted: set[int],
) -> RosterProblem:
    """Group ``g``'s problem with the desks and seats it is offered (see :func:`_fit_together`)."""
    relaxed = relaxed_group(problem, groups[g])
    sites = []
    for site in relaxed.sites:
        own = home.get(site.id, g)
        desks = {}
        for day in instance.days:
            taken = 0
            for h in range(len(groups)):
                if h == g:
                    continue
                if h in fitted or (h == own and g != own):
                    taken += usage[h]["desk", site.id, day.date]
                else:
                    taken += reserve[h].get((site.id, day.index), 0)
            free = site.desks_by_date.get(day.date, site.desks) - taken
            if g != own:  # seated away from the team: at least what surely must come in
                free = max(free, reserve[g].get((site.id, day.index), 0))
            desks[day.date] = max(0, free)
        sites.append(site.model_copy(update={"desks_by_date": desks}))
    resources = []
    for resource in relaxed.resources:
        users = [sum(resource.id in problem.employees[i].needs for i in group) for group in groups]
        seats = {}
        for day in instance.days:
            capacity = resource.capacity_by_date.get(day.date, resource.capacity)
            share = proportional_shares(capacity, users)
            used = [usage[h]["seat", resource.id, day.date] for h in range(len(groups))]
            taken = sum(
                used[h] if h in fitted else min(used[h], share[h]) for h in range(len(groups)) if h != g
            )
            seats[day.date] = max(0, capacity - taken)
        resources.append(resource.model_copy(update={"capacity_by_date": seats}))
    return relaxed.model_copy(update={"sites": sites, "resources": resources})


@dataclass
class _Improving:
    """Improving rounds: each group solved again from its part of the roster, the others fixed."""

    problem: RosterProblem
    instance: Instance
    groups: list[list[int]]
    parts: list[RosterSolution]
    solve_group: Solver
    stop: threading.Event | None
    # The most a step took beyond its group's time limit (building, reading back, the check of
    # the whole): kept back from each group's time so that the rounds end by the deadline.
    overrun: float = 0.0

    def run(
        self, best: FirstRoster, deadline: float, on_roster: OnRoster | None, bound: int
    ) -> tuple[FirstRoster, bool]:
        """The best roster by ``deadline`` and whether it settled (every group proven best against the rest).

        In each pass, the groups not proven optimal (the largest gap first) are
        solved again, each with exactly the desks and seats the rest of the
        roster leaves and its own part as the hint, so every step is a valid
        roster of the whole; a step is kept when the checker's total of the
        whole goes down. A pass that changes nothing is followed by another, in
        which each group has more time.
        """
        group_of = {self.problem.employees[i].id: g for g, group in enumerate(self.groups) for i in group}
        while True:
            todo = sorted(
                (g for g, part in enumerate(self.parts) if part.bound is None or part.bound < part.objective),
                key=lambda g: self.parts[g].objective - (self.parts[g].bound or 0),
                reverse=True,
            )
            if not todo:
                return best, True
            for position, g in enumerate(todo):
                later = sum(len(self.groups[h]) for h in todo[position:])
                share = (deadline - time.perf_counter() - self.overrun) * len(self.groups[g]) / later
                if share < MIN_GROUP_SECONDS or (self.stop is not None and self.stop.is_set()):
                    return best, False
                began = time.perf_counter()
                better = self._step(best, g, group_of, share)
                self.overrun = max(self.overrun, time.perf_counter() - began - share)
                if better is not None:
                    best = better
                    if on_roster is not None:
                        on_roster(best, bound)

    def _step(
        self, best: FirstRoster, g: int, group_of: dict[str, int], seconds: float
    ) -> FirstRoster | None:
        """Group ``g`` solved again against the rest of ``best``: the better whole roster, or None."""
        mine = [a for a in best.assignments if group_of[a.employee] == g]
        others = [a for a in best.assignments if group_of[a.employee] != g]
        local = _left_over(self.problem, self.instance, self.groups[g], _usage(self.instance, others))
        sub = self.solve_group(local, seconds, mine)
        if not sub.assignments:
            return None
        self.parts[g] = sub
        if sub.assignments == mine:  # nothing better than its part: the solve returned the hint
            return None
        teams = {team.id for team in local.teams}
        kept = [days for days in best.team_days if days.team not in teams]
        rest = RosterSolution(status="feasible", assignments=others, team_days=kept)
        together = union(self.problem, [rest, sub])
        verdict = check(self.problem, together.assignments, together.team_days, instance=self.instance)
        if not verdict.valid or verdict.score.total >= best.score.total:
            return None
        return FirstRoster(together.assignments, together.team_days, verdict.score)


def _left_over(
    problem: RosterProblem, instance: Instance, group: list[int], others: Counter
) -> RosterProblem:
    """``group``'s relaxed problem with exactly the desks and seats the ``others`` usage leaves."""
    relaxed = relaxed_group(problem, group)
    dates = [day.date for day in instance.days]

    def left(by_date: dict, whole: int, kind: str, key: str) -> dict:
        return {date: max(0, by_date.get(date, whole) - others[kind, key, date]) for date in dates}

    sites = [
        site.model_copy(update={"desks_by_date": left(site.desks_by_date, site.desks, "desk", site.id)})
        for site in relaxed.sites
    ]
    resources = [
        seat.model_copy(
            update={"capacity_by_date": left(seat.capacity_by_date, seat.capacity, "seat", seat.id)}
        )
        for seat in relaxed.resources
    ]
    return relaxed.model_copy(update={"sites": sites, "resources": resources})
