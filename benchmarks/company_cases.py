"""The company-list steps both the page child and the raw-SQL floor run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Window size of ui.itemmodels.company_table_model (WINDOW): the rows one list query fetches.
WINDOW = 200
# Sizes of the page and of the bare view: Prospector's main window opens at 1100x700.
WIDTH, HEIGHT = 1100, 700


@dataclass(frozen=True)
class Query:
    """What the list shows, as the page asks company_query for it: a filter (as a saved view
    holds it, CompanyFilter.to_json; plain data, so the Qt floor imports nothing of the app)
    and an order."""

    filter: dict[str, Any] = field(default_factory=dict)
    sort: str = "name"
    descending: bool = False


ALL = Query()
BY_CITY = Query(sort="city")
BY_EMPLOYEES_DESC = Query(sort="employees", descending=True)
BAYERN = Query({"states": ["Bayern"]})
BAYERN_SMALL = Query({"states": ["Bayern"], "size_classes": ["small"]})


def search(text: str) -> Query:
    return Query({"query": text})


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
        search("mulle"),
        search("muller"),
    ),
    Search("m", 'search first keystroke "" + "m"', "", "m", ALL, search("m")),
    Search(
        "muller_dres",
        'search keystroke "muller dre" + "s"',
        "muller dre",
        "s",
        search("muller dre"),
        search("muller dres"),
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
