"""Search and filters of the company list, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import factories
import pytest

from prospector import bulk_load
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import ActivityKind, CompanyStage, CompanyStructure
from prospector.models import Activity, Company, CompanyTag, Tag
from prospector.records import CompanyInput
from prospector.services import companies, company_query, contacts
from prospector.sizeclass import SizeClass, size_class


def _names(db: Database, flt: CompanyFilter) -> list[str]:
    with db.reading() as session:
        rows = company_query.list_companies(session, flt, limit=1000)
        assert company_query.count_companies(session, flt) == len(rows)
    return [row.name for row in rows]


@pytest.fixture
def firms(db: Database) -> dict[str, int]:
    with db.writing() as session:
        ids = factories.firms(session)
        factories.contact(session, ids["kiel"], "Schmidt-Öztürk", first_name="Anna")
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("muller", ["Müller Maschinenbau GmbH"]),
        ("MÜLLER", ["Müller Maschinenbau GmbH"]),
        ("mueller", ["Müller Maschinenbau GmbH"]),
        ("Mül", ["Müller Maschinenbau GmbH"]),
        ("m", ["Müller Maschinenbau GmbH"]),  # one letter: names starting with it
        ("K", []),
        ("MÜNCHEN", ["Alpenblick Logistik AG"]),
        ("munchen", ["Alpenblick Logistik AG"]),
        ("oztürk", ["Förde Druck KG"]),
        ("anna schmidt", ["Förde Druck KG"]),
        ("0351 456", ["Müller Maschinenbau GmbH"]),
        ("+49 89 1234", ["Alpenblick Logistik AG"]),
        ("mueller-mb", ["Müller Maschinenbau GmbH"]),
        ("0106", ["Müller Maschinenbau GmbH"]),
        ("dresden maschinen", ["Müller Maschinenbau GmbH"]),
        ("dresden kiel", []),
        ("", ["Alpenblick Logistik AG", "Förde Druck KG", "Müller Maschinenbau GmbH"]),
        ('"; DROP TABLE companies; --', []),
        ("*", ["Alpenblick Logistik AG", "Förde Druck KG", "Müller Maschinenbau GmbH"]),
    ],
)
def test_search_folds_case_and_diacritics_and_matches_prefixes(
    db: Database, firms: dict[str, int], query: str, expected: list[str]
) -> None:
    assert _names(db, CompanyFilter(query=query)) == expected


def test_the_index_follows_every_change(db: Database, firms: dict[str, int]) -> None:
    with db.writing() as session:
        record = companies.get_company(session, firms["mueller"])
        companies.update_company(
            session, record.id, record.version, CompanyInput(name="Neumann Werkzeuge GmbH")
        )
    assert _names(db, CompanyFilter(query="muller")) == []
    assert _names(db, CompanyFilter(query="neumann")) == ["Neumann Werkzeuge GmbH"]
    with db.reading() as session:
        person = contacts.list_contacts(session, firms["kiel"])[0]
    contacts.delete_contact(db, person.id)
    assert _names(db, CompanyFilter(query="schmidt")) == []
    with db.writing() as session:
        companies.delete_company(session, firms["bayern"])
    assert _names(db, CompanyFilter(query="alpenblick")) == []


def test_filters_combine_with_the_search(db: Database, firms: dict[str, int]) -> None:
    assert _names(db, CompanyFilter(states=("Bayern", "Sachsen"))) == [
        "Alpenblick Logistik AG",
        "Müller Maschinenbau GmbH",
    ]
    assert _names(db, CompanyFilter(query="logistik", states=("Sachsen",))) == []
    assert _names(db, CompanyFilter(postcode_areas="0-2")) == [
        "Förde Druck KG",
        "Müller Maschinenbau GmbH",
    ]
    assert _names(db, CompanyFilter(postcode_areas="80-85")) == ["Alpenblick Logistik AG"]
    assert _names(db, CompanyFilter(industries=("Druck",))) == ["Förde Druck KG"]
    assert _names(db, CompanyFilter(size_classes=(SizeClass.LARGE,))) == ["Alpenblick Logistik AG"]


def test_owner_tag_stage_and_objection_filters(db: Database, firms: dict[str, int]) -> None:
    with db.writing() as session:
        member_id = factories.team_member(session, "Petra Innendienst").id
        tag = Tag(name="Messe 2026")
        session.add(tag)
        session.flush()
        session.get_one(Company, firms["kiel"]).owner_id = member_id
        session.get_one(Company, firms["bayern"]).stage = CompanyStage.CUSTOMER
        session.get_one(Company, firms["mueller"]).structure = CompanyStructure.BRANCH
        session.add(CompanyTag(company_id=firms["mueller"], tag_id=tag.id))
        factories.contact(
            session,
            firms["bayern"],
            "Huber",
            do_not_contact=True,
            do_not_contact_since=dt.date(2026, 3, 1),
        )
        tag_id = tag.id
    assert _names(db, CompanyFilter(owner_ids=(member_id,))) == ["Förde Druck KG"]
    assert _names(db, CompanyFilter(owner_ids=(None,))) == [
        "Alpenblick Logistik AG",
        "Müller Maschinenbau GmbH",
    ]
    assert _names(db, CompanyFilter(tag_ids=(tag_id,))) == ["Müller Maschinenbau GmbH"]
    assert _names(db, CompanyFilter(stages=(CompanyStage.CUSTOMER,))) == ["Alpenblick Logistik AG"]
    assert _names(db, CompanyFilter(structures=(CompanyStructure.BRANCH,))) == [
        "Müller Maschinenbau GmbH"
    ]
    assert _names(db, CompanyFilter(do_not_contact=True)) == ["Alpenblick Logistik AG"]
    assert _names(db, CompanyFilter(do_not_contact=False)) == [
        "Förde Druck KG",
        "Müller Maschinenbau GmbH",
    ]
    with db.reading() as session:
        row = company_query.list_companies(session, CompanyFilter(tag_ids=(tag_id,)))[0]
    assert row.tags == ("Messe 2026",)


def test_a_row_shows_its_tags_and_its_next_open_follow_up(
    db: Database, firms: dict[str, int]
) -> None:
    utc = dt.UTC
    soon = dt.datetime(2026, 12, 3, 9, 30, tzinfo=utc)
    later = dt.datetime(2027, 1, 15, 14, 0, tzinfo=utc)
    with db.writing() as session:
        tags = [Tag(name=name) for name in ("zoll", 'Messe "Süd", 2026', "Ärzte", "[json]")]
        session.add_all(tags)
        session.flush()
        session.add_all(CompanyTag(company_id=firms["mueller"], tag_id=tag.id) for tag in tags)
        session.add_all(
            [
                Activity(company_id=firms["mueller"], kind=ActivityKind.CALL, due_at=later),
                Activity(company_id=firms["mueller"], kind=ActivityKind.CALL, due_at=soon),
                # Done, or without a date: neither is a follow-up still to come.
                Activity(
                    company_id=firms["mueller"],
                    kind=ActivityKind.CALL,
                    due_at=dt.datetime(2026, 11, 1, 8, 0, tzinfo=utc),
                    done_at=dt.datetime(2026, 11, 1, 8, 30, tzinfo=utc),
                ),
                Activity(company_id=firms["kiel"], kind=ActivityKind.NOTE),
            ]
        )
    with db.reading() as session:
        rows = {row.name: row for row in company_query.list_companies(session)}
    mueller = rows["Müller Maschinenbau GmbH"]
    # Sorted by the folded name, as the tag list sorts them; quotes and commas kept.
    assert mueller.tags == ("[json]", "Ärzte", 'Messe "Süd", 2026', "zoll")
    assert mueller.next_follow_up == soon
    for name in ("Förde Druck KG", "Alpenblick Logistik AG"):
        assert rows[name].tags == ()
        assert rows[name].next_follow_up is None


def test_the_first_window_comes_with_the_length_of_the_list(
    db: Database, firms: dict[str, int]
) -> None:
    with db.reading() as session:
        cut = company_query.first_window(session, limit=2)
        whole = company_query.first_window(session, limit=3)
        searched = company_query.first_window(session, CompanyFilter(query="kiel"), limit=2)
        empty = company_query.first_window(session, CompanyFilter(query="nirgendwo"))
    assert cut.total == 3
    assert [row.name for row in cut.rows] == ["Alpenblick Logistik AG", "Förde Druck KG"]
    assert whole.total == 3
    assert len(whole.rows) == 3
    assert searched.total == 1
    assert [row.name for row in searched.rows] == ["Förde Druck KG"]
    assert empty.total == 0
    assert empty.rows == ()


def test_preparing_the_searches_reads_only_and_searches_still_find(
    db: Database, firms: dict[str, int]
) -> None:
    with db.reading() as session:
        company_query.prepare_searches(
            session, CompanyFilter(states=("Sachsen",)), sort="city", descending=True
        )
    assert _names(db, CompanyFilter(query="m", states=("Sachsen",))) == ["Müller Maschinenbau GmbH"]
    assert _names(db, CompanyFilter(query="dresden")) == ["Müller Maschinenbau GmbH"]
    assert len(_names(db, CompanyFilter())) == len(firms)


def test_size_class_filter_agrees_with_the_rule(db: Database) -> None:
    employees = [None, 0, 9, 10, 49, 50, 249, 250, 5000]
    turnovers = [
        None,
        Decimal(0),
        Decimal(2_000_000),
        Decimal(2_000_001),
        Decimal(10_000_000),
        Decimal(10_000_001),
        Decimal(50_000_000),
        Decimal(50_000_001),
    ]
    expected: dict[SizeClass | None, set[str]] = {}
    inputs = []
    for e, t in itertools.product(employees, turnovers):
        name = f"E{e}-T{t}"
        inputs.append(CompanyInput(name=name, employees=e, turnover_eur=t))
        expected.setdefault(size_class(e, t), set()).add(name)
    factories.companies(db, *inputs, bulk=True)
    assert set(SizeClass) <= set(expected)  # every class has companies to find
    for cls in SizeClass:
        assert set(_names(db, CompanyFilter(size_classes=(cls,)))) == expected[cls]


def test_a_filter_without_its_query_keeps_every_other_field() -> None:
    flt = CompanyFilter(query="muller", states=("Bayern",), tag_ids=(3,))
    assert flt.without_query() == CompanyFilter(states=("Bayern",), tag_ids=(3,))
    assert hash(flt.without_query()) == hash(CompanyFilter(states=("Bayern",), tag_ids=(3,)))
    assert CompanyFilter(query="muller").without_query().is_empty()


def test_filter_survives_a_json_round_trip() -> None:
    flt = CompanyFilter(
        query="müller",
        size_classes=(SizeClass.SMALL, SizeClass.MEDIUM),
        owner_ids=(None, 3),
        do_not_contact=False,
        postcode_areas="80-85",
        stages=(CompanyStage.LEAD,),
    )
    assert CompanyFilter.from_json(flt.to_json()) == flt
    assert CompanyFilter.from_json({"stages": ["nonsense"], "bogus": 1}) == CompanyFilter()


def _insert_trigger(db: Database) -> str | None:
    with db.reading() as session:
        return (
            session.connection()
            .exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                ("company_fts_after_insert",),
            )
            .scalar()
        )


def test_a_bulk_insert_is_indexed_in_one_go_and_keeps_the_trigger(db: Database) -> None:
    count = bulk_load.SEARCH_ROWS + 5
    trigger = _insert_trigger(db) if db.engine.dialect.name == "sqlite" else None
    with db.writing() as session:
        companies.create_companies(
            session, (CompanyInput(name=f"Serienfirma {n:05d} GmbH") for n in range(count))
        )
    with db.reading() as session:
        assert company_query.count_companies(session, CompanyFilter(query="serienfirma")) == count
    assert _names(db, CompanyFilter(query="serienfirma 00777")) == ["Serienfirma 00777 GmbH"]
    if db.engine.dialect.name == "sqlite":
        assert trigger is not None
        assert _insert_trigger(db) == trigger
    with db.writing() as session:  # single inserts go through the trigger again
        companies.create_company(session, CompanyInput(name="Einzelstück KG"))
    assert _names(db, CompanyFilter(query="einzelstuck")) == ["Einzelstück KG"]


def test_a_failed_bulk_insert_leaves_index_and_trigger_as_they_were(db: Database) -> None:
    trigger = _insert_trigger(db) if db.engine.dialect.name == "sqlite" else None
    items = [CompanyInput(name=f"Abbruch {n} GmbH") for n in range(bulk_load.SEARCH_ROWS)]

    def insert_then_fail() -> None:
        with db.writing() as session:
            companies.create_companies(session, items)
            raise RuntimeError("stopped after the insert")

    with pytest.raises(RuntimeError, match="stopped"):
        insert_then_fail()
    assert _names(db, CompanyFilter(query="abbruch")) == []
    if db.engine.dialect.name == "sqlite":
        assert _insert_trigger(db) == trigger
    with db.writing() as session:
        companies.create_company(session, CompanyInput(name="Abbruch Nachzügler GmbH"))
    assert _names(db, CompanyFilter(query="abbruch")) == ["Abbruch Nachzügler GmbH"]
