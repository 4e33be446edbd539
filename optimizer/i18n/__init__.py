"""The product's translation layer: gettext catalogues (Babel ``.po``) read at run time.

``translate("loc.office", "id")`` gives a message in a language, ``negotiate(header)`` picks the best
supported language of an ``Accept-Language`` header, ``catalogue(lang)`` gives a whole catalogue (the
web page loads it as JSON). Message ids are symbolic (``area.name``); parameters use ``{name}``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("en", "id")
DEFAULT_LANGUAGE = "en"
DOMAIN = "roster"
LOCALE_DIR = Path(__file__).with_name("locale")


def po_path(lang: str) -> Path:
    """The ``.po`` file of a supported language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message of a supported language, by id (untranslated entries are left out)."""
    if lang not in LANGUAGES:
        raise KeyError(f"unsupported language {lang!r}; supported: {', '.join(LANGUAGES)}")
    with po_path(lang).open("rb") as handle:
        messages = read_po(handle, locale=lang, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in messages if m.id and m.string and not m.fuzzy}


def translate(message_id: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message in ``lang`` (falling back to English, then to the id), with ``{name}`` filled in."""
    language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    text = catalogue(language).get(message_id) or catalogue(DEFAULT_LANGUAGE).get(message_id, message_id)
    return text.format(**params) if params else text


def negotiate(accept_language: str | None) -> str:
    """The supported language an ``Accept-Language`` header prefers most (``en`` when none matches)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, options = part.strip().partition(";")
        quality = 1.0
        for option in options.split(";"):
            name, _, value = option.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary == "in":  # the old ISO 639 code for Indonesian
            primary = "id"
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
