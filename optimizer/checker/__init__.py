"""The independent checker: violations and score of any roster, without a solver."""

from optimizer.checker.check import check
from optimizer.checker.score import score_roster

__all__ = ["check", "score_roster"]
