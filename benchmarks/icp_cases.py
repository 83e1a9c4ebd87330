"""The profiles the icp scenarios measure, each criterion beside its floor's handwritten SQL."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from benchmarks import company_cases as cases

# The floor's SQL is written by hand, not compiled from prospector.services.fit_sql: it reads
# the fixture's values directly (WZ codes in the official form '28.41', five-digit postcodes,
# enum values as stored), as ranges where that is faster than substr(), and every run checks
# it ends where the app ends.
SMALL_OR_MEDIUM = (
    "((employees IS NOT NULL OR turnover_eur IS NOT NULL)"
    " AND coalesce(employees, 0) < 250 AND coalesce(turnover_eur, 0) <= 50000000"
    " AND NOT (coalesce(employees, 0) < 10 AND coalesce(turnover_eur, 0) <= 2000000))"
)
# WZ divisions 22, 25 and 28 (plastics, metal products, machinery) as ranges of the codes.
DIVISIONS_22_25_28 = (
    "(wz_code >= '22' AND wz_code < '23' OR wz_code >= '25' AND wz_code < '26'"
    " OR wz_code >= '28' AND wz_code < '29')"
)
SOUTH = "state IN ('Baden-Württemberg', 'Bayern')"


def _tagged(name: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM company_tags WHERE company_tags.company_id = companies.id"
        f" AND company_tags.tag_id = (SELECT id FROM tags WHERE name = '{name}'))"
    )


@dataclass(frozen=True)
class Rule:
    """A criterion as plain data (kind, must, weight, fields) and the same test in SQL."""

    kind: str
    must: bool
    weight: int
    fields: dict[str, Any]
    sql: str

    @property
    def tag(self) -> str:
        """The tag a tag criterion names ("" for other kinds)."""
        return self.fields["values"][0] if self.kind.startswith("tags_") else ""


# Musts: machine building, metal working and plastics in the two southern states; shoulds:
# the size the firm sells to, independent firms or head offices, no competitor.
REALISTIC = (
    Rule("industry", True, 1, {"codes": ("22", "25", "28")}, DIVISIONS_22_25_28),
    Rule("region", True, 1, {"states": ("Baden-Württemberg", "Bayern")}, SOUTH),
    Rule(
        "employees",
        False,
        3,
        {"low": Decimal(20), "high": Decimal(499)},
        "employees BETWEEN 20 AND 499",
    ),
    Rule("size_class", False, 2, {"values": ("small", "medium")}, SMALL_OR_MEDIUM),
    Rule(
        "structure",
        False,
        1,
        {"values": ("independent", "headquarters")},
        "structure IN ('independent', 'headquarters')",
    ),
    Rule(
        "tags_excluded", False, 2, {"values": ("Wettbewerber",)}, f"NOT {_tagged('Wettbewerber')}"
    ),
)
# The profile before the edit the live count is timed for: the region must not there yet (an
# edit of a must changes the count's statement; one of a should does not).
BEFORE_EDIT = tuple(rule for rule in REALISTIC if rule.kind != "region")

# One must of every kind the profile model has (a profile holds at most one criterion of each
# of its 9 kinds): the longest what-if list there can be.
ALL_MUSTS = (
    Rule("industry", True, 1, {"codes": ("C",)}, "(wz_code >= '10' AND wz_code < '34')"),
    Rule(
        "employees",
        True,
        1,
        {"low": Decimal(10), "high": Decimal(999)},
        "employees BETWEEN 10 AND 999",
    ),
    Rule("turnover", True, 1, {"low": Decimal(1_000_000)}, "turnover_eur >= 1000000"),
    Rule("size_class", True, 1, {"values": ("small", "medium")}, SMALL_OR_MEDIUM),
    Rule(
        "region",
        True,
        1,
        {
            "countries": ("DE",),
            "states": ("Baden-Württemberg", "Bayern", "Hessen", "Nordrhein-Westfalen"),
            "postcode_areas": "4, 6-9",
        },
        "(country = 'DE'"
        " AND state IN ('Baden-Württemberg', 'Bayern', 'Hessen', 'Nordrhein-Westfalen')"
        " AND (postcode >= '4' AND postcode < '5' OR postcode >= '6' AND postcode < ':'))",
    ),
    Rule(
        "structure",
        True,
        1,
        {"values": ("independent", "headquarters", "subsidiary")},
        "structure IN ('independent', 'headquarters', 'subsidiary')",
    ),
    Rule(
        "activity",
        True,
        1,
        {"values": ("manufacturing", "craft")},
        "activity_type IN ('manufacturing', 'craft')",
    ),
    Rule("tags_required", True, 1, {"values": ("Messe 2026",)}, _tagged("Messe 2026")),
    Rule("tags_excluded", True, 1, {"values": ("Wettbewerber",)}, f"NOT {_tagged('Wettbewerber')}"),
)

PROFILES = {"realistic": REALISTIC, "before_edit": BEFORE_EDIT, "all_musts": ALL_MUSTS}
PROFILE_NAME = "Maschinenbau Süd"


def profile(name: str) -> Any:
    """The app's Profile of PROFILES[name] (imported here, so the parent never loads the app)."""
    from prospector.icp import Criterion, CriterionKind, Profile

    criteria = tuple(
        Criterion(kind=CriterionKind(r.kind), must=r.must, weight=r.weight, **r.fields)
        for r in PROFILES[name]
    )
    return Profile(name=PROFILE_NAME, criteria=criteria)


def live() -> str:
    return "deleted_at IS NULL"


def must_count_sql(rules: tuple[Rule, ...]) -> str:
    """SELECT COUNT(*) of the live companies that meet every must of `rules`, plainly (the
    checks use it; the timed count is CORE_COUNT_SQL)."""
    musts = [f"({r.sql})" for r in rules if r.must]
    return f"SELECT count(*) FROM companies WHERE {' AND '.join([live(), *musts])}"


# The realistic profile's core group, the fastest way found on the fixture: the live companies
# of the two states from their index, each looked up in the set of ids the WZ index gives for
# the three divisions (both index-only; a scan of the wide rows takes twice as long).
CORE_COUNT_SQL = (
    f"SELECT count(*) FROM companies INDEXED BY ix_companies_state WHERE {live()} AND {SOUTH}"
    " AND id IN (SELECT id FROM companies INDEXED BY ix_companies_wz_code"
    f" WHERE {DIVISIONS_22_25_28})"
)
# All live companies: the table's count from its smallest index, less the trash's from its own.
LIVE_COUNT_SQL = (
    "SELECT (SELECT count(*) FROM companies)"
    " - (SELECT count(*) FROM companies WHERE deleted_at IS NOT NULL)"
)


def _bits(rules: tuple[Rule, ...]) -> str:
    parts = [
        f"(CASE WHEN {r.sql} THEN {1 << i} ELSE 0 END)" for i, r in enumerate(rules) if not r.tag
    ]
    return " + ".join(parts) or "0"


def plain_mask_sql(rules: tuple[Rule, ...]) -> str:
    """The live companies grouped by which of `rules` they meet (bit i: rule i), in one scan,
    each company taken as having none of the tags the rules name."""
    return (
        f"SELECT {_bits(rules)} AS met, count(*) FROM companies NOT INDEXED"
        f" WHERE {live()} GROUP BY met"
    )


def tagged_mask_sql(rules: tuple[Rule, ...]) -> str:
    """The live companies with any tag the rules name (a few %, found by the tag index),
    grouped by the rules' other bits and which of those tags they have (bit k: tag rule k)."""
    names = [r.tag for r in rules if r.tag]
    flags = " + ".join(
        f"(CASE WHEN {_tagged(name)} THEN {1 << k} ELSE 0 END)" for k, name in enumerate(names)
    )
    listed = ", ".join(f"'{name}'" for name in names)
    return (
        f"SELECT {_bits(rules)} AS met, {flags} AS tagged, count(*) FROM companies"
        f" WHERE {live()} AND id IN (SELECT company_id FROM company_tags WHERE tag_id IN"
        f" (SELECT id FROM tags WHERE name IN ({listed}))) GROUP BY met, tagged"
    )


def merge_tagged(
    rules: tuple[Rule, ...], plain: list[tuple[int, int]], tagged: list[tuple[int, int, int]]
) -> dict[int, int]:
    """The histogram of which rules the companies meet, from plain_mask_sql's (every company
    untagged) corrected by tagged_mask_sql's (the tagged ones moved to their real bits)."""
    tag_rules = [(i, r) for i, r in enumerate(rules) if r.tag]
    untagged = sum(1 << i for i, r in tag_rules if r.kind == "tags_excluded")
    masks: dict[int, int] = {}
    for met, count in plain:
        masks[met | untagged] = masks.get(met | untagged, 0) + count
    for met, flags, count in tagged:
        masks[met | untagged] -= count
        real = sum(
            1 << i
            for k, (i, r) in enumerate(tag_rules)
            if bool(flags >> k & 1) == (r.kind == "tags_required")
        )
        masks[met | real] = masks.get(met | real, 0) + count
    return {mask: count for mask, count in masks.items() if count}


def figures_of_masks(rules: tuple[Rule, ...], masks: dict[int, int]) -> dict[str, Any]:
    """What core_group reports, from the histogram of which rules the companies meet: the
    target group, the core group, and per rule the companies failing it and (a must) those it
    alone keeps out."""
    must_bits = sum(1 << i for i, r in enumerate(rules) if r.must)
    core = sum(n for mask, n in masks.items() if mask & must_bits == must_bits)
    criteria = {}
    for i, rule in enumerate(rules):
        bit = 1 << i
        failing = sum(n for mask, n in masks.items() if not mask & bit)
        added = (
            sum(n for mask, n in masks.items() if mask & must_bits == must_bits ^ bit)
            if rule.must
            else 0
        )
        criteria[rule.kind] = [failing, added]
    return {"target_group": sum(masks.values()), "core": core, "criteria": criteria}


def update_sql(rules: tuple[Rule, ...]) -> str:
    """ONE UPDATE that stores every company's fit score and core-group flag, in integer
    arithmetic as prospector.fit.score rounds (half up)."""
    musts = " AND ".join(f"({r.sql})" for r in rules if r.must) or "1"
    shoulds = [r for r in rules if not r.must]
    total = sum(r.weight for r in shoulds)
    if total:
        weighted = " + ".join(f"(CASE WHEN {r.sql} THEN {r.weight} ELSE 0 END)" for r in shoulds)
        inside = f"(200 * ({weighted}) + {total}) / {2 * total}"
    else:
        inside = "100"
    return (
        f"UPDATE companies SET fit_score = CASE WHEN {musts} THEN {inside} ELSE 0 END,"
        f" in_core_group = CASE WHEN {musts} THEN 1 ELSE 0 END"
    )


# The end state of a recompute: the scores, and what it must leave alone.
SCORED_COLUMNS = "id, fit_score, in_core_group, updated_at, version"
SPOT_CHECKS = 300

# The company page with the realistic profile active: sort and filter by fit.
FIT_DESC = cases.Query(sort="fit", descending=True)
CORE = cases.Query({"core_group": True})
MIN_FIT = 50
AT_LEAST = cases.Query({"min_fit": MIN_FIT})
CORE_AT_LEAST_BY_FIT = cases.Query({"core_group": True, "min_fit": MIN_FIT}, "fit", True)


@dataclass(frozen=True)
class PageStep:
    key: str
    label: str
    floor: cases.FloorStep


PAGE_STEPS = (
    PageStep(
        "sort_fit",
        "sort: fit descending",
        cases.FloorStep("sort_fit", cases.ALL, FIT_DESC, count=False),
    ),
    PageStep(
        "filter_core",
        "filter: core group",
        cases.FloorStep("filter_core", cases.ALL, CORE, count=True),
    ),
    PageStep(
        "filter_min_fit",
        f"filter: fit at least {MIN_FIT}",
        cases.FloorStep("filter_min_fit", cases.ALL, AT_LEAST, count=True),
    ),
    PageStep(
        "filter_both_by_fit",
        f"filter: core group + fit at least {MIN_FIT}, sorted by fit descending",
        cases.FloorStep("filter_both_by_fit", FIT_DESC, CORE_AT_LEAST_BY_FIT, count=True),
    ),
)
OPEN_STEP = cases.FloorStep("open", cases.ALL, cases.ALL, count=True)


def floor_steps() -> tuple[cases.FloorStep, ...]:
    return (OPEN_STEP, *(step.floor for step in PAGE_STEPS))
