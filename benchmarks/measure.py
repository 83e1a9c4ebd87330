"""One measured run of a child, and the series of runs a table row reports."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.spawn import run_child


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    values: dict[str, Any]


@dataclass
class Series:
    """The runs of one scenario or floor, all measured in this invocation."""

    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(run.peak_mb for run in self.runs)

    def median_of(self, key: str) -> float:
        return statistics.median(float(run.values[key]) for run in self.runs)


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None or not path.exists():
        return None
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def start_run(
    module: str, *args: str, work_dir: Path, until: str, database: Path | None = None
) -> Run:
    """Spawn a start-up child; its time runs from just before the spawn to the time.time() it
    reported as `until` (the frame that shows the window, or the one that shows the data)."""
    before = _stamp(database)
    result = run_child(module, *args, work_dir=work_dir)
    values = result.values
    values["database_written"] = _stamp(database) != before
    if values.get("painted_at") is None or values.get(until) is None:
        raise RuntimeError(f"{module}: the window never painted")
    values["spawned_at"] = result.spawned_at
    return Run(values[until] - result.spawned_at, values["peak_mb"], values)


def work_run(module: str, *args: str, work_dir: Path) -> Run:
    """Spawn a child that times its own work (preparation untimed) and reports the seconds."""
    values = run_child(module, *args, work_dir=work_dir).values
    return Run(values["seconds"], values["peak_mb"], values)


def interleave(
    plan: list[tuple[Series, Callable[[], Run]]], repeat: int, say: Callable[[str], None]
) -> None:
    """Run every scenario and floor of the plan once per round, `repeat` rounds: each sees
    the same machine state as the others, and each run is said as it ends."""
    for index in range(repeat):
        for series, measure in plan:
            run = measure()
            series.runs.append(run)
            say(
                f"  {series.label}: run {index + 1}/{repeat} {run.seconds:.3f} s,"
                f" {run.peak_mb:.0f} MB"
            )
