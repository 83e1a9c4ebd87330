"""The icp benchmark: its handwritten floors end where the app ends; a differing one is INVALID."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import fixtures, icp_cases, icp_runner
from benchmarks.icp_cases import Rule
from benchmarks.measure import Run, Series

SIZE = 300


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> fixtures.Fixture:
    folder = tmp_path_factory.mktemp("bench-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixtures, "DATA_DIR", folder)
        return fixtures.ensure(SIZE, print)


@pytest.mark.slow
def test_every_icp_floor_ends_where_the_app_ends(big: fixtures.Fixture, tmp_path: Path) -> None:
    outcome = icp_runner.measure_icp(big, 1, tmp_path, print)

    assert [(t.title, t.invalid) for t in outcome.targets if t.invalid] == []
    assert len(outcome.targets) == 3 + 1 + len(icp_cases.PAGE_STEPS)


def test_the_figures_of_core_group_follow_from_the_groups_of_criteria_met() -> None:
    rules = (
        Rule("industry", True, 1, {}, "a"),
        Rule("region", True, 1, {}, "b"),
        Rule("structure", False, 1, {}, "c"),
    )
    # bit 0: industry met, bit 1: region met, bit 2: structure met
    masks = {0b111: 5, 0b011: 2, 0b110: 3, 0b101: 1, 0b000: 4}

    found = icp_cases.figures_of_masks(rules, masks)

    assert found["target_group"] == 15
    assert found["core"] == 7
    assert found["criteria"] == {
        "industry": [3 + 4, 3],  # failing; joining if dropped (region met, industry not)
        "region": [1 + 4, 1],
        "structure": [2 + 4, 0],
    }


def _series(label: str, *values: dict[str, object]) -> Series:
    series = Series(label)
    series.runs = [Run(0.1, 1.0, dict(v)) for v in values]
    return series


def test_a_floor_that_counts_another_core_group_makes_the_live_count_invalid() -> None:
    figures = {"target_group": 10, "core": 4, "criteria": {}}
    app = _series("app", {"figures": figures})

    assert icp_runner._live_problem(app, _series("floor", {"core": 4, "figures": figures})) == ""
    problem = icp_runner._live_problem(app, _series("floor", {"core": 3, "figures": figures}))
    assert problem == "core_group counted [4], the raw COUNT(*) [3]"


def test_a_what_if_unlike_the_count_with_the_must_left_out_is_invalid() -> None:
    figures = {"target_group": 10, "core": 4, "criteria": {"industry": [5, 2]}}
    app = _series("app", {"figures": figures})

    def floor(added: int) -> Series:
        return _series(
            "floor", {"figures": figures, "counted_core": 4, "added_by_count": {"industry": added}}
        )

    assert icp_runner._whatif_problem(app, floor(2)) == ""
    assert "COUNT(*) each must left out" in icp_runner._whatif_problem(app, floor(3))
