"""Saved views: stored, listed, replaced and deleted on every database kind."""

from __future__ import annotations

import pytest

from prospector.changes import Changes
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import CompanyStage
from prospector.errors import FieldProblem, NotFound, ValidationFailed
from prospector.services import views
from prospector.sizeclass import SizeClass

DRESDEN = CompanyFilter(
    query="Maschinenbau",
    postcode_areas="01, 02-04",
    size_classes=(SizeClass.SMALL, SizeClass.MEDIUM),
    stages=(CompanyStage.TARGET,),
    owner_ids=(None, 3),
    do_not_contact=False,
)


def _names(db: Database, page: str) -> list[str]:
    with db.reading() as session:
        return [v.name for v in views.list_views(session, page)]


def test_a_filter_survives_the_round_trip(db: Database) -> None:
    saved = views.save_view(
        db, "companies", "  Dresden Maschinenbau ", DRESDEN.to_json(), "state-1"
    ).value
    assert saved.name == "Dresden Maschinenbau"
    assert saved.version == 1
    with db.reading() as session:
        (listed,) = views.list_views(session, "companies")
    assert listed == saved
    assert CompanyFilter.from_json(listed.filters) == DRESDEN
    assert listed.columns == "state-1"


def test_views_are_per_page_and_sorted_regardless_of_case(db: Database) -> None:
    for name in ("beta", "Alpha", "Gamma", "alpha 2"):
        views.save_view(db, "companies", name, {}, None)
    views.save_view(db, "contacts", "Andere Seite", {}, None)
    assert _names(db, "companies") == ["Alpha", "alpha 2", "beta", "Gamma"]
    assert _names(db, "contacts") == ["Andere Seite"]
    assert _names(db, "activities") == []


def test_saving_under_an_existing_name_replaces_the_view(db: Database) -> None:
    first = views.save_view(db, "companies", "Meine Sicht", DRESDEN.to_json(), "a").value
    views.save_view(db, "contacts", "Meine Sicht", {}, None)
    narrower = CompanyFilter(industries=("Maschinenbau",))
    replaced = views.save_view(db, "companies", "Meine Sicht ", narrower.to_json(), None).value
    assert replaced.id == first.id
    assert replaced.version == first.version + 1
    with db.reading() as session:
        (listed,) = views.list_views(session, "companies")
        (other,) = views.list_views(session, "contacts")
    assert CompanyFilter.from_json(listed.filters) == narrower
    assert listed.columns is None
    assert other.filters == {}  # the other page's view of that name is untouched


def test_saving_the_same_view_again_still_moves_the_version_on(db: Database) -> None:
    first = views.save_view(db, "companies", "Gleich", {"query": "x"}, None).value
    again = views.save_view(db, "companies", "Gleich", {"query": "x"}, None).value
    assert (again.id, again.version) == (first.id, first.version + 1)


def test_delete(db: Database) -> None:
    keep = views.save_view(db, "companies", "Bleibt", {}, None).value
    gone = views.save_view(db, "companies", "Weg", {}, None).value
    assert views.delete_view(db, gone.id).changes == Changes(views=True)
    assert _names(db, "companies") == [keep.name]
    with pytest.raises(NotFound):
        views.delete_view(db, gone.id)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", FieldProblem("required", "")),
        ("   ", FieldProblem("required", "")),
        ("x" * 121, FieldProblem("too_long", "", limit=120)),
    ],
)
def test_invalid_names_store_nothing(db: Database, name: str, problem: FieldProblem) -> None:
    with pytest.raises(ValidationFailed) as info:
        views.save_view(db, "companies", name, {}, None)
    assert info.value.problems == {"name": problem}
    assert _names(db, "companies") == []


def test_a_name_of_exactly_the_limit_is_fine(db: Database) -> None:
    views.save_view(db, "companies", "x" * 120, {}, None)
    assert _names(db, "companies") == ["x" * 120]
