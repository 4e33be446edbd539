"""The page's routes: the HTML shell at every page URL, its assets, catalogues, examples, a job's problem."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path

from api.web.pages import STATIC_DIR
from tests.api.helpers import FINISHED, small_problem, wait_for

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_url_serves_the_shell_with_a_strict_policy(anonymous):
    for url in ("/", "/jobs/abc", "/jobs/abc/employees/e1", "/capacity/abc"):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html")
        assert '<script type="module" src="/static/js/app.js">' in response.text
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy


def test_assets_are_served_and_reference_nothing_outside_the_server(anonymous):
    scripts = sorted(STATIC_DIR.rglob("*.js"))
    assert len(scripts) >= 10
    for path in [*scripts, *STATIC_DIR.rglob("*.css"), STATIC_DIR / "index.html"]:
        relative = path.relative_to(STATIC_DIR).as_posix()
        if relative != "index.html":
            response = anonymous.get(f"/static/{relative}")
            assert response.status_code == 200, relative
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", ""), relative
        assert "https://" not in text, relative
        assert "//cdn" not in text and "@import" not in text, relative


def test_every_asset_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["api.web"]
    for path in STATIC_DIR.rglob("*"):
        if path.is_file():
            relative = path.relative_to(STATIC_DIR.parent).as_posix()
            assert any(fnmatch.fnmatch(relative, pattern) for pattern in globs), relative
    locales = config["tool"]["setuptools"]["package-data"]["optimizer.i18n"]
    assert locales == ["locale/*/LC_MESSAGES/*.po"]


def test_catalogues_need_no_key_and_unknown_languages_are_404(anonymous):
    response = anonymous.get("/v1/i18n/id")
    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == "id" and body["languages"] == ["en", "id"]
    assert body["messages"]["loc.office"] == "Kantor"
    missing = anonymous.get("/v1/i18n/fr")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no language 'fr'; supported: en, id"}


def test_examples_are_listed_and_served(alice, anonymous):
    assert anonymous.get("/v1/examples").status_code == 401
    response = alice.get("/v1/examples")
    assert response.status_code == 200
    items = {item["name"]: item for item in response.json()["items"]}
    assert {"team_week", "ministry_directorate", "infeasible", "team_of_three", "invalid"} <= set(items)
    assert items["ministry_directorate"]["employees"] == 120
    example = alice.get("/v1/examples/team_week")
    assert example.status_code == 200
    assert example.json() == json.loads((ROOT / "examples" / "team_week.json").read_text())
    assert alice.get("/v1/examples/nope").status_code == 404


def test_a_jobs_problem_and_working_days_belong_to_its_tenant(alice, bob):
    problem = small_problem()
    accepted = alice.post("/v1/jobs", json=problem, params={"time_limit": 5})
    assert accepted.status_code == 202
    job_id = accepted.json()["id"]
    wait_for(alice, f"/v1/jobs/{job_id}", lambda body: body["state"] in FINISHED)
    response = alice.get(f"/v1/jobs/{job_id}/problem")
    assert response.status_code == 200
    body = response.json()
    assert [e["id"] for e in body["problem"]["employees"]] == [e["id"] for e in problem["employees"]]
    assert body["working_days"] == ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]
    assert bob.get(f"/v1/jobs/{job_id}/problem").status_code == 404


def test_working_days_leave_out_public_holidays(alice):
    problem = {
        "horizon": {"start": "2026-08-24", "days": 5, "holiday_calendar": "ID"},
        "sites": [{"id": "hq", "desks": 1}],
        "employees": [{"id": "e1", "site": "hq"}],
    }
    job_id = alice.post("/v1/jobs", json=problem, params={"time_limit": 5}).json()["id"]
    body = alice.get(f"/v1/jobs/{job_id}/problem").json()
    assert body["working_days"] == ["2026-08-24", "2026-08-26", "2026-08-27", "2026-08-28"]
