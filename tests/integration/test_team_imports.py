"""Two users at once: imports, merges and bulk tagging decide on duplicates one at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import factories
from helpers import ROOT, write_fair_list
from sqlalchemy import func, select

from prospector.db import Database
from prospector.exchange.readers import read_table
from prospector.models import Company, CompanyTag, Setting
from prospector.services import company_bulk, importing, merge
from prospector.services.serial import one_at_a_time

ROWS = 4000


def _companies(db: Database) -> tuple[int, int]:
    """How many companies, and how many distinct names among them."""
    with db.reading() as session:
        row = session.execute(select(func.count(), func.count(Company.name.distinct()))).one()
    return int(row[0]), int(row[1])


def test_an_import_planned_before_another_ran_plans_again(db: Database, tmp_path: Path) -> None:
    table = read_table(write_fair_list(tmp_path / "Messeliste.csv", 50, persons=False))
    first, _ = importing.preview_import(db, table)
    second, forecast = importing.preview_import(db, table)  # a second user, at the same time
    assert forecast.new_companies == 50
    assert importing.run_import(db, first).value.new_companies == 50
    done = importing.run_import(db, second).value
    assert (done.new_companies, done.skipped_rows) == (0, 50)  # all duplicates now
    assert _companies(db) == (50, 50)


def test_two_imports_of_one_file_at_once_store_each_company_once(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    path = write_fair_list(tmp_path / "Messeliste.csv", ROWS, persons=False)
    environment = {**os.environ, "PROSPECTOR_DATA_DIR": str(tmp_path / "data")}
    environment.pop("PROSPECTOR_DATABASE_URL", None)
    command = [sys.executable, "main.py", "--language", "en", "import", str(path)]
    runs = [
        subprocess.Popen(
            [*command, "--database", database_url],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(run.wait(timeout=180), *run.communicate()) for run in runs]
    assert _companies(db) == (ROWS, ROWS)
    for code, out, err in results:
        assert "Traceback" not in out + err
        assert code in (0, 1), err
    summaries = sorted(out for _code, out, _err in results)
    assert any(f"{ROWS:,} rows imported" in s for s in summaries), summaries
    assert any(f"{ROWS:,} skipped as duplicates" in s for s in summaries), summaries
    with db.reading() as session:  # the mapping was remembered once, by whichever came last
        assert session.scalar(select(func.count()).select_from(Setting)) >= 1


def _waits_for_the_turn(db: Database, work: Callable[[], object]) -> None:
    """`work` does not finish while another session holds the turn; it does once it is given
    back. On SQLite, whose writers are one at a time anyway, it just runs."""
    if db.engine.dialect.name != "postgresql":
        work()
        return
    finished = threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)
        finally:
            finished.set()

    with db.writing() as other:  # another user's import, holding the turn
        one_at_a_time(other)
        thread = threading.Thread(target=run)
        thread.start()
        assert not finished.wait(1.0), "it ran while another import held the turn"
    assert finished.wait(30)
    thread.join()
    assert failures == []


def test_a_merge_waits_for_an_import_on_the_server(db: Database) -> None:
    keep = factories.company(db, "Alpha GmbH", city="Dresden")
    other = factories.company(db, "Alpha G.m.b.H.", city="Dresden")
    with db.reading() as session:
        plan = merge.plan_merge(session, keep.id, other.id)
    _waits_for_the_turn(db, lambda: merge.merge_companies(db, plan, {}))
    assert _companies(db) == (1, 1)


def test_bulk_tagging_waits_for_an_import_on_the_server(db: Database) -> None:
    ids = [factories.company(db, f"Firma {n}").id for n in range(3)]
    _waits_for_the_turn(db, lambda: company_bulk.add_tags(db, ids, ["Messe 2027"]))
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(CompanyTag)) == 3
