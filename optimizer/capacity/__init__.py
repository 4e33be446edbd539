"""Desk sizing for facility managers (SPEC §4 "Capacity sizing").

``size_capacity(problem, CapacityRequest(...))`` returns a :class:`CapacityReport`:
per site the proven minimum desk count, the people-per-desk ratio, office
occupancy per weekday at the minimum, the trade-off curve up to where capacity
stops binding, and a what-if table of scenarios. ``max_solves`` and
``max_explanations`` bound the work of a request (e.g. for a job deadline).
"""

from optimizer.capacity.budget import max_explanations, max_solves
from optimizer.capacity.models import (
    CapacityProgress,
    CapacityReport,
    CapacityRequest,
    CurvePoint,
    DroppedInput,
    Scenario,
    ScenarioRow,
    SiteCapacity,
    WeekdayOccupancy,
)
from optimizer.capacity.overrides import apply_overrides
from optimizer.capacity.sizing import size_capacity
from optimizer.capacity.typical import typical_week

__all__ = [
    "CapacityProgress",
    "CapacityReport",
    "CapacityRequest",
    "CurvePoint",
    "DroppedInput",
    "Scenario",
    "ScenarioRow",
    "SiteCapacity",
    "WeekdayOccupancy",
    "apply_overrides",
    "max_explanations",
    "max_solves",
    "size_capacity",
    "typical_week",
]
