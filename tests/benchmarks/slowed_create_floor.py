"""Child: the create floor slowed down on purpose, so that the app beats it."""

import sys
import time

from benchmarks import create_raw, sqlite_floor

_insert = sqlite_floor.insert
# Far longer than the services take to create the test's few companies.
DELAY_S = 2.0


def _slowed(connection, tables):  # type: ignore[no-untyped-def]
    _insert(connection, tables)
    time.sleep(DELAY_S)


if __name__ == "__main__":
    sqlite_floor.insert = _slowed
    sys.exit(create_raw.main(sys.argv[1:]))
