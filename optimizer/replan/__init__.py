"""Re-planning a published roster (SPEC v1.1 §4): what changed, what is kept, what moved.

This package is solver-free: it turns a problem, its published roster, a date
and the day's events into the re-plan problem, and compares rosters. The
lexicographic search itself lives in :mod:`optimizer.model.replan`.
"""

from optimizer.replan.changes import roster_changes, team_day_changes
from optimizer.replan.request import DayEvents, InvalidReplan, replan_problem

__all__ = ["DayEvents", "InvalidReplan", "replan_problem", "roster_changes", "team_day_changes"]
