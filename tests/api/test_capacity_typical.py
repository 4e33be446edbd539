"""POST /v1/capacity with ``"typical": true``: the policy is sized without this week's dates."""

from __future__ import annotations

from optimizer import RosterSolution
from optimizer.capacity import typical_week
from optimizer.capacity.minimum import with_site_desks
from tests.api.helpers import finished, wait_for
from tests.capacity.problems import FOUR_OFFICE_DAYS, this_week
from tests.helpers import assert_checked


def _sized(client, options: dict) -> dict:
    problem = this_week().model_dump(mode="json")
    response = client.post("/v1/capacity", json={"problem": problem, "options": options})
    assert response.status_code == 202, response.text
    body = wait_for(client, response.headers["location"], finished, timeout=120)
    assert body["state"] == "done", body
    return body["capacity"]


def test_typical_week_over_the_api_reports_what_it_dropped(alice):
    options = {
        "time_limit": 10,
        "curve_max_points": 3,
        "include_rosters": True,
        "scenarios": [FOUR_OFFICE_DAYS],
    }
    week = _sized(alice, options)
    assert week["typical"] is False and week["dropped"] == []
    (row,) = [r for r in week["scenarios"] if r["scenario"] == "4 office days"]
    assert row["feasible"] is False and {e["constraint"] for e in row["explanation"]} >= {"fixed"}

    report = _sized(alice, {**options, "typical": True})
    assert report["typical"] is True
    assert [(d["field"], d["employee"], d["dates"]) for d in report["dropped"]] == [
        ("fixed", "p0", ["2026-12-07", "2026-12-08"]),
        ("unavailable", "p1", ["2026-12-09"]),
        ("previous", "p2", ["2026-12-07", "2026-12-08"]),
    ]
    (site,) = report["sites"]
    assert (site["minimum_desks"], site["proven"]) == (3, True)
    assert [w["weekday"] for w in site["natural_demand"]] == ["mon", "tue", "wed", "thu", "fri"]
    (row,) = [r for r in report["scenarios"] if r["scenario"] == "4 office days"]
    assert (row["feasible"], row["minimum_desks"]) == (True, 4)
    typical = typical_week(this_week())[0]
    for point in site["curve"]:
        solution = RosterSolution.model_validate(point["solution"])
        assert_checked(with_site_desks(typical, "hq", point["desks"]), solution)
        assert solution.objective == point["objective"]


def test_typical_must_be_a_boolean(alice):
    problem = this_week().model_dump(mode="json")
    response = alice.post("/v1/capacity", json={"problem": problem, "options": {"typical": "sometimes"}})
    assert response.status_code == 422
    assert [item["loc"] for item in response.json()["detail"]] == [["body", "options", "typical"]]
