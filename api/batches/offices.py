"""The offices of a batch: every problem file of a directory or of a manifest, optionally one per site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from api.batches.split import split_by_site
from optimizer.cli.files import BadFile, load_problem
from optimizer.domain.problem import RosterProblem

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Office:
    """One job of a batch: its name (also its roster's file name) and its problem."""

    name: str
    problem: RosterProblem


def safe_name(name: str) -> str:
    """A name fit for a file name (other characters become ``_``)."""
    return SAFE_NAME.sub("_", name).strip("._") or "office"


def problem_files(source: Path) -> list[Path]:
    """The problem files of a batch: ``*.json`` of a directory (sorted), or the paths a manifest lists
    (one per line, relative to the manifest; blank lines and ``#`` comments skipped)."""
    if source.is_dir():
        files = sorted(p for p in source.glob("*.json") if p.is_file())
        if not files:
            raise BadFile(f"{source}: no *.json problem files in this directory")
        return files
    if not source.is_file():
        raise BadFile(f"{source}: no such file or directory")
    files = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        path = (source.parent / entry).resolve()
        if not path.is_file():
            raise BadFile(f"{source}, line {number}: {entry}: no such file")
        files.append(path)
    if not files:
        raise BadFile(f"{source}: the manifest lists no problem files")
    return files


def load_offices(source: Path, split_by: str | None = None) -> list[Office]:
    """Every office of a batch, each problem validated (a bad file is a :class:`BadFile` naming it)."""
    offices: list[Office] = []
    for path in problem_files(source):
        problem = load_problem(path)
        if split_by == "site":
            offices += [
                Office(safe_name(f"{path.stem}.{site}"), part)
                for site, part in split_by_site(problem).items()
            ]
        else:
            offices.append(Office(safe_name(path.stem), problem))
    seen: dict[str, int] = {}
    for office in offices:
        seen[office.name] = seen.get(office.name, 0) + 1
    twice = sorted(name for name, count in seen.items() if count > 1)
    if twice:
        raise BadFile(f"{source}: offices named twice: {', '.join(twice)} (rename the problem files)")
    return offices
