"""POST /v1/batches and GET /v1/batches/{id}: one job per office, followed to the end."""

from __future__ import annotations

import csv
import io

from optimizer.generator import GeneratorSettings, generate
from tests.api.helpers import assert_solution_checked, small_problem, wait_for


def _finished(body: dict) -> bool:
    return body["finished"]


def test_a_batch_of_offices_runs_each_as_a_job(alice, bob):
    offices = [
        {"office": "jakarta", "problem": small_problem()},
        {"office": "bandung", "problem": small_problem(seed=1)},
    ]
    response = alice.post("/v1/batches", params={"time_limit": 5}, json={"offices": offices})
    assert response.status_code == 202, response.text
    location = response.headers["location"]
    assert response.json()["offices"] == 2
    body = wait_for(alice, location, _finished)
    assert body["total"] == 2 and body["counts"] == {"done": 2}
    assert [o["office"] for o in body["offices"]] == ["jakarta", "bandung"]
    for office, sent in zip(body["offices"], offices, strict=True):
        assert office["employees"] == 12 and office["status"] in {"optimal", "feasible"}
        job = alice.get(f"/v1/jobs/{office['job']}").json()
        assert job["objective"] == office["objective"]
        assert_solution_checked(sent["problem"], job["solution"])
    rows = list(csv.DictReader(io.StringIO(alice.get(f"{location}/summary.csv").text)))
    assert [row["office"] for row in rows] == ["jakarta", "bandung"]
    assert list(rows[0]) == ["office", "employees", "status", "objective", "gap", "seconds"]
    assert bob.get(location).status_code == 404  # another key's batch


def test_an_organisation_split_by_site(alice):
    organisation = generate(GeneratorSettings(employees=16, teams=2, sites=2, seed=3))
    data = organisation.model_dump(mode="json", exclude_defaults=True)
    response = alice.post("/v1/batches", params={"time_limit": 5}, json={"problem": data, "split_by": "site"})
    assert response.status_code == 202, response.text
    body = wait_for(alice, response.headers["location"], _finished)
    sites = {site.id for site in organisation.sites}
    assert {o["office"] for o in body["offices"]} <= sites
    assert sum(o["employees"] for o in body["offices"]) == 16
    for office in body["offices"]:
        job = alice.get(f"/v1/jobs/{office['job']}").json()
        problem = alice.get(f"/v1/jobs/{office['job']}/problem").json()["problem"]
        assert job["state"] == "done"
        assert {s["id"] for s in problem["sites"]} == {office["office"]}
        assert_solution_checked(problem, job["solution"])


def test_bad_offices_are_422_with_their_paths(alice):
    broken = small_problem() | {"employees": [{"id": "e1", "team": "nope"}]}
    offices = [
        {"office": "a", "problem": small_problem()},
        {"office": "a", "problem": broken},
    ]
    response = alice.post("/v1/batches", json={"offices": offices})
    assert response.status_code == 422
    locs = [tuple(error["loc"]) for error in response.json()["detail"]]
    assert ("body", "offices", 1, "office") in locs
    assert any(loc[:4] == ("body", "offices", 1, "problem") and len(loc) > 4 for loc in locs)
    assert alice.post("/v1/batches", json={"offices": []}).status_code == 422
    response = alice.post("/v1/batches", json={"problem": small_problem()})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body"]
