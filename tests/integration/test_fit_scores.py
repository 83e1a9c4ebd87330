"""Fit scores and core-group counts in SQL equal the pure rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import ActivityType, CompanyStructure
from prospector.errors import ConcurrentEdit, ValidationFailed
from prospector.fit import CompanyFacts, fit
from prospector.icp import Criterion, CriterionKind, Profile
from prospector.models import Company, CompanyTag, Tag
from prospector.records import CompanyInput
from prospector.services import company_bulk, core_group, fit_scores, profiles
from prospector.services.companies import create_companies
from prospector.sizeclass import SizeClass

K = CriterionKind
CODES = ("28.41", "28.29.0", "2822", "10.73", "62.01.1", "46.69", " 47.1 ", None)
INDUSTRIES = ("Maschinenbau", "Lebensmittel", "Software", "Großhandel", None)
STATES = ("Bayern", "Sachsen", "Hessen", "Baden-Württemberg", None)
TAGS = ("Messe", "Kunde", "Bestand", "Lieferant")


def _companies(rng: random.Random, count: int) -> list[CompanyInput]:
    found = []
    for index in range(count):
        employees = rng.choice([None, 0, 3, 9, 10, 42, 49, 50, 120, 249, 250, 900])
        turnover = rng.choice(
            [None, Decimal("150000"), Decimal("2000000"), Decimal("2000000.01"), Decimal("9.9e6")]
        )
        country = rng.choice(["DE", "DE", "AT", "CH"])
        postcodes = {"DE": ["01069", "80331", "70173", "99084", "20095"], "AT": ["8010", "1010"]}
        postcode = rng.choice([*postcodes.get(country, ["8001"]), None])
        found.append(
            CompanyInput(
                name=f"Firma {index}",
                wz_code=rng.choice(CODES),
                industry=rng.choice(INDUSTRIES),
                employees=employees,
                turnover_eur=turnover,
                postcode=postcode,
                state=rng.choice(STATES),
                country=country,
                structure=rng.choice([None, *CompanyStructure]),
                activity_type=rng.choice([None, *ActivityType]),
            )
        )
    return found


def _criterion(rng: random.Random, kind: CriterionKind) -> Criterion:
    must = rng.random() < 0.4
    weight = rng.randint(1, 10)
    some = lambda pool: tuple(rng.sample(pool, rng.randint(1, len(pool))))  # noqa: E731
    if kind is K.INDUSTRY:
        return Criterion(
            kind,
            must,
            weight,
            codes=some(["28", "28.4", "10", "C", "G", "62.01", "4"]),
            names=some(["Maschinenbau", "Software"]) if rng.random() < 0.5 else (),
        )
    if kind in (K.EMPLOYEES, K.TURNOVER):
        scale = 1 if kind is K.EMPLOYEES else 100_000
        low = rng.choice([None, 10, 50])
        high = rng.choice([None, 249, 500])
        return Criterion(
            kind,
            must,
            weight,
            low=None if low is None else Decimal(low * scale),
            high=None if high is None else Decimal(high * scale),
        )
    if kind is K.SIZE_CLASS:
        return Criterion(kind, must, weight, values=some([c.value for c in SizeClass]))
    if kind is K.STRUCTURE:
        return Criterion(kind, must, weight, values=some([c.value for c in CompanyStructure]))
    if kind is K.ACTIVITY:
        return Criterion(kind, must, weight, values=some([c.value for c in ActivityType]))
    if kind is K.REGION:
        return Criterion(
            kind,
            must,
            weight,
            countries=some(["DE", "AT"]) if rng.random() < 0.5 else (),
            states=some(["Bayern", "Sachsen", "Hessen"]) if rng.random() < 0.5 else (),
            postcode_areas=rng.choice(["", "0, 8", "70-80", "99084", "2"]),
        )
    return Criterion(kind, must, weight, values=some(list(TAGS)))


def _profile(rng: random.Random, name: str) -> Profile:
    kinds = rng.sample(list(K), rng.randint(1, len(K)))
    return Profile(name, tuple(_criterion(rng, kind) for kind in kinds))


def _facts(db: Database) -> dict[int, tuple[CompanyFacts, int | None]]:
    with db.reading() as session:
        tags: dict[int, set[str]] = {}
        for company_id, name in session.execute(
            select(CompanyTag.company_id, Tag.name).join(Tag, Tag.id == CompanyTag.tag_id)
        ):
            tags.setdefault(company_id, set()).add(name)
        return {
            c.id: (
                CompanyFacts(
                    wz_code=c.wz_code,
                    industry=c.industry,
                    employees=c.employees,
                    turnover_eur=c.turnover_eur,
                    country=c.country,
                    state=c.state,
                    postcode=c.postcode,
                    structure=c.structure,
                    activity_type=c.activity_type,
                    tags=frozenset(tags.get(c.id, ())),
                ),
                c.fit_score,
            )
            for c in session.scalars(select(Company))
        }


@pytest.fixture
def filled(db: Database) -> Database:
    rng = random.Random(7)
    with db.writing() as session:
        ids = create_companies(session, _companies(rng, 240))
    for tag in TAGS:
        company_bulk.add_tags(db, rng.sample(ids, 60), [tag])
    return db


def test_stored_scores_equal_the_pure_rule_for_many_profiles(filled: Database) -> None:
    rng = random.Random(11)
    for round_ in range(25):
        saved = profiles.save_profile(filled, _profile(rng, f"Profil {round_}")).value
        assert saved.id is not None
        profiles.activate_profile(filled, saved.id)
        with filled.reading() as session:
            core = dict(session.execute(select(Company.id, Company.in_core_group)).all())
        for company_id, (facts, stored) in _facts(filled).items():
            expected = fit(saved, facts)
            assert stored == expected.score, (round_, company_id, saved.rules, facts)
            assert core[company_id] is expected.core


def test_core_group_counts_equal_the_pure_rule(filled: Database) -> None:
    rng = random.Random(5)
    facts = [f for f, _ in _facts(filled).values()]
    for round_ in range(25):
        profile = _profile(rng, f"P{round_}")
        with filled.reading() as session:
            counted = core_group.core_group(session, profile)
        results = [fit(profile, f) for f in facts]
        assert counted.target_group == len(facts)
        assert counted.core == sum(r.core for r in results)
        for rule in profile.rules:
            share = counted.count(rule.kind)
            assert share is not None
            failing = [r for r in results if not _reason(r, rule.kind).met]
            assert share.failing == len(failing)
            if rule.must:
                others = [m for m in profile.musts if m is not rule]
                alone = [r for r in failing if all(_reason(r, m.kind).met for m in others)]
                assert share.added_if_dropped == len(alone)
            else:
                assert share.added_if_dropped == 0


def _reason(result: object, kind: CriterionKind) -> object:
    return next(r for r in result.reasons if r.criterion.kind is kind)  # type: ignore[attr-defined]


def test_the_same_data_scores_the_same_on_both_databases(filled: Database) -> None:
    # The expected figures were computed by the pure rule once; both databases must give them.
    rng = random.Random(3)
    profile = _profile(rng, "Fester Fall")
    saved = profiles.save_profile(filled, profile).value
    profiles.activate_profile(filled, saved.id)
    scores = sorted(stored or 0 for _, stored in _facts(filled).values())
    expected = sorted(fit(saved, f).score for f, _ in _facts(filled).values())
    assert scores == expected
    assert sum(scores) > 0  # the case scores something, so equality says something


def test_the_first_profile_becomes_active_and_scores_every_company(filled: Database) -> None:
    profile = Profile(
        "Maschinenbau Süd",
        (
            Criterion(K.INDUSTRY, must=True, codes=("28",)),
            Criterion(K.REGION, states=("Bayern",), weight=2),
        ),
    )
    saved = profiles.save_profile(filled, profile).value
    assert saved.active
    facts = _facts(filled).values()
    assert {score for _, score in facts} == {0, 100}
    in_bavaria = [
        f for f, _ in facts if f.state == "Bayern" and (f.wz_code or "").strip().startswith("28")
    ]
    assert len(in_bavaria) == sum(score == 100 for _, score in facts)


def test_deleting_the_active_profile_clears_the_scores(filled: Database) -> None:
    saved = profiles.save_profile(filled, Profile("A", (Criterion(K.REGION, countries=("DE",)),)))
    assert saved.value.id is not None
    profiles.delete_profile(filled, saved.value.id)
    assert {score for _, score in _facts(filled).values()} == {None}


def test_a_saved_company_is_scored_on_its_own(filled: Database) -> None:
    saved = profiles.save_profile(
        filled, Profile("A", (Criterion(K.REGION, must=True, states=("Bayern",)),))
    ).value
    with filled.writing() as session:
        (new_id,) = create_companies(session, [CompanyInput(name="Neu", state="Bayern")])
        fit_scores.refresh(session, [new_id])
    assert _facts(filled)[new_id][1] == 100
    assert saved.active


def test_scoring_keeps_the_version_and_the_time_of_the_last_edit(filled: Database) -> None:
    with filled.reading() as session:
        before = {c.id: (c.version, c.updated_at) for c in session.scalars(select(Company))}
    profiles.save_profile(filled, Profile("A", (Criterion(K.REGION, countries=("DE",)),)))
    with filled.reading() as session:
        after = {c.id: (c.version, c.updated_at) for c in session.scalars(select(Company))}
    assert after == before


def test_profile_names_are_required_and_unique(db: Database) -> None:
    profiles.save_profile(db, Profile("Maschinenbau"))
    with pytest.raises(ValidationFailed) as duplicate:
        profiles.save_profile(db, Profile("maschinenbau"))
    assert duplicate.value.problems["name"].code == "duplicate"
    with pytest.raises(ValidationFailed) as empty:
        profiles.save_profile(db, Profile("  "))
    assert empty.value.problems["name"].code == "required"


def test_a_profile_saved_by_someone_else_meanwhile_is_refused(db: Database) -> None:
    first = profiles.save_profile(db, Profile("A")).value
    profiles.save_profile(db, Profile("A", description="mine", id=first.id, version=first.version))
    with pytest.raises(ConcurrentEdit):
        profiles.save_profile(
            db, Profile("A", description="theirs", id=first.id, version=first.version)
        )
    with db.reading() as session:
        assert profiles.get_profile(session, first.id).description == "mine"  # type: ignore[arg-type]


def test_one_profile_is_active_at_a_time(db: Database) -> None:
    a = profiles.save_profile(db, Profile("A")).value
    b = profiles.save_profile(db, Profile("B")).value
    assert a.active
    assert not b.active
    profiles.activate_profile(db, b.id)
    with db.reading() as session:
        listed = profiles.list_profiles(session)
        assert [(p.name, p.active) for p in listed] == [("B", True), ("A", False)]
        assert profiles.active_profile(session) == listed[0]


def _score(db: Database, name: str) -> int | None:
    with db.reading() as session:
        return session.scalar(select(Company.fit_score).where(Company.name == name))


def test_every_write_keeps_the_scores_current(db: Database) -> None:
    from pathlib import Path

    from prospector.exchange.tables import FileFormat, Table
    from prospector.services import importing, undo
    from prospector.services.companies import CompanyDraft, save_company
    from prospector.services.import_history import undo_import

    profiles.save_profile(
        db,
        Profile(
            "Sachsen, mit Messe",
            (
                Criterion(K.REGION, must=True, states=("Sachsen",)),
                Criterion(K.TAGS_REQUIRED, values=("Messe",)),
            ),
        ),
    )
    created = save_company(db, CompanyDraft(CompanyInput(name="Neu GmbH", state="Sachsen")))
    assert _score(db, "Neu GmbH") == 0  # in the core group, without the tag
    record = created.value.record
    edit = save_company(
        db,
        CompanyDraft(
            CompanyInput(name="Neu GmbH", state="Sachsen"),
            tag_text="Messe",
            id=record.id,
            version=record.version,
        ),
    )
    assert _score(db, "Neu GmbH") == 100
    assert edit.undo is not None
    undo.undo(db, edit.undo)
    assert _score(db, "Neu GmbH") == 0
    company_bulk.add_tags(db, [record.id], ["Messe"])
    assert _score(db, "Neu GmbH") == 100
    with db.reading() as session:
        tag_id = session.scalar(select(Tag.id).where(Tag.name == "Messe"))
    assert tag_id is not None
    company_bulk.remove_tags(db, [record.id], [tag_id])
    assert _score(db, "Neu GmbH") == 0

    table = Table(
        path=Path("liste.csv"),
        header_row_index=0,
        headers=("Firma", "Bundesland"),
        rows=[("Neu GmbH", "Bayern"), ("Import AG", "Sachsen")],
        source_row_numbers=[2, 3],
        sheet=None,
        format=FileFormat.CSV,
    )
    plan, _ = importing.preview_import(db, table)
    summary = importing.run_import(db, plan).value
    assert _score(db, "Import AG") == 0  # new, in Saxony, no tag
    assert summary.batch_id is not None
    undo_import(db, summary.batch_id)
    assert _score(db, "Import AG") is None  # gone
    assert _score(db, "Neu GmbH") == 0


def test_the_company_list_filters_and_sorts_by_fit(filled: Database) -> None:
    from prospector.company_filter import CompanyFilter
    from prospector.services.company_query import count_companies, list_companies

    profile = Profile(
        "Süd",
        (
            Criterion(K.REGION, must=True, countries=("DE",)),
            Criterion(K.INDUSTRY, codes=("28",), weight=3),
            Criterion(K.EMPLOYEES, low=Decimal(10), weight=1),
        ),
    )
    saved = profiles.save_profile(filled, profile).value
    results = [fit(saved, f) for f, _ in _facts(filled).values()]
    with filled.reading() as session:
        assert count_companies(session, CompanyFilter(core_group=True)) == sum(
            r.core for r in results
        )
        assert count_companies(session, CompanyFilter(min_fit=50)) == sum(
            r.score >= 50 for r in results
        )
        both = CompanyFilter(core_group=True, min_fit=100)
        assert count_companies(session, both) == sum(r.score == 100 for r in results)
        best = list_companies(session, sort="fit", descending=True, limit=300)
    scores = [row.fit_score for row in best]
    assert scores == sorted((r.score for r in results), reverse=True)
    assert CompanyFilter.from_json(both.to_json()) == both


def test_a_cancelled_rescoring_leaves_profile_and_scores_as_they_were(filled: Database) -> None:
    from prospector.progress import Cancelled, Progress

    first = profiles.save_profile(
        filled, Profile("Sachsen", (Criterion(K.REGION, must=True, states=("Sachsen",)),))
    ).value
    before = {ident: score for ident, (_facts_, score) in _facts(filled).items()}
    progress = Progress()
    progress.cancel()
    changed = Profile(
        "Sachsen",
        (Criterion(K.REGION, must=True, states=("Bayern",)),),
        id=first.id,
        version=first.version,
    )
    with pytest.raises(Cancelled):
        profiles.save_profile(filled, changed, progress)
    with filled.reading() as session:
        assert profiles.get_profile(session, first.id or 0).criteria == first.criteria
    assert {ident: score for ident, (_facts_, score) in _facts(filled).items()} == before
