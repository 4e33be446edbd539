"""The names of SPEC §3: hard constraints and soft terms, the one place they are written.

Solver-free, so that the checker and the explanations share the names (and
nothing else) with the model. Each hard constraint's row also says where it
stands in an explanation:

* ``explain_rank``: the order in which an explanation lists it (lower first:
  what a team lead can change comes before the rules of the working day);
* ``drop_rank``: the order in which the deletion filter tries to drop it
  (lower first: background rules, so that the explanation keeps what can be changed).

Adding a rule is one row here, one model module ``optimizer/model/constraints/<name>.py``
and one checker function in the table of ``optimizer/checker/check.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

LAST = 99
BACKGROUND, DAYS_OFF, ORDINARY = 0, 1, 2


@dataclass(frozen=True)
class HardRule:
    """One hard constraint of SPEC §3 and its place in explanations."""

    name: str
    explain_rank: int = LAST
    drop_rank: int = ORDINARY


HARD_RULES: tuple[HardRule, ...] = (
    HardRule("one_assignment"),
    HardRule("frozen", explain_rank=6),
    HardRule("unavailable"),
    HardRule("no_off_day", explain_rank=5, drop_rank=DAYS_OFF),
    HardRule("fixed", explain_rank=6),
    HardRule("allowed_location", explain_rank=7),
    HardRule("start_window", drop_rank=BACKGROUND),
    HardRule("span", drop_rank=BACKGROUND),
    HardRule("daily_hours", explain_rank=11, drop_rank=BACKGROUND),
    HardRule("weekly_hours", explain_rank=10, drop_rank=BACKGROUND),
    HardRule("core_hours", drop_rank=BACKGROUND),
    HardRule("opening_hours", drop_rank=BACKGROUND),
    HardRule("site_capacity", explain_rank=0),
    HardRule("resource_capacity", explain_rank=1),
    HardRule("office_days", explain_rank=8),
    HardRule("remote_days", explain_rank=9),
    HardRule("team_meeting", explain_rank=2),
    HardRule("anchor_days", explain_rank=3),
    HardRule("min_in_office", explain_rank=4),
)
RULES: dict[str, HardRule] = {rule.name: rule for rule in HARD_RULES}
HARD_CONSTRAINTS: tuple[str, ...] = tuple(RULES)

TERMS: tuple[str, ...] = (
    "preference",
    "start_time",
    "lonely_office_day",
    "fairness",
    "peak_occupancy",
    "change",
    "pattern",
)

# Not a rule: the explanation item given when no conflicting set could be isolated in time.
UNEXPLAINED = "unexplained"
