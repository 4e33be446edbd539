"""team_meeting: attending members are in the office for the whole meeting."""

from optimizer.domain.clock import DAY_MINUTES, to_clock
from optimizer.model.context import ModelContext
from optimizer.model.wording import Said


def narrow(ctx: ModelContext) -> None:
    """An attendee's office day starts by the meeting's start and lasts past its end."""
    v = ctx.variables
    for team in ctx.instance.teams.values():
        for d, meetings in team.meetings.items():
            brk = ctx.instance.days[d].break_minutes
            for meeting in meetings:
                for e in meeting.attendees:
                    for window in v.windows_of(e, d, "office"):
                        window.narrow_start(0, meeting.start)
                        window.narrow_reach(meeting.end - brk, DAY_MINUTES)


def add(ctx: ModelContext) -> None:
    """On a meeting day each attending member is in the office, from before start to after end."""
    step = ctx.instance.step
    v = ctx.variables
    for team in ctx.instance.teams.values():
        for d, meetings in team.meetings.items():
            day = ctx.instance.days[d]
            guard = ctx.guard("team_meeting", team=team.id, date=day.date)
            for meeting in meetings:
                for e in meeting.attendees:
                    office = v.office(e, d)
                    if isinstance(office, int):
                        ctx.model.add_bool_or([]).only_enforce_if(guard)
                        continue
                    ctx.model.add(office == 1).only_enforce_if(guard)
                    if not v.timed[e]:
                        continue
                    ctx.model.add(v.start[e][d] <= meeting.start // step).only_enforce_if(guard)
                    ctx.model.add(ctx.end(e, d) >= meeting.end).only_enforce_if(guard)


def message(said: Said) -> str:
    """The rule as a team lead reads it."""
    meetings = said.team.meetings.get(said.day.index, [])
    people = set().union(*(m.attendees for m in meetings)) if meetings else set()
    times = ", ".join(f"{m.name} {to_clock(m.start)}–{to_clock(m.end)}" for m in meetings)
    return said.say(
        "explain.team_meeting", team=said.team_name, when=said.when, times=times, count=len(people)
    )
