"""The company list's first rows read from a SQLite file with sqlite3 alone, at start-up."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from decimal import Decimal
from pathlib import Path

from prospector.company_rows import company_row
from prospector.records import CompanyWindow

log = logging.getLogger(__name__)

# The schema the statements below are written for; a file at any other revision is opened
# the usual way (and migrated). A test holds it equal to the migrations' head.
SCHEMA_HEAD = "0012"

# The list's sort keys as SQL, by the names the list uses (company_query.SORT_KEYS).
SORT_COLUMNS = {
    "name": "companies.name_key",
    "postcode": "companies.postcode",
    "city": "companies.city",
    "state": "companies.state",
    "industry": "companies.industry",
    "employees": "companies.employees",
    "stage": "companies.stage",
    "owner": "team_members.name",
    "updated": "companies.updated_at",
    "fit": "companies.fit_score",
}

COUNT_SQL = "SELECT count(*) AS count_1 \nFROM companies \nWHERE companies.deleted_at IS NULL"

_OWNER_JOIN = "LEFT OUTER JOIN team_members ON team_members.id = companies.owner_id"


def list_sql(sort: str, descending: bool) -> str:
    """The statement the company list runs for its first window without search or filter,
    word for word as the database layer compiles it for SQLite (a test compares the two)."""
    direction = "DESC" if descending else "ASC"
    order = f"{SORT_COLUMNS[sort]} {direction}, companies.id {direction}"
    window_from = f"companies {_OWNER_JOIN} \n" if sort == "owner" else "companies \n"
    return (
        "SELECT companies.id, companies.name, companies.postcode, companies.city,"
        " companies.state, companies.industry, companies.employees, companies.turnover_eur,"
        " companies.phone, companies.domain, companies.stage, team_members.name AS name_1,"
        " (SELECT min(activities.due_at) AS min_1 \nFROM activities \n"
        "WHERE activities.company_id = companies.id AND activities.done_at IS NULL"
        " AND activities.due_at IS NOT NULL) AS anon_1,"
        " (SELECT json_group_array(tags.name) AS anon_3 \n"
        "FROM tags JOIN company_tags ON company_tags.tag_id = tags.id \n"
        "WHERE company_tags.company_id = companies.id) AS anon_2, companies.fit_score,"
        " (SELECT count(DISTINCT contacts.persona_id) AS count_1 \nFROM contacts \n"
        "WHERE contacts.company_id = companies.id AND contacts.deleted_at IS NULL) AS anon_4,"
        " (SELECT count(personas.id) AS count_2 \nFROM personas) AS anon_5 \n"
        "FROM companies JOIN (SELECT companies.id AS id \n"
        f"FROM {window_from}"
        f"WHERE companies.deleted_at IS NULL ORDER BY {order}\n"
        " LIMIT :window_limit OFFSET :window_offset) AS anon_6 ON anon_6.id = companies.id"
        f" {_OWNER_JOIN} ORDER BY {order}"
    )


def read_first_window(
    path: Path, *, sort: str = "name", descending: bool = False, limit: int = 200
) -> CompanyWindow | None:
    """The first `limit` rows of the unfiltered list and its length, or None when this file
    cannot be read this way (missing, another schema revision, locked, damaged): then the
    database layer opens it as always and says what is wrong."""
    if sort not in SORT_COLUMNS or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        log.debug("first look: cannot open %s: %s", path, exc)
        return None
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if revision != [(SCHEMA_HEAD,)]:
            return None
        values = {"window_limit": limit, "window_offset": 0}
        found = connection.execute(list_sql(sort, descending), values).fetchall()
        rows = tuple(company_row(_typed(row)) for row in found)
        if len(rows) < limit:
            return CompanyWindow(len(rows), rows)
        return CompanyWindow(connection.execute(COUNT_SQL).fetchone()[0], rows)
    except (sqlite3.Error, ValueError, TypeError) as exc:
        log.debug("first look: cannot read %s: %s", path, exc)
        return None
    finally:
        connection.close()


def _typed(row: tuple[object, ...]) -> tuple[object, ...]:
    """The stored values as the database layer types them: the turnover as a Decimal of two
    places, the follow-up (naive UTC text) as an aware datetime."""
    turnover, follow_up = row[7], row[12]
    return (
        *row[:7],
        None if turnover is None else Decimal(f"{turnover:.2f}"),
        *row[8:12],
        None if follow_up is None else _utc(str(follow_up)),
        *row[13:],
    )


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
