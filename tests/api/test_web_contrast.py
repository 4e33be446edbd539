"""The page's colours: text keeps WCAG AA contrast (4.5:1) on every background it is drawn on."""

from __future__ import annotations

import re

import pytest

from api.web.pages import STATIC_DIR

CSS = (STATIC_DIR / "css" / "app.css").read_text(encoding="utf-8")
VARIABLES = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("location", ["office", "home", "other", "leave", "off"])
def test_cell_text_on_its_location_colour(location):
    assert contrast(VARIABLES[f"{location}-ink"], VARIABLES[f"{location}-bg"]) >= 4.5


@pytest.mark.parametrize(
    ("text", "background"),
    [("ink", "bg"), ("muted", "bg"), ("muted", "card"), ("accent", "card"), ("danger", "card")],
)
def test_page_text(text, background):
    assert contrast(VARIABLES[text], VARIABLES[background]) >= 4.5


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#ffffff")
