"""Splitting an organisation's problem into one problem per office site (``--split-by site``)."""

from __future__ import annotations

from collections import Counter

from optimizer.domain.problem import RosterProblem


def home_site(problem: RosterProblem) -> dict[str, str]:
    """Each employee's office: their own site, else the site most of their team has, else the first."""
    first = problem.sites[0].id if problem.sites else "all"
    by_team: dict[str, Counter[str]] = {}
    for person in problem.employees:
        if person.team and person.site:
            by_team.setdefault(person.team, Counter())[person.site] += 1
    homes = {}
    for person in problem.employees:
        team_sites = by_team.get(person.team or "")
        homes[person.id] = person.site or (team_sites.most_common(1)[0][0] if team_sites else first)
    return homes


def split_by_site(problem: RosterProblem) -> dict[str, RosterProblem]:
    """One problem per site holding employees: that site, its employees, their teams (a team across
    sites keeps its rules in each part, with that part's members), meeting attendees, previous and
    frozen days of those employees. Resources are copied whole to every part."""
    homes = home_site(problem)
    parts: dict[str, RosterProblem] = {}
    for site in [s.id for s in problem.sites] or ["all"]:
        people = [p for p in problem.employees if homes[p.id] == site]
        if not people:
            continue
        ids = {p.id for p in people}
        teams = []
        for team in problem.teams:
            if not any(p.team == team.id for p in people):
                continue
            meetings = [
                m.model_copy(update={"attendees": [a for a in m.attendees if a in ids]})
                if m.attendees is not None
                else m
                for m in team.meetings
            ]
            teams.append(team.model_copy(update={"meetings": [m for m in meetings if m.attendees != []]}))
        parts[site] = problem.model_copy(
            update={
                "sites": [s for s in problem.sites if s.id == site],
                "employees": people,
                "teams": teams,
                "previous": [a for a in problem.previous if a.employee in ids],
                "frozen": [a for a in problem.frozen if a.employee in ids],
            }
        )
    return parts
