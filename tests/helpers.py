"""Helpers several test modules share (records to store are in factories)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_main(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` as a user runs it, with its data folder in `data_dir` and never
    the database of the environment."""
    env = {**os.environ, "PROSPECTOR_DATA_DIR": str(data_dir)}
    env.pop("PROSPECTOR_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
