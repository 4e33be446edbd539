"""Large problems: solve groups of sites apart, then the whole with their rosters as a hint.

Employees interact through their site (desks, lonely office days, peak
occupancy) and their team (meetings, anchor days, minimum in the office).
Groups joined by neither are independent except for shared resources (VPN
seats) and the fairness maximum. Each group is solved on its own with its
share of every resource, which makes the union of the group rosters a valid
roster of the whole problem; the whole model then starts from it and proves
its bound.
"""

from __future__ import annotations

from collections import defaultdict

from optimizer.domain.problem import RosterProblem


def independent_groups(problem: RosterProblem) -> list[list[int]]:
    """Employee indices grouped so that no site or team spans two groups."""
    parent = list(range(len(problem.employees)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[tuple[str, str], int] = {}
    for index, employee in enumerate(problem.employees):
        for key in (("site", employee.site), ("team", employee.team)):
            if key[1] is None:
                continue
            if key in first_of:
                parent[find(index)] = find(first_of[key])
            else:
                first_of[key] = index
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(problem.employees)):
        groups[find(index)].append(index)
    return list(groups.values())


def _shares(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), never exceeding it."""
    whole = sum(weights)
    if whole == 0:
        return [0 for _ in weights]
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def subproblems(problem: RosterProblem, groups: list[list[int]]) -> list[RosterProblem]:
    """One problem per group, each with its proportional share of every resource."""
    users = {
        resource.id: [sum(resource.id in problem.employees[i].needs for i in group) for group in groups]
        for resource in problem.resources
    }
    result = []
    for g, group in enumerate(groups):
        employees = [problem.employees[i] for i in group]
        ids = {e.id for e in employees}
        sites = {e.site for e in employees}
        teams = {e.team for e in employees}
        resources = []
        for resource in problem.resources:
            weights = users[resource.id]
            capacity = _shares(resource.capacity, weights)[g]
            by_date = {date: _shares(value, weights)[g] for date, value in resource.capacity_by_date.items()}
            resources.append(resource.model_copy(update={"capacity": capacity, "capacity_by_date": by_date}))
        result.append(
            problem.model_copy(
                update={
                    "employees": employees,
                    "sites": [s for s in problem.sites if s.id in sites],
                    "teams": [t for t in problem.teams if t.id in teams],
                    "resources": resources,
                    "previous": [p for p in problem.previous if p.employee in ids],
                }
            )
        )
    return result
