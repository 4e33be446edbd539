"""The national batch: seeded offices of 30–300 staff, every roster checked, throughput reported."""

from benchmarks.national import main, offices, run_batch, summary


def test_offices_are_seeded_and_sized_30_to_300():
    batch = offices(6, seed=3)
    assert batch == offices(6, seed=3)
    assert all(30 <= len(p.employees) <= 300 and len(p.sites) == 1 for p in batch)


def test_batch_solves_and_checks_every_office():
    problems = offices(2, seed=1)
    batch = run_batch("ours", problems, time_limit=20, workers=1)
    figures = summary(batch, workers=1)
    assert figures["offices"] == figures["valid"] == 2
    assert figures["staff"] == sum(len(p.employees) for p in problems)
    assert figures["startup_s"] > 0 and figures["build_s_mean"] > 0
    assert figures["rosters_per_minute_per_core"] > 0


def test_command_line_prints_one_line_per_method(capsys):
    assert main(["--offices", "1", "--methods", "ours", "--time-limit", "10"]) == 0
    assert '"method": "ours"' in capsys.readouterr().out
