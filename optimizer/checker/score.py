"""The score of a roster (SPEC §3 soft terms), recomputed from the assignments alone."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

from optimizer.checker.roster_view import RosterView
from optimizer.domain.solution import TERMS, Score
from optimizer.instance import Instance


def score_roster(instance: Instance, view: RosterView) -> Score:
    """Every term's unweighted value, its weighted value and the total."""
    preference = [_preference(instance, view, e) for e in range(len(instance.employees))]
    start_time = [_start_time(instance, view, e) for e in range(len(instance.employees))]
    terms = {
        "preference": sum(preference),
        "start_time": sum(start_time),
        "lonely_office_day": _lonely_office_days(instance, view),
        "fairness": max((p + s for p, s in zip(preference, start_time, strict=True)), default=0),
        "peak_occupancy": _peak_occupancy(instance, view),
        "change": _changes(instance, view),
        "pattern": _pattern(instance, view),
    }
    weighted = {term: instance.weights[term] * terms[term] for term in TERMS}
    return Score(terms=terms, weighted=weighted, total=sum(weighted.values()))


def _preference(instance: Instance, view: RosterView, e: int) -> int:
    employee = instance.employees[e]
    return sum(weight for d, location, weight in employee.day_preferences if view.location(e, d) != location)


def _start_time(instance: Instance, view: RosterView, e: int) -> int:
    employee = instance.employees[e]
    if employee.start_preference is None:
        return 0
    preferred, weight = employee.start_preference
    total = 0
    for day in instance.days:
        start = view.start(e, day.index)
        if view.location(e, day.index) not in (None, "off") and start is not None:
            total += weight * math.ceil(abs(start - preferred) / instance.step)
    return total


def _lonely_office_days(instance: Instance, view: RosterView) -> int:
    theta = instance.lonely_threshold
    colleagues: dict[tuple[str, str], list[int]] = {}
    for employee in instance.employees:
        if employee.team is not None and employee.site is not None:
            colleagues.setdefault((employee.team, employee.site), []).append(employee.index)
    lonely = 0
    for members in colleagues.values():
        for day in instance.days:
            available = [m for m in members if instance.employees[m].available[day.index]]
            present = [m for m in available if view.location(m, day.index) == "office"]
            k = len(available) - 1
            if k < 1:
                continue
            needed = math.ceil(theta * Fraction(k))
            # Each member in the office has len(present) - 1 teammates there.
            if len(present) - 1 < needed:
                lonely += len(present)
    return lonely


def _peak_occupancy(instance: Instance, view: RosterView) -> int:
    total = 0
    for site in instance.desks:
        per_day = Counter(
            day.index
            for employee in instance.employees
            if employee.site == site
            for day in instance.days
            if view.location(employee.index, day.index) == "office"
        )
        total += max(per_day.values(), default=0)
    return total


def _changes(instance: Instance, view: RosterView) -> int:
    return sum(view.location(e, d) != location for e, d, location in instance.previous)


def _pattern(instance: Instance, view: RosterView) -> int:
    """Counted (member, day) whose location does not match the team pattern's wish."""
    return sum(view.location(e, d) not in matching for e, d, matching in instance.pattern_cells)
