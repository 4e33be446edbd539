"""The generator's team patterns (SPEC v1.1): an option that changes nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from optimizer import parse_problem
from optimizer.cli.app import app
from optimizer.generator import PATTERNS, GeneratorSettings, generate
from tests.helpers import solve_checked


def test_patterns_are_off_by_default_and_the_option_changes_nothing_else():
    plain = generate(GeneratorSettings(employees=20, teams=4, seed=3))
    patterned = generate(GeneratorSettings(employees=20, teams=4, seed=3, patterns=True))
    assert all(team.pattern == {} for team in plain.teams)
    assert all(team.pattern in PATTERNS for team in patterned.teams)
    without = patterned.model_copy(
        update={"teams": [t.model_copy(update={"pattern": {}}) for t in patterned.teams]}
    )
    assert without == plain


def test_a_patterned_problem_solves_and_scores_its_pattern():
    problem = generate(GeneratorSettings(employees=10, teams=2, seed=1, patterns=True))
    solution = solve_checked(problem, time_limit=30, workers=2)
    assert solution.status in ("optimal", "feasible")
    assert "pattern" in solution.score.terms
    assert solution.score.weighted["pattern"] == 10 * solution.score.terms["pattern"]


def test_roster_generate_patterns_writes_team_patterns(tmp_path: Path):
    out = tmp_path / "p.json"
    result = CliRunner().invoke(
        app, ["generate", "--employees", "8", "--teams", "2", "--patterns", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    problem = parse_problem(json.loads(out.read_text(encoding="utf-8")))
    assert [team.pattern in PATTERNS and team.pattern != {} for team in problem.teams] == [True, True]
