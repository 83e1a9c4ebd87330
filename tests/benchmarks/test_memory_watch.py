"""Memory of a scenario is the peak of its processes together, not the sum of their peaks."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time

import pytest

from benchmarks.probe import MemoryWatch, _rss_kb

MB = 1024 * 1024

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def _hold(megabytes: int, seconds: float, ready: object) -> None:
    block = bytearray(megabytes * MB)
    block[::4096] = b"x" * len(block[::4096])  # touch every page: resident, not reserved
    ready.set()  # type: ignore[attr-defined]
    time.sleep(seconds)


def _resident_mb() -> float:
    return _rss_kb(os.getpid()) / 1024


def _child(megabytes: int, seconds: float) -> tuple[multiprocessing.Process, object]:
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    process = context.Process(target=_hold, args=(megabytes, seconds, ready))
    process.start()
    assert ready.wait(30)
    return process, ready


def test_a_child_that_ends_before_the_parent_grows_does_not_add_its_peak() -> None:
    watch = MemoryWatch().start()
    child, _ready = _child(150, 0.3)
    child.join(30)
    base = _resident_mb()
    mine = bytearray(150 * MB)
    mine[::4096] = b"x" * len(mine[::4096])
    time.sleep(0.1)
    peak = watch.peak_mb()
    del mine

    assert peak >= base + 140  # the parent's own block is seen
    assert peak < base + 150 + 140  # the child's block, gone by then, is not added


def test_a_child_alive_while_the_parent_holds_memory_is_added() -> None:
    base = _resident_mb()
    watch = MemoryWatch().start()
    mine = bytearray(100 * MB)
    mine[::4096] = b"x" * len(mine[::4096])
    child, _ready = _child(120, 0.3)
    time.sleep(0.1)
    child.join(30)
    peak = watch.peak_mb()
    del mine

    assert peak >= base + 100 + 120 - 10  # both blocks, at the same time
