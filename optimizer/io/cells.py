"""Spreadsheet cells that a spreadsheet program will never run as a formula (OWASP CSV injection)."""

from __future__ import annotations

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """The text of a cell, prefixed with ``'`` when it would start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
