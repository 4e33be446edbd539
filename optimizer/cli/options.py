"""Options every command shares: the language of its words (``--lang``, ``ROSTER_LANG``) and ``--all``.

Each is an ``Annotated`` alias a command adds to its signature; the option's callback records the
value here, so the file loaders and the renderers read it without it being passed down.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Annotated

import typer

from optimizer.i18n import DEFAULT_LANGUAGE, LANGUAGES


@dataclass
class _Chosen:
    lang: str = DEFAULT_LANGUAGE
    all_errors: bool = False


_chosen = _Chosen()


def language_of(value: str | None) -> str:
    """A supported language from ``id``, ``ID``, ``id-ID``, ``id_ID.UTF-8`` or ``in``; ValueError else."""
    primary = re.split(r"[-_.@]", (value or "").strip().lower())[0] or DEFAULT_LANGUAGE
    primary = "id" if primary == "in" else primary
    if primary not in LANGUAGES:
        raise ValueError(f"unsupported language {value!r}; use one of: {', '.join(LANGUAGES)}")
    return primary


def _set_language(value: str | None) -> str:
    try:
        _chosen.lang = language_of(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return _chosen.lang


def _set_all(value: bool) -> bool:
    _chosen.all_errors = value
    return value


def current_language() -> str:
    """The language the running command speaks."""
    return _chosen.lang


def show_all_errors() -> bool:
    """Whether the running command lists every input error (``--all``)."""
    return _chosen.all_errors


Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        envvar="ROSTER_LANG",
        help="Language of messages, tables and reports: en or id (Bahasa Indonesia).",
        callback=_set_language,
        is_eager=True,
    ),
]
AllErrors = Annotated[
    bool,
    typer.Option(
        "--all", help="List every error of a bad input file (by default the first 10).", callback=_set_all
    ),
]


class OutputFormat(enum.StrEnum):
    """How a roster, a check or a re-plan is printed."""

    table = "table"
    plain = "plain"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        help="table (a terminal table), plain (aligned text), csv (formula-safe; notes go to stderr) "
        "or markdown. No format cuts a cell.",
    ),
]
