"""Desk sizing for facility managers (SPEC §4 "Capacity sizing").

``size_capacity(problem, CapacityRequest(...))`` returns a :class:`CapacityReport`:
per site the proven minimum desk count, the people-per-desk ratio, office
occupancy per weekday at the minimum, the trade-off curve up to where capacity
stops binding, and a what-if table of scenarios.
"""

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
    "size_capacity",
    "typical_week",
]
