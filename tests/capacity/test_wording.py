"""Every word of the capacity charts, tables and reports comes from one catalogue per language."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from matplotlib.text import Text
from rich.console import Console

from optimizer.capacity import CapacityReport, wording
from optimizer.capacity.plots import PlotFile, draw_figure, plt
from optimizer.capacity.report import render_markdown
from optimizer.capacity.wording import EN, register, text, weekday_name
from optimizer.cli.capacity import print_report
from tests.capacity.problems import FOUR_OFFICE_DAYS, office_week, size_checked, this_week

HOME_ONLY_IN_THE_OFFICE = {
    "name": "every day in the office, p0 at home",
    "overrides": {"policy.office_days.min": 5, "employees[p0].locations": ["home"]},
}


# Messages only the command itself prints after writing its files, and the note of a solve that
# runs out of time (no test waits for that).
SITUATIONAL = {"cli.chart", "cli.report", "note.not_found"}


def shouted(template: str) -> str:
    """The template with its words in capitals and its placeholders kept: a stand-in language."""
    parts = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        parts.append(literal.upper().replace("{", "{{").replace("}", "}}"))
        if field is not None:
            parts.append(
                "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            )
    return "".join(parts)


def english_fragments() -> set[str]:
    """Runs of two or more English words from the catalogue (placeholders cut them)."""
    fragments = set()
    for template in EN.values():
        for literal, _, _, _ in string.Formatter().parse(template):
            for piece in literal.replace("*", " ").replace("`", " ").split("\n"):
                piece = piece.strip(" .,:;()–…")
                if len(piece.split()) >= 2 and any(c.islower() for c in piece):
                    fragments.add(piece)
    return fragments


class Recording(dict):
    """A catalogue that records which messages were looked up."""

    def __init__(self, messages: dict[str, str]):
        super().__init__(messages)
        self.used: set[str] = set()

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)


@pytest.fixture(scope="module")
def reports():
    """A typical week with a feasible and an infeasible scenario, a curve, and a site without roster."""
    week = this_week()
    typical = size_checked(
        week, typical=True, scenarios=[FOUR_OFFICE_DAYS, HOME_ONLY_IN_THE_OFFICE], curve_max_points=3
    )
    impossible = office_week(staff=3, policy={"office_days": {"min": 0, "max": 3}, "remote_days": {"max": 1}})
    return [
        (week, typical),
        (impossible, size_checked(impossible)),
        (None, corner_cases()),
        (None, nothing()),
    ]


def corner_cases() -> CapacityReport:
    """A report (built by hand) of the situations small solves do not reach: an unproven point and a
    knee on a stepped curve cut short, desks today below the minimum, weekends, a site and a
    scenario without a roster in time, a long explanation, frozen entries, a stopped run with notes."""
    week = ["mon", "tue", "sat", "sun"]
    occupancy = [{"weekday": day, "peak": 5, "mean": 4.5} for day in week]
    points = [
        {
            "desks": d,
            "status": "optimal",
            "proven": True,
            "objective": o,
            "bound": o,
            "gap": 0.0,
            "weekdays": occupancy,
        }
        for d, o in ((5, 90), (7, 40), (9, 30), (11, 26))
    ]
    points[2].update(status="feasible", proven=False, bound=20, gap=0.33)
    item = {"constraint": "office_days", "subject": {}, "message": "Someone must come in."}
    return CapacityReport.model_validate(
        {
            "sites": [
                {
                    "site": "a",
                    "staff": 20,
                    "current_desks": 4,
                    "current_desks_by_date": {f"2026-12-{day:02}": 2 for day in (7, 8, 12, 13)},
                    "feasible": True,
                    "minimum_desks": 5,
                    "minimum_lower_bound": 5,
                    "proven": True,
                    "proof": "solver",
                    "people_per_desk": 4.0,
                    "weekdays": occupancy,
                    "natural_demand": occupancy,
                    "peak_weekday": "sat",
                    "curve": points,
                    "curve_step": 2,
                    "knee": 7,
                },
                {"site": "b", "staff": 3, "current_desks": 3, "feasible": True},
                {
                    "site": "c",
                    "staff": 3,
                    "current_desks": 3,
                    "feasible": True,
                    "minimum_desks": 3,
                    "minimum_lower_bound": 2,
                    "proven": False,
                    "people_per_desk": 1.0,
                    "peak_weekday": "sun",
                    "weekdays": occupancy,
                    "curve": points[:1],
                },
            ],
            "scenarios": [
                {"scenario": "slow", "site": "a", "staff": 20, "feasible": True},
                {"scenario": "busy", "site": "a", "staff": 20, "feasible": False, "explanation": [item] * 7},
                *(
                    {
                        "scenario": f"on {day}",
                        "site": "c",
                        "staff": 3,
                        "feasible": True,
                        "minimum_desks": 3,
                        "peak_weekday": day,
                    }
                    for day in ("tue", "wed", "thu", "fri")
                ),
            ],
            "time_limit": 1,
            "stopped": True,
            "typical": True,
            "dropped": [{"field": "frozen", "employee": "e1", "dates": ["2026-12-07"]}],
            "notes": ["a note"],
        }
    )


def nothing() -> CapacityReport:
    """A typical week with nothing to drop, and no site sized."""
    return CapacityReport(sites=[], time_limit=1, typical=True)


def render_everything(reports, lang: str) -> tuple[str, list[str]]:
    """The Markdown and the console output of every report, and every text drawn on their charts."""
    written, drawn = [], []
    for problem, report in reports:
        plots = [PlotFile(Path(f"{kind}.png"), kind, "png", 1, 1) for kind in ("curve", "occupancy")]
        written.append(render_markdown(report, problem, plots, lang=lang))
        console = Console(record=True, width=200)
        print_report(report, lang, console)
        written.append(console.export_text())
        for kind in ("curve", "occupancy"):
            figure = draw_figure(report, kind, 960, 540, lang)
            drawn += [t.get_text() for t in figure.findobj(Text) if t.get_text().strip()]
            plt.close(figure)
    return "\n".join(written), drawn


def test_a_plugged_in_catalogue_replaces_every_english_word(reports, monkeypatch):
    monkeypatch.setitem(wording.CATALOGUES, "xx", {key: shouted(value) for key, value in EN.items()})
    written, drawn = render_everything(reports, "xx")
    leftovers = sorted(fragment for fragment in english_fragments() if fragment in written)
    assert leftovers == []
    assert sorted(f for f in english_fragments() if any(f in label for label in drawn)) == []
    one_word = {template for template in EN.values() if template.isalpha()}
    assert [label for label in drawn if label in one_word] == []


def test_every_message_is_used_by_some_chart_table_report_or_progress(reports, monkeypatch):
    recording = Recording(EN)
    monkeypatch.setitem(wording.CATALOGUES, "en", recording)
    render_everything(reports, "en")
    # Progress and notes are written while sizing: a curve asked to start below the minimum,
    # a scenario, and a site without roster.
    size_checked(this_week(), desks_from=0, curve_max_points=2, scenarios=[FOUR_OFFICE_DAYS])
    size_checked(
        office_week(staff=3, policy={"office_days": {"min": 0, "max": 3}, "remote_days": {"max": 1}})
    )
    assert set(EN) - recording.used - SITUATIONAL == set()


def test_register_checks_ids_and_placeholders_and_english_fills_the_gaps(monkeypatch):
    monkeypatch.setattr(wording, "CATALOGUES", {"en": EN})
    with pytest.raises(ValueError, match="unknown message id"):
        register("id", {"chart.desk": "meja"})
    with pytest.raises(ValueError, match="placeholder"):
        register("id", {"chart.minimum": "minimum {count}"})
    register("id", {"chart.desks": "meja", "weekday.mon": "Sen"})
    assert text("chart.desks", "id") == "meja" and weekday_name("mon", "id") == "Sen"
    assert text("chart.minimum", "id", desks=4) == "minimum 4", "a missing message falls back to English"
    assert text("chart.desks", "fr") == "desks", "an unknown language is English"
    assert weekday_name("tue", long=True) == "Tuesday"
