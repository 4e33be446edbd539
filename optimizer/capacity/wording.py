"""Every user-visible word of the capacity charts, tables and reports, by message id.

Messages are ``str.format`` templates in per-language catalogues. English is
complete; a catalogue for another language is plugged in with :func:`register`
and may leave messages out, which then fall back to English. Indonesian comes
from the product's gettext catalogues (``capacity.<id>`` in ``optimizer/i18n``),
the same ``.po`` files as the CLI, the API and the web page.
The JSON tokens (weekday ids, field names, constraint names) are not translated.
"""

from __future__ import annotations

import string

DEFAULT_LANG = "en"
WEEKDAY_TOKENS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

EN: dict[str, str] = {
    # Weekdays, short and long.
    "weekday.mon": "Mon",
    "weekday.tue": "Tue",
    "weekday.wed": "Wed",
    "weekday.thu": "Thu",
    "weekday.fri": "Fri",
    "weekday.sat": "Sat",
    "weekday.sun": "Sun",
    "weekday_long.mon": "Monday",
    "weekday_long.tue": "Tuesday",
    "weekday_long.wed": "Wednesday",
    "weekday_long.thu": "Thursday",
    "weekday_long.fri": "Friday",
    "weekday_long.sat": "Saturday",
    "weekday_long.sun": "Sunday",
    # Shared.
    "site": "{name} ({id})",
    "yes": "yes",
    "no": "no",
    "none": "–",
    "no_roster": "no roster",
    "not_found": "none found in time",
    "field.fixed": "fixed days",
    "field.unavailable": "leave and days off",
    "field.previous": "previous roster",
    "field.frozen": "frozen days",
    "typical.heading": "Typical week",
    "typical.intro": (
        "Sized for a typical week: the policy, not this week's individuals. These dates were left out:"
    ),
    "typical.nothing": "Sized for a typical week; the problem had no individual dates to leave out.",
    "typical.count": "{field}: {entries} employee(s), {dates} date(s)",
    "dropped.employee": "Employee",
    "dropped.field": "Left out",
    "dropped.dates": "Dates",
    "today.exception": "{desks} on {day} {date}",
    "today.more": "{count} more date(s)",
    "reason.no_roster": "no valid roster at any desk count: {reason}",
    "reason.more": "… and {count} more (all of them in --json and --report)",
    "reason.not_found": "no roster found within {seconds:g} s per solve; raise the time limit",
    # Progress of a sizing run and notes in the report.
    "progress.minimum": "minimising the peak office count at {site}",
    "progress.unlimited": "solving with unlimited desks",
    "progress.explain": "no roster at any desk count: explaining",
    "progress.scenario": "scenario {scenario}: sizing {site}",
    "progress.done": "sizing finished",
    "note.not_found": "{site}: no roster found within {seconds:g} s; raise the time limit",
    "note.curve_start": "{site}: the curve starts at the minimum {minimum}, not at desks_from {desks_from}",
    # Charts.
    "chart.no_site": "No site was sized.",
    "chart.no_roster": "No valid roster exists, even with a desk for everyone at this site.",
    "chart.not_found": "No roster found in time.",
    "chart.desks": "desks",
    "chart.curve_title": "{site}: unmet wishes by desk count (lower is better)",
    "chart.unmet_weighted": "unmet wishes, weighted",
    "chart.best_found": "best roster found",
    "chart.not_proven": "not proven (time limit)",
    "chart.bound_range": "proven bound … best found",
    "chart.unlimited": "with unlimited desks ({objective})",
    "chart.minimum": "minimum {desks}",
    "chart.knee": "knee {desks}",
    "chart.today": "today {desks}",
    "chart.today_varies": "today {desks} ({exceptions})",
    "chart.nothing_gained": "from {desks} desks on, more desks gain nothing",
    "chart.occupancy_title": "{site}: people in the office per weekday",
    "chart.no_working_day": "{day}\n(no working day)",
    "chart.people_in_office": "people in the office",
    "chart.natural_demand": "with unlimited desks (natural demand)",
    "chart.at_minimum": "at the minimum of {desks} desks",
    "chart.minimum_line": "minimum: {desks} desks",
    "chart.today_line": "today: {desks} desks",
    "chart.today_line_varies": "today: {desks} desks ({exceptions})",
    # Markdown report.
    "report.title": "Desk capacity report",
    "report.problem": (
        "{staff} staff in {teams} teams, {sites} site(s); horizon of {days} days from {start}."
    ),
    "report.summary": "Summary",
    "col.site": "Site",
    "col.staff": "Staff",
    "col.desks_today": "Desks today",
    "col.minimum": "Minimum desks",
    "col.proven": "Proven",
    "col.per_desk": "People per desk",
    "col.busiest": "Busiest weekday",
    "col.binding": "Extra desks stop helping at",
    "col.knee": "Knee",
    "col.weekday": "Weekday",
    "col.demand": "Natural demand",
    "col.at_minimum": "At the minimum",
    "col.mean": "Mean at the minimum",
    "col.desks": "Desks",
    "col.unmet_weighted": "Unmet wishes, weighted",
    "col.bound": "Bound",
    "col.gap": "Gap",
    "col.unmet": "Unmet preferences",
    "col.preference_weight": "Unmet preference weight",
    "col.lonely": "Lonely office days",
    "col.peak": "Busiest day",
    "col.scenario": "Scenario",
    "col.at_minimum_objective": "Unmet wishes at the minimum",
    "col.unlimited_objective": "Unmet wishes, unlimited desks",
    "col.reason": "Why",
    "report.no_roster": (
        "**No valid roster exists at any desk count**, even with a desk for everyone. "
        "These rules cannot all hold together:"
    ),
    "report.not_found": "No roster was found within the time limit; run again with a longer time limit.",
    "report.proven": "proven: {proof}",
    "report.not_proven": "not proven within the time limit; at least {bound} desks are needed",
    "report.minimum": "**Minimum: {desks} desks** for {staff} staff ({per_desk} people per desk); {proof}.",
    "report.today": "Desks today: {desks} ({spare}).",
    "report.today_varies": "Desks today: {desks}, {exceptions} ({spare}).",
    "report.spare": "{count} more than the minimum",
    "report.exact": "exactly the minimum",
    "report.short": "{count} fewer than the minimum: too few for every rule to hold",
    "report.binding": (
        "From **{desks} desks** on, more desks no longer reduce the unmet wishes "
        "({objective}, the same as with a desk for everyone)."
    ),
    "report.curve_cut": "The curve stops before capacity stops binding (range or time limit).",
    "report.knee": "Knee: from about **{desks} desks** on, each further desk gains less.",
    "report.occupancy": (
        "People in the office per weekday (busiest date): with unlimited desks (the natural demand) "
        "and in the best roster at the minimum:"
    ),
    "report.curve": "Trade-off curve (fewer unmet wishes is better):",
    "report.step": "Desk counts step by {step}; the last step is bisected.",
    "report.scenarios": "What-if scenarios",
    "report.charts": "Charts",
    "report.charts_note": "Each chart has one row per site; an SVG version sits next to each PNG.",
    "report.chart_curve": "Trade-off curve",
    "report.chart_occupancy": "People in the office per weekday",
    "report.how_to_read": "How to read this report",
    "report.read_minimum": (
        "**Minimum desks**: the fewest desks for which a roster exists that keeps every rule "
        "(office days, meetings, anchor days, hours, leave). Sites are sized one at a time."
    ),
    "report.read_proven": (
        "**Proven** means the solver showed that with one desk fewer no valid roster exists "
        "(for the minimum) or that no better roster exists (for a curve point). Unproven points "
        "carry a **bound**: no roster can score below it."
    ),
    "report.read_unmet": (
        "**Unmet wishes, weighted**: the roster's objective, the weighted cost of unmet day "
        "preferences, start-time deviations and lonely office days; lower is better."
    ),
    "report.read_demand": (
        "**Natural demand**: how many people would be in the office on each weekday if desks never "
        "ran out (the best roster with a desk for everyone)."
    ),
    "report.read_lonely": "**Lonely office days**: an employee in the office with too few teammates there.",
    "report.timing": "Time limit per solve: {limit:g} s; total time: {total:.1f} s.",
    "report.stopped": "**Stopped early: the results are partial.**",
    "report.note": "Note: {note}",
    # Console.
    "cli.site": "{site}: {staff} staff, {desks} desks today",
    "cli.site_varies": "{site}: {staff} staff, {desks} desks today ({exceptions})",
    "cli.no_roster": "no valid roster at any desk count",
    "cli.not_found": "no roster found within the time limit",
    "cli.minimum": "minimum {desks} desks ({proof}), {per_desk} people per desk, busiest weekday {weekday}",
    "cli.proven": "proven",
    "cli.not_proven": "not proven, at least {bound}",
    "cli.binding": "more desks stop helping at {desks}",
    "cli.knee": "knee {desks}",
    "cli.col.desks": "desks",
    "cli.col.unmet_weighted": "unmet, weighted",
    "cli.col.bound": "bound",
    "cli.col.gap": "gap",
    "cli.col.proven": "proven",
    "cli.col.unmet": "unmet prefs",
    "cli.col.lonely": "lonely",
    "cli.col.peak": "peak",
    "cli.scenarios": "What-if scenarios",
    "cli.col.scenario": "scenario",
    "cli.col.site": "site",
    "cli.col.staff": "staff",
    "cli.col.minimum": "min. desks",
    "cli.col.per_desk": "per desk",
    "cli.col.busiest": "peak",
    "cli.col.objective": "unmet",
    "cli.col.reason": "why",
    "cli.time_limit": "time limit",
    "cli.reason": "{scenario} ({sites}): {reason}",
    "cli.note": "note: {note}",
    "cli.chart": "chart written to {path} ({width}×{height} px)",
    "cli.report": "report written to {path}",
}

CATALOGUES: dict[str, dict[str, str]] = {DEFAULT_LANG: EN}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def register(lang: str, messages: dict[str, str]) -> None:
    """Add (or replace) the catalogue of ``lang``; every id and placeholder must be one of English."""
    unknown = sorted(set(messages) - set(EN))
    if unknown:
        raise ValueError(f"unknown message id(s): {', '.join(unknown)}")
    for key, template in messages.items():
        extra = _fields(template) - _fields(EN[key])
        if extra:
            raise ValueError(f"{key}: placeholder(s) {', '.join(sorted(extra))} are not in the English text")
    CATALOGUES[lang] = dict(messages)


def text(message_id: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The message in ``lang`` (English where that catalogue lacks it), filled with ``values``."""
    template = CATALOGUES.get(lang, EN).get(message_id) or EN[message_id]
    return template.format(**values)


def weekday_name(day: str, lang: str = DEFAULT_LANG, long: bool = False) -> str:
    """A weekday token (``mon``) as a reader writes it: ``Mon`` or, with ``long``, ``Monday``."""
    key = f"weekday_long.{day}" if long else f"weekday.{day}"
    return text(key, lang) if key in EN else day


def desk_exceptions(by_date: dict, lang: str = DEFAULT_LANG, limit: int = 3) -> str:
    """Dates with other desk counts as a reader writes them: ``64 on Fri 2026-08-28``, at most
    ``limit`` of them and then how many more."""
    items = sorted(by_date.items())
    shown = [
        text(
            "today.exception",
            lang,
            desks=desks,
            day=weekday_name(WEEKDAY_TOKENS[date.weekday()], lang),
            date=date,
        )
        for date, desks in items[:limit]
    ]
    if len(items) > limit:
        shown.append(text("today.more", lang, count=len(items) - limit))
    return ", ".join(shown)


def site_title(name: str | None, site: str, lang: str = DEFAULT_LANG) -> str:
    """A site as a reader names it: ``Head office (hq)``, or the id alone without a name."""
    return text("site", lang, name=name, id=site) if name else site


CATALOGUE_PREFIX = "capacity."


def from_catalogue(lang: str) -> dict[str, str]:
    """The capacity messages of a language's gettext catalogue, by the ids of this module."""
    from optimizer.i18n import catalogue

    return {
        key.removeprefix(CATALOGUE_PREFIX): value
        for key, value in catalogue(lang).items()
        if key.startswith(CATALOGUE_PREFIX)
    }


register("id", from_catalogue("id"))
