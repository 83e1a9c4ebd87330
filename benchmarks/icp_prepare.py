"""Child: save the realistic profile into a fixture copy; as the first, it is active and scores."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from benchmarks import icp_cases
from benchmarks.icp_app import digest, open_at_head
from benchmarks.probe import report


def main(argv: list[str]) -> int:
    from prospector.services.profiles import save_profile

    path = Path(argv[0]).resolve()
    database = open_at_head(path)
    saved = save_profile(database, icp_cases.profile("realistic")).value
    database.dispose()
    with closing(sqlite3.connect(path)) as connection:
        state = digest(connection)
    report(profile_id=saved.id, active=saved.active, end_state=state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
