"""Child: the create floor leaving its last company out, so that its end state is wrong."""

import sys

from benchmarks import create_raw, sqlite_floor

_insert = sqlite_floor.insert


def _short(connection, tables):  # type: ignore[no-untyped-def]
    columns, rows = tables["companies"]
    _insert(connection, {"companies": (columns, rows[:-1])})


if __name__ == "__main__":
    sqlite_floor.insert = _short
    sys.exit(create_raw.main(sys.argv[1:]))
