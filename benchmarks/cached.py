"""Read and write the cached inputs and rows that benchmark children share."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def write(path: Path, value: Any) -> None:
    """Write atomically, so an interrupted run never leaves half a cache file."""
    part = path.with_name(path.name + ".part")
    with part.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(part, path)


def read(path: Path) -> Any:
    with path.open("rb") as handle:
        return pickle.load(handle)  # our own cache file, never user input
