"""The nurturing benchmark: its handwritten floors reach the app's figures and its bare canvas
the app's text on the app's pages; a differing one is INVALID."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks import fixtures, nurturing_app, nurturing_runner
from benchmarks.measure import Run, Series
from benchmarks.spawn import ROOT

SIZE = 300
SHEETS = 20
TARGETS = 3 * 2 + 1


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The small fixture and its copy prepared once for both runs (the children only read)."""
    folder = tmp_path_factory.mktemp("bench-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixtures, "DATA_DIR", folder)
        big = fixtures.ensure(SIZE, print)
    ready = nurturing_runner.prepare(big, tmp_path_factory.mktemp("nurturing"), print, SHEETS)
    return big, ready


@pytest.mark.slow
def test_every_nurturing_floor_reaches_the_apps_figures(
    prepared: tuple[Any, Any], tmp_path: Path
) -> None:
    big, ready = prepared

    outcome = nurturing_runner.measure_nurturing(big, 1, tmp_path, print, prepared=ready)

    assert [(t.title, t.invalid) for t in outcome.targets if t.invalid] == []
    assert len(outcome.targets) == TARGETS
    notes = "".join(outcome.notes)
    assert "nurturing checks: month: every app run" in notes
    assert "all four of the consented private persons" in notes
    # The small fixture's month is filled up to the touches the target speaks of.
    assert ready.values["month_total"] >= nurturing_app.MONTH_TOUCHES


# A floor that counts and lists the touches of persons who objected, and leaves the last sheet
# out of the PDF: each figure it reaches is wrong, so every target beside it must be INVALID.
WRONG_FLOOR = """
import sys

from benchmarks import nurturing_floor as floor

floor.PLANNED_SQL = floor.PLANNED_SQL.replace("p.do_not_contact = 0", "1")
floor.CALLS_SQL = floor.CALLS_SQL.replace("p.do_not_contact = 0", "1")
write_pages = floor.write_pages
floor.write_pages = lambda pages, target: write_pages(pages[:-1], target)
sys.exit(floor.main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_floor_that_reaches_other_figures_makes_every_target_invalid(
    prepared: tuple[Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, ready = prepared
    (tmp_path / "wrong_nurturing_floor.py").write_text(WRONG_FLOOR)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(ROOT)]))

    outcome = nurturing_runner.measure_nurturing(
        big, 1, tmp_path, print, floor_module="wrong_nurturing_floor", prepared=ready
    )

    verdicts = {t.title: t.verdict() for t in outcome.targets}
    assert len(verdicts) == TARGETS
    assert all(verdict.startswith("INVALID (") for verdict in verdicts.values()), verdicts
    notes = "".join(outcome.notes)
    assert "month run 1:" in notes
    assert "call_day run 1:" in notes
    assert "pages in the file" in notes


def _series(label: str, *values: dict[str, Any]) -> Series:
    series = Series(label)
    series.runs = [Run(0.01, 1.0, copy.deepcopy(v)) for v in values]
    return series


def _app(figures: Any, again: Any = None) -> dict[str, Any]:
    return {"figures": figures, "again_figures": figures if again is None else again}


MONTH = [["2027-01-11", 0, 250], ["2027-01-12", 230, 0], ["2027-01-13", 270, 0]]


def test_a_month_unlike_the_raw_counts_is_invalid() -> None:
    floor = _series("floor", {"figures": MONTH})

    assert nurturing_runner.month_problem(_series("app", _app(MONTH)), floor) == ""
    one_more = [*MONTH[:1], ["2027-01-12", 231, 0], *MONTH[2:]]
    problem = nurturing_runner.month_problem(_series("app", _app(MONTH, one_more)), floor)
    assert problem == "month run 1: 2027-01-12 has (planned, done) (231, 0), the raw SQL (230, 0)"


def _day(*calls: dict[str, Any]) -> dict[str, Any]:
    return {"on": "2027-01-12", "owner": None, "calls": list(calls)}


def _call(ident: int, phone: str = "089 123456") -> dict[str, Any]:
    return {"activity_id": ident, "company": f"Firma {ident}", "phone": phone}


def test_calls_out_of_order_unlike_or_that_may_not_be_made_are_invalid() -> None:
    floor = _series("floor", {"figures": _day(_call(1), _call(2), _call(3))})

    def problem(day: dict[str, Any], hidden: list[int], shown: list[int]) -> str:
        return nurturing_runner.calls_problem(_series("app", _app(day)), floor, hidden, shown)

    assert problem(_day(_call(1), _call(2), _call(3)), [9], [3]) == ""
    assert problem(_day(_call(2), _call(1), _call(3)), [], []).endswith("from place 1")
    assert problem(_day(_call(1), _call(2, "0"), _call(3)), [], []).endswith("phone differ")
    assert "3 calls, the raw SQL 3" not in problem(_day(_call(1), _call(2)), [], [])
    assert "lists calls that may not be made: [2]" in problem(
        _day(_call(1), _call(2), _call(3)), [2], []
    )
    assert "leaves out calls of consented persons: [7]" in problem(
        _day(_call(1), _call(2), _call(3)), [], [7]
    )


def test_sheets_with_other_text_or_pages_are_invalid() -> None:
    printed = {"pages": 3, "file_pages": 3, "missing": [], "page_hashes": ["a", "b", "c"]}
    app = _series("app", printed)
    recorded = {"pages": 3}

    assert nurturing_runner.sheets_problem(app, _series("floor", printed), recorded) == ""
    other = dict(printed, page_hashes=["a", "x", "c"])
    problem = nurturing_runner.sheets_problem(app, _series("floor", other), recorded)
    assert problem == "'floor' run 1: the text of page 2 differs"
    short = dict(printed, file_pages=2, pages=2, page_hashes=["a", "b"])
    problem = nurturing_runner.sheets_problem(app, _series("floor", short), recorded)
    assert "2 pages in the file" in problem
    lacking = dict(printed, missing=["Firma 3"])
    problem = nurturing_runner.sheets_problem(app, _series("floor", lacking), recorded)
    assert "lack their company or phone (first: Firma 3)" in problem
