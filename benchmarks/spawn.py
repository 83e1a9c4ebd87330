"""Run one benchmark child in a fresh interpreter and read back its result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.probe import RESULT_PREFIX, ROOT

__all__ = ["ROOT", "ChildFailed", "ChildResult", "run_child"]
TIMEOUT_S = 900


class ChildFailed(RuntimeError):
    """A child exited badly or printed no result."""


@dataclass(frozen=True)
class ChildResult:
    values: dict[str, Any]
    spawned_at: float  # time.time() just before the child was spawned


def run_child(module: str, *args: str, work_dir: Path) -> ChildResult:
    """Run `python -m module args…` offscreen, with a throwaway data folder for preferences."""
    env = os.environ.copy()
    env.pop("PROSPECTOR_DATABASE_URL", None)  # never the user's database
    env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="data-dir-", dir=work_dir) as data_dir:
        env["PROSPECTOR_DATA_DIR"] = data_dir
        command = [sys.executable, "-m", module, *args]
        spawned_at = time.time()
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    results = [
        line[len(RESULT_PREFIX) :]
        for line in done.stdout.splitlines()
        if line.startswith(RESULT_PREFIX)
    ]
    if done.returncode != 0 or not results:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise ChildFailed(f"{' '.join(command[1:])} exited with {done.returncode}:\n{tail}")
    return ChildResult(values=json.loads(results[-1]), spawned_at=spawned_at)
