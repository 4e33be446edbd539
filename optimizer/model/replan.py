"""Re-planning a published roster (SPEC v1.1 §4): fewest changes first, then the best objective."""

from __future__ import annotations

import datetime as dt
import threading

from optimizer.checker.roster_view import index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterSolution
from optimizer.model.solve import SolveOptions
from optimizer.model.stages import objective, previous_changes, published_times_moved, solve_in_stages
from optimizer.replan import DayEvents, replan_problem, roster_changes, team_day_changes
from optimizer.replan.restore import restore_published_times


def replan(
    problem: RosterProblem,
    published: RosterSolution,
    start: dt.date,
    events: DayEvents | None = None,
    options: SolveOptions | None = None,
    stop: threading.Event | None = None,
) -> RosterSolution:
    """The lexicographically best roster from ``start`` on, with the list of what changed.

    Raises :class:`optimizer.replan.InvalidReplan` (every error at once) for a ``start`` that is
    not a working day, events naming unknown employees, sites or dates, or a published roster
    that is not one of this problem.
    """
    request = replan_problem(problem, published.assignments, start, events)
    stages = [previous_changes, objective, published_times_moved(request.published, start)]
    staged = solve_in_stages(request.problem, stages, options, objective_stage=1, stop=stop)
    solution = staged.solution
    if not solution.assignments:
        return solution
    instance = staged.instance
    solution.assignments = restore_published_times(instance, solution.assignments, request.published, start)
    solution.score = score_roster(instance, index_roster(instance, solution.assignments))
    solution.objective = solution.score.total
    if solution.bound is not None:
        solution.bound = min(solution.bound, solution.objective)
        solution.gap = (solution.objective - solution.bound) / max(1, abs(solution.objective))
    solution.changes = roster_changes(request.published, solution.assignments)
    solution.moved_team_days = team_day_changes(published.team_days, solution.team_days)
    return solution
