"""What a use case changed: kinds of records and company ids, combined and tested for emptiness."""

from __future__ import annotations

from prospector.changes import NOTHING, Changes


def test_nothing_is_false_and_any_kind_or_id_is_true() -> None:
    assert not NOTHING
    assert Changes(views=True)
    assert Changes.to_companies()
    assert Changes(company_ids=frozenset({7}))


def test_to_companies_names_the_ids_and_the_other_kinds() -> None:
    changed = Changes.to_companies([3, 1, 3], contacts=True)
    assert changed == Changes(companies=True, contacts=True, company_ids=frozenset({1, 3}))


def test_combined_changes_hold_the_kinds_and_ids_of_both() -> None:
    tagged = Changes.to_companies([1, 2], tags=True)
    trashed = Changes.to_companies([2, 3], trash=True)
    assert tagged | trashed == Changes(
        companies=True, tags=True, trash=True, company_ids=frozenset({1, 2, 3})
    )
    assert tagged | NOTHING == tagged
    assert NOTHING | Changes(views=True) == Changes(views=True)
