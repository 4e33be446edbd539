"""How many solves a sizing request may run, so that a caller can bound its time.

Per sized site (and again per scenario): the peak minimisation and its checks
at one desk fewer (see :func:`optimizer.capacity.minimum.minimum_desks`), the
solve with unlimited desks, and the curve: its points plus the bisection of
its last step. Scenarios are sized without a curve (one point). A site found
infeasible runs one explanation instead (``explain_time_limit``).
"""

from __future__ import annotations

import math

from optimizer.capacity.minimum import MAX_DROPS, site_staff
from optimizer.capacity.models import CapacityRequest
from optimizer.domain.problem import RosterProblem


def minimum_solves(request: CapacityRequest) -> int:
    """Solves of one site's minimum: the peak search, then at most one check per drop."""
    return 1 + (MAX_DROPS if request.prove_minimum else 0)


def curve_solves(staff: int, request: CapacityRequest, curve: bool) -> int:
    """Solves of one site's curve: each point, then the bisection of the last step."""
    if not curve:
        return 1
    points = request.curve_max_points
    # The curve spans at most the site's staff: from the minimum up to the unlimited roster's peak.
    span = staff if request.desks_to is None else max(0, min(staff, request.desks_to))
    step = span + 1 if points <= 1 else max(1, math.ceil(span / (points - 1)))
    return points + math.ceil(math.log2(step)) if step > 1 else points


def site_solves(staff: int, request: CapacityRequest, curve: bool) -> int:
    """Solves of sizing one site: minimum, the unlimited roster, the curve."""
    return minimum_solves(request) + 1 + curve_solves(staff, request, curve)


def sized_sites(problem: RosterProblem, request: CapacityRequest) -> list[str]:
    """The sites a request sizes (each again per scenario)."""
    return request.sites if request.sites is not None else [site.id for site in problem.sites]


def max_solves(problem: RosterProblem, request: CapacityRequest) -> int:
    """The most solves (each within ``request.time_limit``) a sizing of ``problem`` may run."""
    sites = sized_sites(problem, request)
    baseline = sum(site_solves(site_staff(problem, site), request, request.curve) for site in sites)
    # Scenario overrides may change the staff, but a scenario's single point does not depend on it.
    scenarios = len(request.scenarios) * len(sites) * site_solves(0, request, curve=False)
    return baseline + scenarios


def max_explanations(problem: RosterProblem, request: CapacityRequest) -> int:
    """The most explanations (each within ``request.explain_time_limit``) a sizing may run."""
    return len(sized_sites(problem, request)) * (1 + len(request.scenarios))
