"""Hybrid Roster Optimizer: weekly hybrid-work rosters from a SPEC v1.1 problem.

The public library surface: parse and validate a problem, solve it, check a roster,
re-plan a published roster, ask why a cell is where it is.
"""

from optimizer.checker import check
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, CheckResult, RosterSolution
from optimizer.domain.validation import InvalidProblem, ProblemError, parse_problem
from optimizer.model.replan import replan
from optimizer.model.solve import Progress, SolveOptions, solve
from optimizer.model.why import why
from optimizer.replan import DayEvents

__all__ = [
    "Assignment",
    "CheckResult",
    "DayEvents",
    "InvalidProblem",
    "Progress",
    "ProblemError",
    "RosterProblem",
    "RosterSolution",
    "SolveOptions",
    "check",
    "parse_problem",
    "replan",
    "solve",
    "why",
]
