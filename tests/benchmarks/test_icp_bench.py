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


def _live(core: int, figures: dict[str, object], total: int = 10) -> dict[str, object]:
    return {"core": core, "cores_checked": [core, core], "total": total, "figures": figures}


def test_a_floor_that_counts_another_core_group_makes_the_live_count_invalid() -> None:
    figures = {"target_group": 10, "core": 4, "criteria": {}}
    app = _series("app", _live(4, figures))

    assert icp_runner._live_problem(app, _series("floor", _live(4, figures))) == ""
    problem = icp_runner._live_problem(app, _series("floor", _live(3, figures)))
    assert problem == "core_count counted [4], the raw COUNT(*) [3]"


def test_a_breakdown_unlike_the_count_or_the_one_pass_floor_is_invalid() -> None:
    figures = {"target_group": 10, "core": 4, "criteria": {"industry": [5, 2]}}
    other = {"target_group": 10, "core": 4, "criteria": {"industry": [5, 1]}}
    floor = _series("floor", _live(4, figures))

    assert "core_group's figures" in icp_runner._live_problem(
        _series("app", _live(4, other)), floor
    )
    problem = icp_runner._live_problem(_series("app", _live(4, figures, total=11)), floor)
    assert "live companies differ" in problem
    problem = icp_runner._live_problem(_series("app", _live(4, dict(figures, core=3))), floor)
    assert problem == "core_group's core group 3, core_count's [4]"


def test_the_tagged_pass_moves_the_tagged_companies_to_the_bits_they_have() -> None:
    rules = (
        Rule("industry", True, 1, {}, "a"),
        Rule("tags_required", True, 1, {"values": ("Messe",)}, "b"),
        Rule("tags_excluded", False, 1, {"values": ("Wettbewerber",)}, "c"),
    )
    # The scan sees every company untagged: bit 1 clear (not required-tagged), bit 2 set.
    plain = [(0b0, 6), (0b1, 4)]
    # Tagged ones by industry bit and tags (bit 0: Messe, bit 1: Wettbewerber).
    tagged = [(0b1, 0b01, 2), (0b1, 0b11, 1), (0b0, 0b10, 1)]

    masks = icp_cases.merge_tagged(rules, plain, tagged)

    assert masks == {0b100: 5, 0b101: 1, 0b111: 2, 0b011: 1, 0b000: 1}
    assert sum(masks.values()) == 10


def test_a_what_if_unlike_the_count_with_the_must_left_out_is_invalid() -> None:
    figures = {"target_group": 10, "core": 4, "criteria": {"industry": [5, 2]}}
    app = _series("app", {"figures": figures})

    def floor(added: int) -> Series:
        return _series(
            "floor", {"figures": figures, "counted_core": 4, "added_by_count": {"industry": added}}
        )

    assert icp_runner._whatif_problem(app, floor(2)) == ""
    assert "COUNT(*) each must left out" in icp_runner._whatif_problem(app, floor(3))
