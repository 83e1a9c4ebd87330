"""The benchmark harness: a floor the app beats is no floor, a floor that ends wrong is INVALID."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import fixtures, report, runner

SIZE = 200


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[fixtures.Fixture, fixtures.Fixture]:
    folder = tmp_path_factory.mktemp("bench-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixtures, "DATA_DIR", folder)
        return fixtures.ensure(0, print), fixtures.ensure(SIZE, print)


def create_with(
    floor: str, built: tuple[fixtures.Fixture, fixtures.Fixture], work: Path
) -> runner.Target:
    empty, big = built
    outcome = runner.measure_create(empty, big, 1, work, print, floor_module=floor)
    (target,) = outcome.targets
    return target


@pytest.mark.slow
def test_the_honest_floor_ends_where_the_services_end(built, tmp_path: Path) -> None:
    target = create_with("benchmarks.create_raw", built, tmp_path)

    assert target.invalid == ""
    assert target.value > 1.0, "the services beat the fastest way to their own end state"
    assert target.verdict() in ("PASS", "MISS")


@pytest.mark.slow
def test_a_floor_slowed_until_the_app_beats_it_is_reported_as_no_floor(
    built, tmp_path: Path
) -> None:
    target = create_with("tests.benchmarks.slowed_create_floor", built, tmp_path)

    assert target.value < 1.0
    assert target.verdict().startswith("NO FLOOR")
    (line,) = [line for line in report.targets([target]) if "create" in line]
    assert "NO FLOOR" in line
    assert "PASS" not in line


@pytest.mark.slow
def test_a_floor_that_stores_a_row_less_makes_the_target_invalid(built, tmp_path: Path) -> None:
    target = create_with("tests.benchmarks.short_create_floor", built, tmp_path)

    assert target.verdict().startswith("INVALID")
    assert f"{SIZE - 1:,} companies, not {SIZE:,}" in target.invalid
    (line,) = [line for line in report.targets([target]) if "create" in line]
    assert "INVALID" in line
    assert "PASS" not in line
    assert "MISS" not in line


def test_a_floor_with_the_same_count_but_other_values_makes_the_target_invalid() -> None:
    same = {"counts": {"companies": 2}, "checksums": {"companies": "a"}, "schema": "s"}
    other = {"counts": {"companies": 2}, "checksums": {"companies": "b"}, "schema": "s"}
    app, floor = runner.Series("app"), runner.Series("floor")
    app.runs.append(runner.Run(2.0, 1.0, {"end_state": same}))
    floor.runs.append(runner.Run(1.0, 1.0, {"end_state": other}))

    problem = runner.end_state_problem(app, floor)

    assert problem == "floor ended unlike app: companies columns differ"
    row = runner.Row("app", "2", app, floor)
    assert runner.ratio_target("app", row, invalid=problem).verdict().startswith("INVALID")
