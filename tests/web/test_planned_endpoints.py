"""The page's parts over endpoints that servers gain over time: re-plan, why, calendar publishing.

Each test asks the server first and is skipped only while the endpoint answers 404.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from optimizer import parse_problem
from tests.api.helpers import assert_solution_checked
from tests.web.conftest import KEY, start_server, stop_server
from tests.web.test_planner import final_job, open_example, solve


def skip_unless_offered(server, path: str, reason: str) -> None:
    """Skip while the server does not have the endpoint (a real one answers an empty body with 422)."""
    if server.client.post(path, json={}).status_code == 404:
        pytest.skip(reason)


def effective_problem(server, job_id: str, published: dict) -> dict:
    """The problem a re-plan job solved: its own, with the published days and the day's changes."""
    from optimizer.domain.solution import Assignment
    from optimizer.replan.request import DayEvents, replan_problem

    body = server.client.get(f"/v1/jobs/{job_id}/problem").json()
    events = body["replan"]
    problem = parse_problem(body["problem"])
    roster = [Assignment.model_validate(a) for a in published["solution"]["assignments"]]
    day = dt.date.fromisoformat
    changes = DayEvents(
        unavailable={e: [day(d) for d in dates] for e, dates in events["unavailable"].items()},
        desks={s: {day(d): n for d, n in dates.items()} for s, dates in events["desks"].items()},
    )
    built = replan_problem(problem, roster, day(events["from"]), changes).problem
    return built.model_dump(mode="json")


def office_cell(problem: dict, solution: dict) -> dict:
    """An office day that may move home: not fixed, for someone allowed at home."""
    people = {e["id"]: e for e in problem["employees"]}
    for a in solution["assignments"]:
        person = people[a["employee"]]
        movable = "home" in (person.get("locations") or ["office", "home", "other"])
        if movable and a["location"] == "office" and a["date"] not in (person.get("fixed") or {}):
            return a
    raise AssertionError("no office day to move")


def test_pin_a_cell_and_mark_leave_then_replan_changes_only_what_is_listed(page, server):
    open_example(page, server, "team_week")
    published_id = solve(page)
    skip_unless_offered(server, f"/v1/jobs/{published_id}/replan", "re-plan endpoint not available")
    published, problem = final_job(server, published_id)
    moved = office_cell(problem, published["solution"])
    leave = next(
        a
        for a in published["solution"]["assignments"]
        if a["date"] > moved["date"] and a["employee"] != moved["employee"] and a["location"] != "off"
    )
    page.locator(f"#cell-{moved['employee']}-{moved['date']}").click()
    page.locator("#cell-dialog [data-pin=home]").click()
    page.locator(f"#cell-{leave['employee']}-{leave['date']}").click()
    page.locator("#cell-dialog [data-pin=leave]").click()
    expect(page.locator("#pending-count")).to_have_text("2 changes waiting for a re-plan")
    expect(page.locator(f"#cell-{moved['employee']}-{moved['date']}")).to_have_class(
        re.compile(r"\bpending\b")
    )
    page.locator("#replan").click()
    expect(page).not_to_have_url(re.compile(f"/jobs/{published_id}$"), timeout=30_000)
    expect(page.locator("main[data-ready=jobView]")).to_be_attached(timeout=90_000)
    replanned_id = page.url.rsplit("/", 1)[1]
    job, _ = final_job(server, replanned_id)
    solution = job["solution"]
    assert_solution_checked(effective_problem(server, replanned_id, published), solution)
    after = {(a["employee"], a["date"]): a for a in solution["assignments"]}
    assert after[(moved["employee"], moved["date"])]["location"] == "home"
    assert after[(leave["employee"], leave["date"])]["location"] == "off"
    before = {(a["employee"], a["date"]): a for a in published["solution"]["assignments"]}
    differ = {
        cell
        for cell, a in after.items()
        if (a["location"], a.get("start"), a.get("hours"))
        != (before[cell]["location"], before[cell].get("start"), before[cell].get("hours"))
    }
    assert {(c["employee"], c["date"]) for c in solution["changes"]} == differ
    highlighted = page.locator("td.cell.changed")
    expect(highlighted).to_have_count(len(differ))
    for employee, date in differ:
        expect(page.locator(f"#cell-{employee}-{date}")).to_have_class(re.compile(r"\bchanged\b"))
    expect(page.locator("#changes li")).to_have_count(len(solution["changes"]))
    expect(page.locator(f"#cell-{leave['employee']}-{leave['date']} .loc")).to_have_text("Leave")
    expect(page.locator("#parent a")).to_have_attribute("href", f"/jobs/{published_id}")


def test_why_on_a_cell_shows_the_answer(page, server):
    skip_unless_offered(server, "/v1/why", "why endpoint not available")
    open_example(page, server, "team_of_three")
    solve(page)
    page.locator("#cell-e1-2026-12-08").click()
    page.locator("#why-button").click()
    answer = page.locator("#why-answer")
    expect(answer.locator("li").first).to_be_visible(timeout=60_000)
    expect(answer.locator(".error")).to_have_count(0)


def test_publish_gives_a_subscription_link_that_serves_the_calendar(page, server):
    open_example(page, server, "team_of_three")
    job_id = solve(page)
    skip_unless_offered(server, f"/v1/jobs/{job_id}/publish", "publish endpoint not available")
    page.goto(f"{server.base}/jobs/{job_id}/employees/e1")
    page.locator("#publish").click()
    link = page.locator("#feed-link")
    expect(link).to_be_visible()
    feed = httpx.get(link.get_attribute("href"), timeout=30)
    assert feed.status_code == 200 and feed.text.startswith("BEGIN:VCALENDAR")


def test_without_these_endpoints_the_page_says_so(page, server):
    """While an endpoint is missing, the page says the server does not offer it (no error dump)."""
    open_example(page, server, "team_of_three")
    job_id = solve(page)
    if server.client.post("/v1/why", json={}).status_code != 404:
        pytest.skip("the why endpoint is available")
    page.locator("#cell-e1-2026-12-08").click()
    page.locator("#why-button").click()
    expect(page.locator("#why-answer")).to_have_text("This server does not offer this yet.")
    assert job_id


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("keyed")
    process, running = start_server(root / "data", root / "server.log", ROSTER_API_KEYS=f"web={KEY}")
    try:
        yield running
    finally:
        stop_server(process, running)


def test_with_api_keys_the_page_asks_once_and_keeps_the_key_in_the_tab(browser, keyed_server):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(keyed_server.base + "/")
        dialog = page.locator("#key-dialog")
        expect(dialog).to_be_visible()
        expect(page.locator("#key-error")).to_be_hidden()
        page.locator("#key-input").fill("wrong-key")
        page.keyboard.press("Enter")
        expect(page.locator("#key-error")).to_be_visible()
        page.locator("#key-input").fill(KEY)
        page.keyboard.press("Enter")
        expect(page.locator("[data-example=team_of_three]")).to_be_visible()
        assert page.evaluate("sessionStorage.getItem('roster.apiKey')") == KEY
        assert KEY not in page.evaluate("JSON.stringify(localStorage)")
        page.locator("[data-example=team_of_three]").click()
        job_id = solve(page)
        page.reload()
        expect(page.locator("main[data-ready=jobView]")).to_be_attached()
        expect(dialog).to_be_hidden()
        assert keyed_server.client.get(f"/v1/jobs/{job_id}").json()["solution"]["status"] == "optimal"
        other = context.browser.new_context().new_page()
        other.goto(f"{keyed_server.base}/jobs/{job_id}")
        expect(other.locator("#key-dialog")).to_be_visible()
        other.context.close()
    finally:
        context.close()


def test_replan_sends_leave_as_unavailable_and_pins_as_fixed_days_of_the_problem(page, server):
    """The body the page sends, whatever the server (the request is answered here, by interception)."""
    open_example(page, server, "team_week")
    job_id = solve(page)
    published, problem = final_job(server, job_id)
    moved = office_cell(problem, published["solution"])
    leave = next(
        a
        for a in published["solution"]["assignments"]
        if a["date"] > moved["date"] and a["employee"] != moved["employee"] and a["location"] != "off"
    )
    sent: list[dict] = []

    def answer(route):
        sent.append(route.request.post_data_json)
        route.fulfill(status=202, json={"id": job_id, "kind": "solve", "state": "done", "url": ""})

    page.route(f"{server.base}/v1/jobs/{job_id}/replan", answer)
    page.locator(f"#cell-{leave['employee']}-{leave['date']}").click()
    page.locator("#cell-dialog [data-pin=leave]").click()
    page.locator(f"#cell-{moved['employee']}-{moved['date']}").click()
    page.locator("#cell-dialog [data-pin=home]").click()
    page.locator("#replan").click()
    expect(page.locator("#edit-bar")).to_be_hidden()
    assert len(sent) == 1
    body = sent[0]
    assert body["from"] == moved["date"]
    assert body["unavailable"] == {leave["employee"]: [leave["date"]]}
    expected = json.loads(json.dumps(problem))
    person = next(e for e in expected["employees"] if e["id"] == moved["employee"])
    person["fixed"] = {**(person.get("fixed") or {}), moved["date"]: "home"}
    assert body["problem"] == expected


def test_why_lists_each_alternative_with_its_rules_or_cost(page, server):
    """The answer of POST /v1/why rendered in words (answered here, in the endpoint's documented shape)."""
    open_example(page, server, "team_of_three")
    solve(page)
    sent: list[dict] = []
    rule = "Team Finance meets in the office on Tue 2026-12-08 (Weekly 09:00–11:00): all 3 must be there."
    reply = {
        "employee": "e1",
        "date": "2026-12-08",
        "current": {"location": "office", "start": "08:00", "hours": 8.0},
        "alternatives": [
            {
                "location": "home",
                "possible": False,
                "conflicts": [{"constraint": "team_meeting", "subject": {"team": "fin"}, "message": rule}],
                "summary": "Impossible: team_meeting.",
            },
            {"location": "other", "possible": False, "conflicts": [], "summary": "Impossible: team_meeting."},
        ],
    }

    def answer(route):
        sent.append(route.request.post_data_json)
        route.fulfill(json=reply)

    page.route(f"{server.base}/v1/why", answer)
    page.locator("#cell-e1-2026-12-08").click()
    page.locator("#why-button").click()
    items = page.locator("#why-answer ul.why > li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Home: not possible")
    expect(items.nth(0)).to_contain_text(rule)
    expect(page.locator("#why-answer")).to_contain_text("Now: Office 08:00 8 h")
    assert sent[0]["employee"] == "e1" and sent[0]["date"] == "2026-12-08"
    assert isinstance(sent[0]["roster"], list) and len(sent[0]["roster"]) == 15
    assert [e["id"] for e in sent[0]["problem"]["employees"]] == ["e1", "e2", "e3"]


def test_a_staff_sheet_is_imported_and_its_errors_name_row_and_column(page, server):
    skip_unless_offered(server, "/v1/import", "import endpoint not available")
    base = {"horizon": {"start": "2026-12-07", "days": 5}, "sites": [{"id": "hq", "desks": 3}]}
    page.goto(server.base + "/")
    page.locator("details.import summary").click()
    bad = b"id,name,site,weekly_hours_min\ne1,Ayu,hq,forty\ne2,Budi,hq,40\n"
    page.locator("#import-sheet").set_input_files(
        files=[{"name": "staff.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.locator("#import-base").set_input_files(
        files=[{"name": "org.json", "mimeType": "application/json", "buffer": json.dumps(base).encode()}]
    )
    page.locator("#import-button").click()
    error = page.locator(".errors li").first
    expect(error).to_contain_text("staff sheet, row")
    expect(error).to_contain_text("weekly_hours_min")
    good = b"id,name,site\ne1,Ayu,hq\ne2,Budi,hq\ne3,Citra,hq\n"
    page.locator("#import-sheet").set_input_files(
        files=[{"name": "staff.csv", "mimeType": "text/csv", "buffer": good}]
    )
    page.locator("#import-button").click()
    expect(page.locator("#problem-status .loaded")).to_contain_text("3 employees")
    job_id = solve(page)
    job, problem = final_job(server, job_id)
    assert [e["id"] for e in problem["employees"]] == ["e1", "e2", "e3"]
    assert_solution_checked(problem, job["solution"])


def test_the_workbook_and_a_team_calendar_download(page, server):
    open_example(page, server, "team_week")
    job_id = solve(page)
    if server.client.get(f"/v1/jobs/{job_id}/roster.xlsx").status_code == 404:
        pytest.skip("XLSX export not available")
    with page.expect_download() as workbook:
        page.locator("#download-xlsx").click()
    assert Path(workbook.value.path()).read_bytes()[:2] == b"PK"
    page.goto(f"{server.base}/jobs/{job_id}?team=design")
    with page.expect_download() as calendar:
        page.locator("#download-team-ics").click()
    assert Path(calendar.value.path()).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_a_missing_export_is_reported_not_dumped(page, server):
    open_example(page, server, "team_of_three")
    job_id = solve(page)
    if server.client.get(f"/v1/jobs/{job_id}/roster.xlsx").status_code != 404:
        pytest.skip("the XLSX export is available")
    page.locator("#download-xlsx").click()
    expect(page.locator("#download-out")).to_have_text("This server does not offer this yet.")
