"""Explaining infeasibility: a small set of constraint instances that cannot hold together.

The model is rebuilt in explain mode, where every hard-constraint instance is
guarded by the literal of its group. CP-SAT's sufficient assumptions give a
first conflicting set; it is then shrunk by deletion (drop one group, and keep
it dropped if the rest is still infeasible) until every remaining group is
needed, or the time budget runs out.
"""

from __future__ import annotations

import datetime as dt
import time

from ortools.sat.python import cp_model

from optimizer.domain.clock import to_clock
from optimizer.domain.solution import ExplanationItem, Subject
from optimizer.instance import Instance
from optimizer.model.builder import build_model
from optimizer.model.context import GroupKey


def explain_infeasibility(instance: Instance, time_limit: float = 20.0) -> list[ExplanationItem]:
    """Name a minimal (when time allows) set of constraint instances that conflict."""
    deadline = time.perf_counter() + time_limit
    built = build_model(instance, explain=True, objective=False)
    groups = built.context.groups
    literal_to_key = {literal.index: key for key, literal in groups.items()}
    core = _core(built.model, list(groups.values()), deadline)
    if core is None:
        return [_unexplained()]
    kept = sorted((literal_to_key[index] for index in core), key=_deletion_order)
    kept = _shrink(built.model, groups, kept, deadline)
    return [_describe(instance, key) for key in sorted(kept, key=_order)]


def _core(model: cp_model.CpModel, literals: list, deadline: float) -> list[int] | None:
    """Indices of a set of group literals that is infeasible on its own."""
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return None
    core = list(solver.sufficient_assumptions_for_infeasibility())
    return core or [literal.index for literal in literals]


def _shrink(model, groups: dict[GroupKey, cp_model.IntVar], kept: list[GroupKey], deadline: float):
    """Deletion filter: drop each group in turn while the rest stays infeasible."""
    for key in list(kept):
        if time.perf_counter() > deadline or len(kept) == 1:
            break
        trial = [k for k in kept if k != key]
        model.clear_assumptions()
        model.add_assumptions([groups[k] for k in trial])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.2, min(5.0, deadline - time.perf_counter()))
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            core = set(solver.sufficient_assumptions_for_infeasibility())
            narrowed = [k for k in trial if groups[k].index in core]
            kept = narrowed or trial
    return kept


_BACKGROUND = ("daily_hours", "weekly_hours", "start_window", "span", "core_hours", "opening_hours")


def _deletion_order(key: GroupKey) -> int:
    """Try to drop background rules first, so the explanation keeps what a team lead can change."""
    if key.constraint in _BACKGROUND:
        return 0
    return 1 if key.constraint == "no_off_day" else 2


def _order(key: GroupKey) -> tuple:
    order = (
        "site_capacity",
        "resource_capacity",
        "team_meeting",
        "anchor_days",
        "min_in_office",
        "no_off_day",
        "fixed",
        "allowed_location",
        "office_days",
        "remote_days",
        "weekly_hours",
        "daily_hours",
    )
    rank = order.index(key.constraint) if key.constraint in order else len(order)
    return rank, key.subject


def _unexplained() -> ExplanationItem:
    return ExplanationItem(
        constraint="one_assignment",
        subject=Subject(),
        message="No roster exists, but no small conflicting set could be isolated in time.",
    )


def _describe(instance: Instance, key: GroupKey) -> ExplanationItem:
    """The group as a team lead reads it."""
    subject = key.subject_dict()
    employees = {e.id: e for e in instance.employees}
    employee = employees.get(subject.get("employee", ""))
    who = employee.label if employee else ""
    date = dt.date.fromisoformat(subject["date"]) if "date" in subject else None
    when = f"{date.strftime('%a')} {date}" if date else ""
    day = next((d for d in instance.days if d.date == date), None)
    week = subject.get("week", "")
    message = _MESSAGES.get(key.constraint, lambda *_: key.constraint)(
        instance, subject, who, when, day, week, employee
    )
    fields = {name: value for name, value in subject.items()}
    if date:
        fields["date"] = date
    return ExplanationItem(constraint=key.constraint, subject=Subject(**fields), message=message)


def _team_name(label: str) -> str:
    """ "Team Finance", without doubling the word when the name already says it."""
    return label if label.lower().startswith("team") else f"Team {label}"


def _site_capacity(instance, subject, who, when, day, week, employee):
    site = subject["site"]
    name = next((s.name or s.id for s in instance.problem.sites if s.id == site), site)
    return f"{name} has only {instance.desks[site][day.index]} desks on {when}."


def _resource_capacity(instance, subject, who, when, day, week, employee):
    resource = subject["resource"]
    users = sum(resource in e.needs and e.available[day.index] for e in instance.employees)
    return (
        f"Only {instance.capacity[resource][day.index]} {resource} seats on {when} for the "
        f"{users} available staff who need {resource} when away from the office."
    )


def _team_meeting(instance, subject, who, when, day, week, employee):
    team = instance.teams[subject["team"]]
    meetings = team.meetings.get(day.index, [])
    people = set().union(*(m.attendees for m in meetings)) if meetings else set()
    times = ", ".join(f"{m.name} {to_clock(m.start)}–{to_clock(m.end)}" for m in meetings)
    return (
        f"{_team_name(team.label)} meets in the office on {when} ({times}): "
        f"all {len(people)} attending members must be there."
    )


def _anchor_days(instance, subject, who, when, day, week, employee):
    team = instance.teams[subject["team"]]
    return (
        f"{_team_name(team.label)} needs {team.anchor_days} anchor day(s) in week {week} "
        "with every member who can come in the office."
    )


def _min_in_office(instance, subject, who, when, day, week, employee):
    team = instance.teams[subject["team"]]
    return f"{_team_name(team.label)} needs at least {team.min_in_office} members in the office on {when}."


def _no_off_day(instance, subject, who, when, day, week, employee):
    return f"Days off are not allowed: everyone available must work every working day of {week}."


def _fixed(instance, subject, who, when, day, week, employee):
    return f"{who} is fixed to work at {employee.fixed[day.index]} on {when}."


def _allowed_location(instance, subject, who, when, day, week, employee):
    return f"{who} may only work at: {', '.join(sorted(employee.locations))}."


def _office_days(instance, subject, who, when, day, week, employee):
    low, high = instance.office_bounds(employee.index, week)
    available = sum(employee.available[d] for d in instance.weeks[week])
    return (
        f"{who} must work {low}–{high} days in the office in week {week} "
        f"({available} available working days)."
    )


def _remote_days(instance, subject, who, when, day, week, employee):
    return f"{who} may work at most {employee.rules.remote_max} days away from the office in week {week}."


def _weekly_hours(instance, subject, who, when, day, week, employee):
    low, high = instance.weekly_bounds(employee.index, week)
    available = sum(employee.available[d] for d in instance.weeks[week])
    return (
        f"{who} must work {low / 60:g}–{high / 60:g} h in week {week} "
        f"over {available} available working days."
    )


def _daily_hours(instance, subject, who, when, day, week, employee):
    return f"{who} works {employee.daily_min / 60:g}–{employee.daily_max / 60:g} h on a worked day."


def _start_window(instance, subject, who, when, day, week, employee):
    return f"{who} starts between {to_clock(employee.earliest)} and {to_clock(employee.latest)}."


def _span(instance, subject, who, when, day, week, employee):
    return f"{who}'s working day, with its break, must end by 24:00."


def _core_hours(instance, subject, who, when, day, week, employee):
    core = instance.problem.policy.core_hours
    return f"{who} must cover core hours {core.start}–{core.end} on every worked day."


def _opening_hours(instance, subject, who, when, day, week, employee):
    site = next(s for s in instance.problem.sites if s.id == subject["site"])
    return f"{who}'s office days must fit within {site.name or site.id}'s hours {site.open}–{site.close}."


_MESSAGES = {
    "site_capacity": _site_capacity,
    "resource_capacity": _resource_capacity,
    "team_meeting": _team_meeting,
    "anchor_days": _anchor_days,
    "min_in_office": _min_in_office,
    "no_off_day": _no_off_day,
    "fixed": _fixed,
    "allowed_location": _allowed_location,
    "office_days": _office_days,
    "remote_days": _remote_days,
    "weekly_hours": _weekly_hours,
    "daily_hours": _daily_hours,
    "start_window": _start_window,
    "span": _span,
    "core_hours": _core_hours,
    "opening_hours": _opening_hours,
}
