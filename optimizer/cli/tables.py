"""One table, four ways to print it: a rich ``table``, ``plain`` text, ``csv`` or ``markdown``.

No format cuts a cell: a rich table folds what does not fit a terminal and, when the output is
redirected, takes the width it needs; plain text pads columns to their widest cell; CSV cells go
through :func:`optimizer.io.cells.safe_cell` so a spreadsheet never runs one as a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from optimizer.io.cells import safe_cell

Format = Literal["table", "plain", "csv", "markdown"]
FORMATS: tuple[str, ...] = ("table", "plain", "csv", "markdown")


@dataclass(frozen=True)
class Cell:
    """A cell's text and, for the rich table only, its style."""

    text: str
    style: str = ""


@dataclass
class Grid:
    """A titled table of text cells; ``right`` holds the indexes of right-aligned columns."""

    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    right: frozenset[int] = frozenset()
    sections: set[int] = field(default_factory=set)
    """Rows after which a rule is drawn (the rich table only)."""

    def add(self, *cells: str | Cell) -> None:
        """Append a row."""
        self.rows.append([cell if isinstance(cell, Cell) else Cell(cell) for cell in cells])


def rich_table(grid: Grid) -> Table:
    """The grid as a rich table whose cells fold rather than being cut."""
    table = Table(title=grid.title)
    for index, header in enumerate(grid.headers):
        table.add_column(header, justify="right" if index in grid.right else "left", overflow="fold")
    for index, row in enumerate(grid.rows):
        cells = [Text(cell.text, style=cell.style) for cell in row]
        table.add_row(*cells, end_section=index in grid.sections)
    return table


def plain_text(grid: Grid) -> str:
    """The grid as aligned text columns (two spaces apart), the title above."""
    lines = [grid.headers, *[[cell.text for cell in row] for row in grid.rows]]
    widths = [max(cell_len(line[i]) for line in lines) for i in range(len(grid.headers))]

    def line(cells: list[str]) -> str:
        padded = []
        for i, text in enumerate(cells):
            gap = " " * (widths[i] - cell_len(text))
            padded.append(gap + text if i in grid.right else text + gap)
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([grid.title, line(grid.headers), rule, *(line(cells) for cells in lines[1:])]) + "\n"


def csv_text(grid: Grid) -> str:
    """The grid as CSV (header row first), every cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(header) for header in grid.headers])
    for row in grid.rows:
        writer.writerow([safe_cell(cell.text) for cell in row])
    return out.getvalue()


def markdown_text(grid: Grid) -> str:
    """The grid as a Markdown table under a bold title."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(text.replace("|", "\\|").replace("\n", " ") for text in cells) + " |"

    rule = "|" + "|".join("---:" if i in grid.right else "---" for i in range(len(grid.headers))) + "|"
    body = [line([cell.text for cell in row]) for row in grid.rows]
    return "\n".join([f"**{grid.title}**", "", line(grid.headers), rule, *body]) + "\n"


def emit(console: Console, grid: Grid, fmt: Format) -> None:
    """Print the grid in a format; a redirected rich table takes the full width it needs."""
    if fmt == "table":
        table = rich_table(grid)
        if not console.is_terminal:
            needed = Measurement.get(console, console.options.update(width=100_000), table).maximum
            console = Console(file=console.file, width=max(needed, 20), no_color=True, highlight=False)
        console.print(table)
        return
    text = {"plain": plain_text, "csv": csv_text, "markdown": markdown_text}[fmt](grid)
    console.file.write(text if fmt == "csv" else text + "\n")
    console.file.flush()
