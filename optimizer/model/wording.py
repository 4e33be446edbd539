"""What an explanation message needs to know about one constraint group, in one object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from optimizer.i18n import DEFAULT_LANGUAGE, translate
from optimizer.instance import Day, EmployeeData, Instance, TeamData


@dataclass(frozen=True)
class Said:
    """One constraint group as a message function reads it: the instance and the group's subject."""

    instance: Instance
    subject: dict[str, str]
    lang: str = DEFAULT_LANGUAGE

    def say(self, message_id: str, **params: object) -> str:
        """A catalogue message in the group's language."""
        return translate(message_id, self.lang, **params)

    def number(self, value: float) -> str:
        """``7.5`` (English) or ``7,5`` (Indonesian): a number as the reader writes it."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang == "id" else text

    def hours(self, minutes: int) -> str:
        """Minutes as hours, as the reader writes them (``7.5``)."""
        return self.number(minutes / 60)

    def places(self, locations: object) -> str:
        """Location tokens in words, sorted: ``home, office`` / ``kantor, rumah``."""
        return ", ".join(sorted(self.say(f"place.{location}") for location in locations))  # type: ignore[attr-defined]

    @cached_property
    def employee(self) -> EmployeeData:
        """The employee the group is about."""
        return next(e for e in self.instance.employees if e.id == self.subject["employee"])

    @property
    def who(self) -> str:
        """The employee's name as a team lead reads it."""
        return self.employee.label

    @cached_property
    def day(self) -> Day:
        """The working day the group is about."""
        date = dt.date.fromisoformat(self.subject["date"])
        return next(d for d in self.instance.days if d.date == date)

    @property
    def when(self) -> str:
        """``Wed 2026-12-09`` (``Rab 2026-12-09`` in Indonesian)."""
        if self.lang == DEFAULT_LANGUAGE:
            return f"{self.day.date.strftime('%a')} {self.day.date}"
        return f"{self.say('weekday.' + self.day.date.strftime('%a').lower())} {self.day.date}"

    @property
    def week(self) -> str:
        """The ISO week the group is about."""
        return self.subject["week"]

    @property
    def team(self) -> TeamData:
        """The team the group is about."""
        return self.instance.teams[self.subject["team"]]

    @property
    def team_name(self) -> str:
        """ "Team Finance", without doubling the word when the name already says it."""
        label = self.team.label
        word = self.say("explain.team_word")
        return label if label.lower().startswith(word.lower()) else f"{word} {label}"

    def site_name(self, site_id: str) -> str:
        """A site's name, or its id when it has none."""
        return next((s.name or s.id for s in self.instance.problem.sites if s.id == site_id), site_id)
