"""The pipeline benchmark: its handwritten floors reach the app's figures; a differing one is
INVALID."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks import fixtures, pipeline_runner
from benchmarks.measure import Run, Series
from benchmarks.spawn import ROOT

SIZE = 300


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> fixtures.Fixture:
    folder = tmp_path_factory.mktemp("bench-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixtures, "DATA_DIR", folder)
        return fixtures.ensure(SIZE, print)


@pytest.mark.slow
def test_every_pipeline_floor_reaches_the_apps_figures(
    big: fixtures.Fixture, tmp_path: Path
) -> None:
    outcome = pipeline_runner.measure_pipeline(big, 1, tmp_path, print)

    assert [(t.title, t.invalid) for t in outcome.targets if t.invalid] == []
    assert len(outcome.targets) == 3 * 2
    assert "pipeline checks: backlog: every app run" in "".join(outcome.notes)


# A floor that counts the nurturing leads into the backlog and divides the weighted value
# by an integer (SQLite then drops the cents of each deal's share): each figure it reaches is
# wrong, so every target beside it must be INVALID, never a pass.
WRONG_FLOOR = """
import sys

from benchmarks import pipeline_floor as floor

floor.BACKLOG_SQL = floor.BACKLOG_SQL.replace("'qualifying'", "'qualifying', 'nurturing'")
floor.SUMS_SQL = floor.SUMS_SQL.replace("/ 100.0", "/ 100")
sys.exit(floor.main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_floor_that_reaches_other_figures_makes_every_target_invalid(
    big: fixtures.Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "wrong_pipeline_floor.py").write_text(WRONG_FLOOR)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(ROOT)]))

    outcome = pipeline_runner.measure_pipeline(
        big, 1, tmp_path, print, floor_module="wrong_pipeline_floor"
    )

    verdicts = {t.title: t.verdict() for t in outcome.targets}
    assert len(verdicts) == 3 * 2
    assert all(verdict.startswith("INVALID (") for verdict in verdicts.values()), verdicts
    notes = "".join(outcome.notes)
    assert "backlog run 1:" in notes
    assert "stage_sums run 1:" in notes
    assert "pipeline run 1: sums" in notes


def _series(label: str, *values: dict[str, Any]) -> Series:
    series = Series(label)
    series.runs = [Run(0.01, 1.0, copy.deepcopy(v)) for v in values]
    return series


def _app(figures: Any, again: Any = None) -> dict[str, Any]:
    return {"figures": figures, "again_figures": figures if again is None else again}


BACKLOG = [[None, 4], [1, 10], [2, 7]]
SUMS = {
    "offer": [3, "1000.00", "200.00"],
    "offer_sent": [0, "0.00", "0.00"],
    "negotiation": [1, "500.50", "300.30"],
    "won": [2, "900.00", "900.00"],
    "lost": [1, "100.00", "0.00"],
}


def test_a_backlog_unlike_the_raw_count_is_invalid() -> None:
    floor = _series("floor", {"figures": BACKLOG})

    assert pipeline_runner.backlog_problem(_series("app", _app(BACKLOG)), floor) == ""
    one_more = [[None, 4], [1, 11], [2, 7]]
    problem = pipeline_runner.backlog_problem(_series("app", _app(BACKLOG, one_more)), floor)
    assert problem.startswith("backlog run 1:")


def test_sums_a_cent_apart_pass_and_a_wrong_weighted_value_is_invalid() -> None:
    floor = _series("floor", {"figures": SUMS})
    rounded = dict(SUMS, negotiation=[1, "500.51", "300.29"])
    truncated = dict(SUMS, negotiation=[1, "500.50", "300.00"])  # integer division, say
    counted = dict(SUMS, won=[3, "900.00", "900.00"])

    assert pipeline_runner.sums_problem(_series("app", _app(rounded)), floor) == ""
    assert "negotiation" in pipeline_runner.sums_problem(_series("app", _app(truncated)), floor)
    assert "won" in pipeline_runner.sums_problem(_series("app", _app(SUMS, counted)), floor)


def _plan(backlog: int = 21, weeks: str = "21/10") -> dict[str, Any]:
    return {
        "backlog": backlog,
        "unassigned": 4,
        "orphaned": 0,
        "leads_per_week": "10",
        "weeks": weeks,
        "weeks_display": "2.1",
        "call_days_needed": "1",
        "hours_to_meet_target": 0,
        "members": [[1, "Anna", 10, "12", "5", "12/5"], [2, "Jonas", 7, "9", "5", "9/5"]],
    }


def test_a_plan_unlike_the_floors_or_off_the_raw_backlog_is_invalid() -> None:
    backlog = _series("raw backlog", {"figures": BACKLOG})
    floor = _series("floor", {"figures": _plan()})

    assert pipeline_runner.capacity_problem(_series("app", _app(_plan())), floor, backlog) == ""
    problem = pipeline_runner.capacity_problem(
        _series("app", _app(_plan(weeks="2"))), floor, backlog
    )
    assert problem.startswith("capacity run 1: weeks differ")
    wrong_floor = _series("floor", {"figures": _plan(backlog=20)})
    problem = pipeline_runner.capacity_problem(_series("app", _app(_plan())), wrong_floor, backlog)
    assert "raw backlog 21" in problem


def _page(cards: list[list[Any]], sums: dict[str, list[Any]] = SUMS) -> dict[str, Any]:
    return {
        "sums": sums,
        "cards": {"offer": cards, "lost": []},
        "lost": [["price", 1]],
    }


def test_a_page_with_other_cards_or_sums_is_invalid() -> None:
    card = [7, "Wartung", "Muster GmbH", "Eva Roth", "Anna", "offer", "1000.00", 20]
    other = [8, *card[1:]]
    floor = _series("floor", {"figures": _page([card])})
    heads = _series("stage_sums floor", {"figures": SUMS})

    assert pipeline_runner.page_problem(_series("app", _app(_page([card]))), floor, heads) == ""
    problem = pipeline_runner.page_problem(_series("app", _app(_page([other]))), floor, heads)
    assert problem == "pipeline run 1: the cards of offer differ from the raw SQL's"
    wrong = _page([card], dict(SUMS, lost=[2, "100.00", "0.00"]))
    problem = pipeline_runner.page_problem(_series("app", _app(wrong)), floor, heads)
    assert problem.startswith("pipeline run 1: sums lost")
