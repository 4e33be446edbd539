"""team_meeting: attending members are in the office for the whole meeting."""

from optimizer.domain.clock import DAY_MINUTES
from optimizer.model.context import ModelContext


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
                    start = v.start[e][d]
                    end = step * (start + v.units[e][d]) + day.break_minutes
                    ctx.model.add(start <= meeting.start // step).only_enforce_if(guard)
                    ctx.model.add(end >= meeting.end).only_enforce_if(guard)
