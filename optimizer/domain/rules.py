"""Per-employee rules after merging: employee override, then policy, then defaults (SPEC §2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from optimizer.domain.problem import Employee, Policy

DEFAULTS: dict[str, dict[str, Any]] = {
    "weekly_hours": {"min": 40.0, "max": 40.0},
    "daily_hours": {"min": 8.0, "max": 8.0},
    "start": {"earliest": "07:00", "latest": "10:00"},
    "office_days": {"min": 0, "max": 7},
    "remote_days": {"max": 7},
}
ORDERED_PAIRS: dict[str, tuple[str, str]] = {
    "weekly_hours": ("min", "max"),
    "daily_hours": ("min", "max"),
    "start": ("earliest", "latest"),
    "office_days": ("min", "max"),
}


@dataclass(frozen=True)
class EmployeeRules:
    """The rules that bind one employee, every field filled in."""

    weekly_min: float
    weekly_max: float
    daily_min: float
    daily_max: float
    earliest: str
    latest: str
    office_min: int
    office_max: int
    remote_max: int


def merged_field(policy: Policy, employee: Employee | None, field: str) -> dict[str, Any]:
    """One rule object merged field by field: employee, then policy, then default."""
    merged = dict(DEFAULTS[field])
    for layer in (getattr(policy, field), getattr(employee, field, None) if employee else None):
        if isinstance(layer, BaseModel):
            merged.update({k: v for k, v in layer.model_dump().items() if v is not None})
    return merged


def employee_rules(policy: Policy, employee: Employee | None) -> EmployeeRules:
    """The fully merged rules of an employee (or of the policy alone when ``employee`` is None)."""
    weekly = merged_field(policy, employee, "weekly_hours")
    daily = merged_field(policy, employee, "daily_hours")
    start = merged_field(policy, employee, "start")
    office = merged_field(policy, employee, "office_days")
    remote = merged_field(policy, employee, "remote_days")
    return EmployeeRules(
        weekly_min=weekly["min"],
        weekly_max=weekly["max"],
        daily_min=daily["min"],
        daily_max=daily["max"],
        earliest=start["earliest"],
        latest=start["latest"],
        office_min=office["min"],
        office_max=office["max"],
        remote_max=remote["max"],
    )
