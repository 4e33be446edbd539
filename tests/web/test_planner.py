"""The web planner in a real Chromium against the real server: every view, as a user drives it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.api.helpers import FINISHED, assert_solution_checked, slow_problem
from tests.web.conftest import Recorder, Server

LABELS = {"office": "Office", "home": "Home", "other": "Other location", "off": "Off"}


def open_example(page: Page, server: Server, name: str) -> None:
    """The start page with an example loaded."""
    page.goto(server.base + "/")
    page.locator(f"[data-example={name}]").click()
    expect(page.locator("#problem-status .loaded")).to_be_visible()


def solve(page: Page, timeout: float = 90_000) -> str:
    """Press Solve and wait for the job's final view; the job id."""
    page.locator("#solve").click()
    expect(page.locator("main[data-ready=jobView]")).to_be_attached(timeout=timeout)
    match = re.search(r"/jobs/([0-9a-f]+)$", page.url)
    assert match, page.url
    return match[1]


def final_job(server: Server, job_id: str) -> tuple[dict, dict]:
    """The finished job and its problem, from the API."""
    job = server.client.get(f"/v1/jobs/{job_id}").json()
    assert job["state"] in FINISHED
    problem = server.client.get(f"/v1/jobs/{job_id}/problem").json()["problem"]
    return job, problem


def test_solving_an_example_shows_every_employee_cell_and_the_occupancy(page, server, shots):
    open_example(page, server, "team_week")
    job_id = solve(page)
    job, problem = final_job(server, job_id)
    solution = job["solution"]
    assert_solution_checked(problem, solution)
    expect(page.locator("#status")).to_contain_text("Optimal roster")
    score = solution["score"]
    words = {
        "preference": "unmet preference points",
        "lonely_office_day": "lonely office days",
        "pattern": "days off the team pattern",
    }
    counted = [term for term in words if score["weighted"][term]]
    assert counted, "the example's score counts some term"
    for term in counted:
        expect(page.locator("#score")).to_contain_text(f"{score['terms'][term]} {words[term]}")
    expect(page.locator("#score")).to_contain_text(f"score {solution['score']['total']}")
    assert solution["score"]["weighted"]["peak_occupancy"] == 0  # a term that does not count is not listed
    expect(page.locator("#score")).not_to_contain_text("peak office use")

    rows = page.locator("tr.person")
    expect(rows).to_have_count(len(problem["employees"]))
    for employee in problem["employees"]:
        expect(page.locator(f"#row-{employee['id']}")).to_contain_text(employee["name"])
    for a in solution["assignments"]:
        cell = page.locator(f"#cell-{a['employee']}-{a['date']}")
        on_leave = a["date"] in next(e for e in problem["employees"] if e["id"] == a["employee"]).get(
            "unavailable", []
        )
        expect(cell.locator(".loc")).to_have_text("Leave" if on_leave else LABELS[a["location"]])
        if a["location"] != "off":
            expect(cell.locator(".time")).to_have_text(f"{a['start']}–{a['end']} · {a['hours']:g} h")
    for row in solution["occupancy"]:
        expect(page.locator(f"#site-{row['site']}-{row['date']}")).to_contain_text(
            f"{row['office']} of {row['desks']} desks"
        )
    for team in problem["teams"]:
        expect(page.locator(f"#team-{team['id']}")).to_be_visible()
    # Sprint planning (Monday) is shown in the Product team's header row and counted in the day header.
    expect(page.locator("#team-product")).to_contain_text("Sprint planning")
    expect(page.locator("#day-2026-09-07")).to_contain_text("meetings: 1")
    expect(page.locator("#cell-ayu-2026-09-07 .badge.pin")).to_have_text("pinned")
    page.screenshot(path=str(shots / "week.png"))


def test_the_grid_is_keyboard_navigable_and_a_cell_opens_its_dialog(page, server):
    open_example(page, server, "team_of_three")
    solve(page)
    first = page.locator("#cell-e1-2026-12-07")
    expect(first).to_have_attribute("tabindex", "0")
    first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#cell-e1-2026-12-08")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#cell-e2-2026-12-08")).to_be_focused()
    page.keyboard.press("End")
    expect(page.locator("#cell-e2-2026-12-11")).to_be_focused()
    spoken = re.compile(r"^Budi, Fri 11 Dec, ")
    expect(page.locator("#cell-e2-2026-12-11")).to_have_attribute("aria-label", spoken)
    page.keyboard.press("Enter")
    dialog = page.locator("#cell-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("h2")).to_have_text("Budi, 11 December 2026")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("#cell-e2-2026-12-11")).to_be_focused()


def test_an_infeasible_example_explains_itself_with_links_to_what_is_involved(page, server, shots):
    open_example(page, server, "infeasible")
    job_id = solve(page)
    job, _ = final_job(server, job_id)
    items = job["solution"]["explanation"]
    assert job["solution"]["status"] == "infeasible" and items
    expect(page.locator("#status")).to_contain_text("No roster satisfies every rule")
    listed = page.locator("#explanation li")
    expect(listed).to_have_count(len(items))
    for index, item in enumerate(items):
        expect(listed.nth(index)).to_contain_text(item["message"])
    capacity = next(i for i in items if i["constraint"] == "site_capacity")
    site, date = capacity["subject"]["site"], capacity["subject"]["date"]
    page.locator("#explanation li[data-constraint=site_capacity] a.subject").first.click()
    target = page.locator(f"#site-{site}-{date}")
    expect(target).to_have_class(re.compile(r"\bhighlight\b"))
    expect(target).to_be_focused()
    expect(target).to_contain_text("12")
    page.locator("#explanation").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "explanation.png"))
    meeting = next(i for i in items if i["constraint"] == "team_meeting")
    page.locator("#explanation li[data-constraint=team_meeting] a.subject").first.click()
    expect(page.locator(f"#team-{meeting['subject']['team']}")).to_have_class(re.compile(r"\bhighlight\b"))


def test_validation_errors_are_listed_with_their_json_path(page, server, recorder):
    open_example(page, server, "invalid")
    page.locator("#solve").click()
    errors = page.locator(".errors li")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("policy.start.earliest")
    expect(errors.nth(0)).to_contain_text("not on the 30-minute grid")
    expect(errors.nth(1)).to_contain_text("employees[1].team")
    expect(errors.nth(1)).to_contain_text("unknown team 'fni'")
    assert page.url == server.base + "/"


def test_a_file_that_is_not_json_is_named_in_the_message(page, server):
    page.goto(server.base + "/")
    page.locator("#problem-file").set_input_files(
        files=[{"name": "week.json", "mimeType": "application/json", "buffer": b'{"horizon": '}]
    )
    expect(page.locator("#messages .error")).to_contain_text("week.json is not valid JSON")


def test_switching_to_indonesian_translates_the_page_and_is_remembered(page, server, shots):
    open_example(page, server, "team_of_three")
    page.locator("#lang").select_option("id")
    expect(page.locator("h1")).to_have_text("Rencanakan jadwal")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("#solve")).to_have_text("Susun jadwal")
    solve(page)
    expect(page.locator("#status")).to_contain_text("Jadwal optimal")
    expect(page.locator("#status")).to_contain_text("makin kecil makin baik")
    expect(page.locator("#cell-e1-2026-12-07 .loc")).to_have_text(re.compile("^(Kantor|Rumah|Lokasi lain)$"))
    expect(page.locator("th.day").first).to_contain_text("Sen 7 Des")
    page.screenshot(path=str(shots / "week-id.png"))
    page.reload()
    expect(page.locator("#status")).to_contain_text("Jadwal optimal")
    page.locator("#lang").select_option("en")
    expect(page.locator("#status")).to_contain_text("Optimal roster")


def test_stop_keeps_the_best_roster_found(page, server, shots):
    problem = slow_problem()
    page.goto(server.base + "/")
    page.locator("#problem-file").set_input_files(
        files=[{"name": "slow.json", "mimeType": "application/json", "buffer": json.dumps(problem).encode()}]
    )
    page.locator("#time-limit").fill("120")
    page.locator("#solve").click()
    expect(page.locator("#state")).to_have_text("Solving…", timeout=120_000)
    expect(page.locator("#best")).to_have_text(re.compile(r"^\d"), timeout=120_000)
    expect(page.locator("#bound")).to_have_text(re.compile(r"^\d"))
    expect(page.locator("#gap")).to_have_text(re.compile(r"%$"))
    page.screenshot(path=str(shots / "progress.png"))
    page.locator("#stop").click()
    expect(page.locator("main[data-ready=jobView]")).to_be_attached(timeout=120_000)
    expect(page.locator("#cancelled")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("not proven optimal")
    job_id = page.url.rsplit("/", 1)[1]
    job, stored = final_job(server, job_id)
    assert job["state"] == "cancelled" and job["solution"]["status"] == "feasible"
    assert_solution_checked(stored, job["solution"])
    # 150 people: the grid shows them a hundred at a time.
    expect(page.locator("tr.person")).to_have_count(100)
    expect(page.locator("#page-info")).to_have_text("Rows 1–100 of 150")


def test_person_view_on_a_phone_and_the_downloads(browser, server, shots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_example(page, server, "team_week")
        job_id = solve(page)
        job, problem = final_job(server, job_id)
        with page.expect_download() as sheet:
            page.locator("#download-csv").click()
        rows = list(csv.DictReader(io.StringIO(Path(sheet.value.path()).read_text(encoding="utf-8"))))
        assert len(rows) == len(job["solution"]["assignments"])
        page.locator("#row-dimas a").click()
        expect(page.locator("main[data-ready=personView]")).to_be_attached()
        assert page.url.endswith(f"/jobs/{job_id}/employees/dimas")
        days = [a for a in job["solution"]["assignments"] if a["employee"] == "dimas"]
        cards = page.locator("#person-days li")
        expect(cards).to_have_count(len(days))
        expect(page.locator("#person-days li[data-date='2026-09-11'] .loc")).to_have_text("Leave")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        with page.expect_download() as calendar:
            page.locator("#download-ics").click()
        text = Path(calendar.value.path()).read_text(encoding="utf-8")
        assert text.startswith("BEGIN:VCALENDAR")
        assert text.count("BEGIN:VEVENT") >= len(days)  # a day each (meetings may add their own)
        assert all(a["date"].replace("-", "") in text for a in days)
        page.screenshot(path=str(shots / "person.png"), full_page=True)
        page.locator("text=Back to the whole week").click()
        expect(page.locator("tr.person")).to_have_count(len(problem["employees"]))
    finally:
        context.close()


def test_team_view_shows_one_team(page, server):
    open_example(page, server, "team_week")
    job_id = solve(page)
    page.locator("#team-design a.team-name").click()
    expect(page.locator("h1")).to_contain_text("Team view")
    assert page.url.endswith(f"/jobs/{job_id}?team=design")
    _, problem = final_job(server, job_id)
    members = [e for e in problem["employees"] if e["team"] == "design"]
    expect(page.locator("tr.person")).to_have_count(len(members))


def test_desk_sizing_shows_the_minimum_the_curve_and_the_weekdays(page, server, shots):
    open_example(page, server, "team_week")
    page.locator("#time-limit").fill("5")
    page.locator("#scenario-more_staff").check()
    page.locator("#size-desks").click()
    expect(page.locator("main[data-ready=capacityView]")).to_be_attached(timeout=150_000)
    job_id = page.url.rsplit("/", 1)[1]
    report = server.client.get(f"/v1/jobs/{job_id}").json()["capacity"]
    site = report["sites"][0]
    card = page.locator(f".site-sizing[data-site={site['site']}]")
    expect(card.locator("[data-minimum]")).to_have_text(str(site["minimum_desks"]))
    expect(card).to_contain_text(f"for {site['staff']} staff")
    points = [p for p in site["curve"] if p["objective"] is not None]
    assert len(points) >= 2
    expect(page.locator(f"#curve-{site['site']} circle")).to_have_count(len(points))
    expect(page.locator(f"#weekdays-{site['site']} rect.bar")).to_have_count(2 * len(site["weekdays"]) + 2)
    rows = report["scenarios"]
    assert [row["scenario"] for row in rows] == ["baseline", "10% more staff"]
    table = page.locator("#scenarios tbody tr")
    expect(table).to_have_count(len(rows))
    for index, row in enumerate(rows):
        expect(table.nth(index).locator("th")).to_have_text(row["scenario"])
        expect(table.nth(index).locator("td").nth(1)).to_have_text(str(row["minimum_desks"]))
    expect(page.locator("#scenario-chart rect.bar")).to_have_count(len(rows) + 1)
    page.screenshot(path=str(shots / "capacity.png"), full_page=True)


def test_the_page_requests_nothing_outside_its_server(page, server, recorder: Recorder):
    outside: list[str] = []
    page.route(
        re.compile(r"^(?!" + re.escape(server.base) + r"/).*"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    open_example(page, server, "team_week")
    job_id = solve(page)
    page.locator("#row-ayu a").click()
    expect(page.locator("main[data-ready=personView]")).to_be_attached()
    page.goto(f"{server.base}/jobs/{job_id}")
    expect(page.locator("main[data-ready=jobView]")).to_be_attached()
    page.locator("#lang").select_option("id")
    expect(page.locator("#status")).to_contain_text("Jadwal optimal")
    assert outside == []
    urls = [url for url in recorder.urls if not url.startswith("data:") and not url.startswith("blob:")]
    assert urls and all(url.startswith(server.base + "/") for url in urls), urls
    paths = {url.removeprefix(server.base) for url in urls}
    api = {path for path in paths if not path.startswith("/static/")}
    assert all(path.startswith("/v1/") or path in {"/", f"/jobs/{job_id}"} for path in api), api


@pytest.fixture()
def many_people_job(page: Page, server: Server) -> str:
    """A 2,000-person roster answered by interception (rendering only, nothing is solved)."""
    from optimizer.generator import GeneratorSettings, generate

    problem = generate(GeneratorSettings(employees=2000, teams=40, seed=1)).model_dump(mode="json")
    days = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]
    assignments = [
        {"employee": e["id"], "date": d, "location": "home", "start": "08:00", "end": "17:00", "hours": 8.0}
        for e in problem["employees"]
        for d in days
    ]
    job = {
        "id": "f" * 32,
        "kind": "solve",
        "state": "done",
        "created_at": "2026-12-01T00:00:00Z",
        "attempts": 1,
        "progress": [],
        "solution": {"status": "feasible", "assignments": assignments, "solve_seconds": 1.0, "occupancy": []},
    }
    page.route(f"{server.base}/v1/jobs/{'f' * 32}", lambda route: route.fulfill(json=job))
    page.route(
        f"{server.base}/v1/jobs/{'f' * 32}/problem",
        lambda route: route.fulfill(json={"problem": problem, "working_days": days}),
    )
    return "f" * 32


def test_a_2000_person_roster_is_paginated(page, server, many_people_job):
    page.goto(f"{server.base}/jobs/{many_people_job}")
    expect(page.locator("main[data-ready=jobView]")).to_be_attached()
    expect(page.locator("#page-info")).to_have_text("Rows 1–100 of 2,000")
    assert page.locator("td.cell").count() == 100 * 5
    page.locator("#page-next").click()
    expect(page.locator("#page-info")).to_have_text("Rows 101–200 of 2,000")
    page.locator("#person-search").fill("e1999")
    expect(page.locator("tr.person")).to_have_count(1)
    expect(page.locator("#page-info")).to_have_text("Rows 1–1 of 1")
