"""The company-list steps both the page child and the raw-SQL floor run, and the floor's SQL."""

from __future__ import annotations

from dataclasses import dataclass

# Window size of ui.itemmodels.company_table_model (WINDOW): the rows one list query fetches.
WINDOW = 200
# Sizes of the page and of the bare view: Prospector's main window opens at 1100x700.
WIDTH, HEIGHT = 1100, 700

# The columns list_companies reads, with the owner's name, the next open follow-up and the
# tags: what one window of the list shows.
LIST_COLUMNS = (
    "c.id, c.name, c.postcode, c.city, c.state, c.industry, c.employees, c.turnover_eur,"
    " c.phone, c.domain, c.stage, t.name,"
    " (SELECT min(a.due_at) FROM activities AS a WHERE a.company_id = c.id"
    " AND a.done_at IS NULL AND a.due_at IS NOT NULL),"
    " (SELECT json_group_array(g.name) FROM tags AS g JOIN company_tags AS ct"
    " ON ct.tag_id = g.id WHERE ct.company_id = c.id)"
)
FTS = "c.id IN (SELECT rowid FROM company_fts WHERE company_fts MATCH ?)"
# sizeclass.SizeClass.SMALL in SQL: a figure known, within the small limits, not micro.
SMALL = (
    "(c.employees IS NOT NULL OR c.turnover_eur IS NOT NULL)"
    " AND (c.employees IS NULL OR c.employees < 50)"
    " AND (c.turnover_eur IS NULL OR c.turnover_eur <= 10000000)"
    " AND NOT ((c.employees IS NULL OR c.employees < 10)"
    " AND (c.turnover_eur IS NULL OR c.turnover_eur <= 2000000))"
)


@dataclass(frozen=True)
class Query:
    """What the list shows: a WHERE (besides deleted_at IS NULL) and an ORDER BY, as raw SQL."""

    where: tuple[str, ...] = ()
    params: tuple[str, ...] = ()
    order: str = "c.name_key, c.id"

    def list_sql(self) -> str:
        return (
            f"SELECT {LIST_COLUMNS} FROM companies AS c"
            " LEFT OUTER JOIN team_members AS t ON t.id = c.owner_id"
            f" WHERE {self._where()} ORDER BY {self.order} LIMIT {WINDOW}"
        )

    def count_sql(self) -> str:
        return f"SELECT count(*) FROM companies AS c WHERE {self._where()}"

    def _where(self) -> str:
        return " AND ".join(("c.deleted_at IS NULL", *self.where))


ALL = Query()
BY_CITY = Query(order="c.city, c.id")
BY_EMPLOYEES_DESC = Query(order="c.employees DESC, c.id DESC")
BAYERN = Query(where=("c.state = ?",), params=("Bayern",))
BAYERN_SMALL = Query(where=("c.state = ?", SMALL), params=("Bayern",))


def fts(*terms: str) -> Query:
    """A search as search_index.match puts it for SQLite: every term a quoted FTS5 prefix."""
    return Query(where=(FTS,), params=(" AND ".join(f'"{term}"*' for term in terms),))


def letter(first: str) -> Query:
    """A one-letter search: search_index.match turns it into a name_key range, no FTS."""
    return Query(where=("c.name_key >= ?", "c.name_key < ?"), params=(first, chr(ord(first) + 1)))


@dataclass(frozen=True)
class Search:
    """A keystroke in the search box: `before` is applied and painted, then `key` is typed."""

    key: str
    label: str
    before: str
    char: str
    floor_before: Query
    floor: Query

    @property
    def after(self) -> str:
        return self.before + self.char


SEARCHES = (
    Search(
        "muller",
        'search keystroke "mulle" + "r"',
        "mulle",
        "r",
        fts("mulle"),
        fts("muller"),
    ),
    Search("m", 'search first keystroke "" + "m"', "", "m", ALL, letter("m")),
    Search(
        "muller_dres",
        'search keystroke "muller dre" + "s"',
        "muller dre",
        "s",
        fts("muller", "dre"),
        fts("muller", "dres"),
    ),
)


@dataclass(frozen=True)
class FloorStep:
    """One raw-SQL step: `before` run untimed (as the page showed it), then `query` timed."""

    key: str
    before: Query
    query: Query
    count: bool  # a search or filter counts again; a sort changes no count


FILTER_STATE = "Bayern"
SORT_CITY_COLUMN = "city"
SORT_EMPLOYEES_COLUMN = "employees"

FLOOR_STEPS = (
    FloorStep("open", ALL, ALL, count=True),  # a check of the first window, not a timed floor
    *(FloorStep(f"search_{s.key}", s.floor_before, s.floor, count=True) for s in SEARCHES),
    FloorStep("filter_state", ALL, BAYERN, count=True),
    FloorStep("filter_size", BAYERN, BAYERN_SMALL, count=True),
    FloorStep("sort_city", ALL, BY_CITY, count=False),
    FloorStep("sort_employees", BY_CITY, BY_EMPLOYEES_DESC, count=False),
)
