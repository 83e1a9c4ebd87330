"""Fixture databases and inputs, cached in benchmarks/.data/ by size and a hash of their sources."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.spawn import ROOT, run_child

DATA_DIR = Path(__file__).resolve().parent / ".data"
# What the cached files are made from. Not only the generator and the migrations: what the
# services store (validation, search text, triggers) changes as the code does, so any change
# in the package, or in the build script, builds the fixtures anew.
SOURCES = ("prospector", "benchmarks/build_fixture.py", "benchmarks/realistic.py")
# What the app's figures depend on: a change during a run means the run mixed two code states.
CODE = ("prospector", "ui", "main.py")


@dataclass(frozen=True)
class Fixture:
    size: int
    database: Path
    inputs: Path  # pickled list[CompanyInput], as sampledata.generate made them
    rows: Path  # pickled (columns, rows): validate_company output as DB-API values
    meta: dict[str, Any]  # counts and timings of the build
    built_now: bool


def _files(names: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for name in names:
        source = ROOT / name
        found.extend(sorted(source.rglob("*.py")) if source.is_dir() else [source])
    return found


def hash_of(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in _files(names):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def source_hash() -> str:
    return hash_of(SOURCES)


def code_snapshot() -> dict[str, str]:
    """Each file of the app's code with a hash of its content, to tell what changed in a run."""
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in _files(CODE)
    }


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))


def _prune(size: int, keep: str) -> None:
    """Remove this size's files from older sources, so the cache never grows without bound."""
    for path in DATA_DIR.glob(f"fixture-{size}-*"):
        if not path.name.startswith(keep):
            path.unlink()


def ensure(size: int, say: Callable[[str], None]) -> Fixture:
    """The fixture of `size` companies, built through the services unless already cached."""
    DATA_DIR.mkdir(exist_ok=True)
    stem = f"fixture-{size}-{source_hash()}"
    database = DATA_DIR / f"{stem}.sqlite"
    inputs, rows = DATA_DIR / f"{stem}.inputs.pickle", DATA_DIR / f"{stem}.rows.pickle"
    meta_path = DATA_DIR / f"{stem}.json"  # written last: its presence marks a complete build
    needed = [database, meta_path] + ([inputs, rows] if size else [])
    if all(path.exists() for path in needed):
        meta = json.loads(meta_path.read_text())
        return Fixture(size, database, inputs, rows, meta, built_now=False)
    _prune(size, stem)
    for path in needed:
        path.unlink(missing_ok=True)
    say(f"building fixture of {size:,} companies ({stem}) …")
    extra = ["--inputs", str(inputs), "--rows", str(rows)] if size else []
    result = run_child(
        "benchmarks.build_fixture",
        "--size",
        str(size),
        "--database",
        str(database),
        *extra,
        work_dir=DATA_DIR,
    )
    meta = dict(result.values, built_at=dt.datetime.now().isoformat(timespec="seconds"))
    meta_path.write_text(json.dumps(meta, indent=2))
    total = meta["generate_s"] + meta["services_s"] + meta["history_s"] + meta["caches_s"]
    say(
        f"fixture generation took {total:.1f} s"
        f" (generate {meta['generate_s']:.1f} s, services {meta['services_s']:.1f} s,"
        f" tags, activities, opportunities and views {meta['history_s']:.1f} s,"
        f" cached inputs and floor rows {meta['caches_s']:.1f} s)"
    )
    return Fixture(size, database, inputs, rows, meta, built_now=True)


def fresh_copy(source: Path, target: Path) -> Path:
    """A migrated copy of `source` through SQLite's backup API (never a file copy)."""
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target
