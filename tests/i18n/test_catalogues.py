"""The translation layer: both catalogues hold every message, with the same parameters."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from optimizer.i18n import LANGUAGES, catalogue, negotiate, po_path, translate

STATIC = Path(__file__).resolve().parents[2] / "api" / "web" / "static"


def fields(text: str) -> set[str]:
    """The ``{name}`` parameters of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages():
    english, indonesian = catalogue("en"), catalogue("id")
    assert len(english) > 100
    assert set(english) == set(indonesian), set(english) ^ set(indonesian)
    for message_id, text in english.items():
        assert text.strip() and indonesian[message_id].strip(), message_id
        assert fields(text) == fields(indonesian[message_id]), message_id


def test_the_catalogues_are_babel_po_files_with_their_language():
    for lang in LANGUAGES:
        head = po_path(lang).read_text(encoding="utf-8")
        assert f'"Language: {lang}\\n"' in head


def test_every_message_the_page_uses_is_in_the_catalogue():
    used = set()
    for script in STATIC.rglob("*.js"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_]+)["']""", script.read_text(encoding="utf-8")))
    for html in STATIC.rglob("*.html"):
        used |= set(re.findall(r'data-i18n="([a-z_.]+)"', html.read_text(encoding="utf-8")))
    assert len(used) > 80
    assert used - set(catalogue("en")) == set()


def test_translate_fills_parameters_and_falls_back():
    assert translate("term.lonely_office_day", "en", n=4) == "4 lonely office days"
    assert translate("term.lonely_office_day", "id", n=4) == "4 hari di kantor tanpa rekan tim"
    assert translate("loc.office", "fr") == "Office"
    assert translate("no.such_message", "id") == "no.such_message"


def test_unsupported_language_catalogue_is_refused():
    with pytest.raises(KeyError, match="unsupported language 'fr'"):
        catalogue("fr")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", "id"),
        ("en-GB,en;q=0.9,id;q=0.8", "en"),
        ("fr-FR, de;q=0.9", "en"),
        ("fr, id;q=0.5, en;q=0.4", "id"),
        ("en;q=0.2, id;q=0.9", "id"),
        ("in", "id"),
        ("id;q=0, en;q=0.1", "en"),
        ("id;q=abc", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_negotiate(header, expected):
    assert negotiate(header) == expected


def test_every_name_the_page_builds_a_message_id_from_is_translated():
    """Ids built at run time (``term.${name}``, ``status.${status}``…) exist for every value they take."""
    from typing import get_args

    from optimizer.domain.solution import TERMS, Status

    english = catalogue("en")
    families = {
        "term": [*TERMS, "pattern"],
        "status": list(get_args(Status)),
        "loc": ["office", "home", "other", "off", "leave", "remote"],
        "weekday": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    }
    missing = [f"{family}.{name}" for family, names in families.items() for name in names]
    assert [message_id for message_id in missing if message_id not in english] == []


PACKAGES = [Path(__file__).resolve().parents[2] / name for name in ("optimizer", "api")]


def test_every_message_id_the_python_code_uses_is_in_both_catalogues():
    used: set[str] = set()
    for package in PACKAGES:
        for source in package.rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            used |= set(re.findall(r"""\b(?:translate|say)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
            used |= set(re.findall(r"""["'](val\.[a-z_]+)["']""", text))
    assert len(used) > 60
    english, indonesian = catalogue("en"), catalogue("id")
    assert sorted(used - set(english)) == []
    assert sorted(used - set(indonesian)) == []


def test_ids_built_from_names_exist_for_every_name():
    """``place.<location>``, ``score.term.<term>``, ``unit.<term>``, ``owner.<model>``, ``explain.<rule>``."""
    import pydantic

    from optimizer.domain import problem
    from optimizer.domain.rulebook import HARD_RULES, TERMS
    from optimizer.model.rules import MODEL_RULES

    english = catalogue("en")
    wanted = [f"place.{name}" for name in ("office", "home", "other", "off", "leave")]
    wanted += [f"score.term.{term}" for term in TERMS] + [f"unit.{term}" for term in TERMS]
    models = [
        value
        for value in vars(problem).values()
        if isinstance(value, type)
        and issubclass(value, pydantic.BaseModel)
        and value.__module__ == problem.__name__
    ]
    wanted += [f"owner.{model.__name__}" for model in models if model.__name__ != "Strict"]
    assert [message_id for message_id in wanted if message_id not in english] == []
    worded = [rule.name for rule in HARD_RULES if hasattr(MODEL_RULES[rule.name].module, "message")]
    assert len(worded) >= 17
    sources = "".join(
        MODEL_RULES[name].module.__loader__.get_source(MODEL_RULES[name].module.__name__) for name in worded
    )
    for name in worded:
        assert re.search(rf"explain\.{name}\b", sources), name
