"""Hybrid Roster Optimizer: weekly hybrid-work rosters from a SPEC v1.1 problem.

The public library surface: parse and validate a problem, solve it, check a roster,
re-plan a published roster.
"""

from optimizer.checker import check
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, CheckResult, RosterSolution
from optimizer.domain.validation import InvalidProblem, ProblemError, parse_problem
from optimizer.model.replan import ReplanRequest, replan
from optimizer.model.solve import Progress, SolveOptions, solve

__all__ = [
    "Assignment",
    "CheckResult",
    "InvalidProblem",
    "Progress",
    "ProblemError",
    "RosterProblem",
    "ReplanRequest",
    "RosterSolution",
    "SolveOptions",
    "check",
    "parse_problem",
    "replan",
    "solve",
]
