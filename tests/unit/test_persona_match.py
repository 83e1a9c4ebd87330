"""Matching contacts to target personas by their job title."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector.persona_match import PersonaMatch, PersonaMatcher, PersonaPattern

GF, EINKAUF, TECHNIK, IT = 1, 2, 3, 4

PERSONAS = (
    PersonaPattern(
        GF,
        (
            "Geschäftsführer",
            "Inhaber",
            "Managing Director",
            "CEO",
            "Vorstand",
            "Geschäftsführender Gesellschafter",
        ),
        ("Geschäftsführung", "Owner", "Founder"),
    ),
    PersonaPattern(
        EINKAUF,
        ("Einkaufsleiter", "Leiter Einkauf", "Head of Procurement", "CPO", "Purchasing Manager"),
        ("Einkauf", "Beschaffung", "Procurement", "Purchasing"),
    ),
    PersonaPattern(
        TECHNIK,
        ("Technischer Leiter", "Leiter Technik", "CTO", "Head of Engineering", "Produktionsleiter"),
        ("Technik", "Engineering", "Produktion", "Konstruktion"),
    ),
)
IT_PERSONA = PersonaPattern(IT, ("IT-Leiter", "Head of IT", "CIO"), ("IT", "EDV"))

MATCHER = PersonaMatcher(PERSONAS)
WITH_IT = PersonaMatcher((*PERSONAS, IT_PERSONA))

# Score bands of the scoring rules.
WHOLE = (100, 100)
INSIDE = (80, 90)
KEYWORD = (50, 60)
DEPUTY = (85, 95)
WEAK = (1, 40)

CASES: list[tuple[str, int | None, tuple[int, int]]] = [
    # Geschäftsführung
    ("Geschäftsführer", GF, WHOLE),
    ("Geschäftsführerin", GF, WHOLE),
    ("Geschaeftsfuehrer", GF, WHOLE),
    ("GESCHÄFTSFÜHRER (m/w/d)", GF, WHOLE),
    ("Geschäftsführer/in", GF, WHOLE),
    ("Geschäftsführer:in", GF, WHOLE),
    ("GeschäftsführerIn", GF, WHOLE),
    ("GF", GF, WHOLE),
    ("Gf.", GF, WHOLE),
    ("Geschäftsführender Gesellschafter", GF, WHOLE),
    ("Gesellschafter-Geschäftsführer", GF, WHOLE),
    ("Managing Director", GF, WHOLE),
    ("CEO & Founder", GF, WHOLE),
    ("Inhaber", GF, WHOLE),
    ("Inhaberin", GF, WHOLE),
    ("Inhaber & Geschäftsführer", GF, WHOLE),
    ("Owner", GF, WHOLE),
    ("Vorstand", GF, WHOLE),
    ("Mitglied des Vorstands", GF, INSIDE),
    ("Vorstandsvorsitzender", GF, INSIDE),
    ("Technischer Geschäftsführer", GF, INSIDE),
    ("stellvertretender Geschäftsführer", GF, DEPUTY),
    ("Assistentin der Geschäftsführung", GF, WEAK),
    ("Geschäftsführungsassistentin", GF, WEAK),
    ("Sekretärin des Geschäftsführers", GF, WEAK),
    ("Assistant to the CEO", GF, WEAK),
    ("Prokurist", None, WHOLE),
    ("Gesellschafter", None, WHOLE),
    ("CFO", None, WHOLE),
    ("Kaufmännischer Leiter", None, WHOLE),
    ("Product Owner", None, WHOLE),
    ("Director Project Management", None, WHOLE),
    # Einkauf
    ("Einkaufsleiter", EINKAUF, WHOLE),
    ("Leiterin Einkauf", EINKAUF, WHOLE),
    ("Leiter des Einkaufs", EINKAUF, WHOLE),
    ("Einkaufsleitung", EINKAUF, WHOLE),
    ("Leitung Einkauf", EINKAUF, WHOLE),
    ("Leiter/in Einkauf", EINKAUF, WHOLE),
    ("Leiter*in Einkauf", EINKAUF, WHOLE),
    ("Leiter:in Einkauf", EINKAUF, WHOLE),
    ("LeiterIn Einkauf", EINKAUF, WHOLE),
    ("Einkaufsleiterin (w/m/d)", EINKAUF, WHOLE),
    ("Ltr. Einkauf", EINKAUF, WHOLE),
    ("Head of Procurement", EINKAUF, WHOLE),
    ("Procurement Head", EINKAUF, WHOLE),
    ("Head of Purchasing", EINKAUF, WHOLE),
    ("Leiter Beschaffung", EINKAUF, WHOLE),
    ("CPO", EINKAUF, WHOLE),
    ("Purchasing Manager", EINKAUF, WHOLE),
    ("Einkaufsmanagerin", EINKAUF, WHOLE),
    ("Chefeinkäufer", EINKAUF, WHOLE),
    ("Bereichsleiter Einkauf & Logistik", EINKAUF, INSIDE),
    ("Head of Global Procurement", EINKAUF, INSIDE),
    ("Teamleiterin Einkauf", EINKAUF, INSIDE),
    ("Senior Buyer", EINKAUF, KEYWORD),
    ("Einkäuferin", EINKAUF, KEYWORD),
    ("Strategischer Einkäufer", EINKAUF, KEYWORD),
    ("Sachbearbeiterin Beschaffung", EINKAUF, KEYWORD),
    ("stellv. Einkaufsleiter", EINKAUF, DEPUTY),
    ("Stellvertretende Leiterin Einkauf", EINKAUF, DEPUTY),
    ("Deputy Head of Procurement", EINKAUF, DEPUTY),
    ("Einkaufsassistentin", EINKAUF, WEAK),
    ("Werkstudent Einkauf", EINKAUF, WEAK),
    ("Verkaufsleiter", None, WHOLE),
    ("Leiter Verkauf", None, WHOLE),
    ("Verkäuferin", None, WHOLE),
    ("Vertriebsleiter", None, WHOLE),
    # Technik
    ("Technischer Leiter", TECHNIK, WHOLE),
    ("Technische Leiterin", TECHNIK, WHOLE),
    ("techn. Leiter", TECHNIK, WHOLE),
    ("Dipl.-Ing. Technischer Leiter", TECHNIK, WHOLE),
    ("Leiter Technik", TECHNIK, WHOLE),
    ("CTO", TECHNIK, WHOLE),
    ("Head of Engineering", TECHNIK, WHOLE),
    ("Produktionsleiter", TECHNIK, WHOLE),
    ("Leiter Produktion", TECHNIK, WHOLE),
    ("Produktionsleitung", TECHNIK, WHOLE),
    ("Konstruktionsleiter", TECHNIK, KEYWORD),
    ("Senior Engineer", TECHNIK, KEYWORD),
    ("Praktikantin Produktion", TECHNIK, WEAK),
    ("Technikum", None, WHOLE),
    ("IT-Leiter", None, WHOLE),
    ("Head of IT", None, WHOLE),
    ("Director Sales", None, WHOLE),
    ("Leiter Qualität", None, WHOLE),
    ("Office Manager", None, WHOLE),
]


@pytest.mark.parametrize(("title", "persona", "band"), CASES)
def test_titles(title: str, persona: int | None, band: tuple[int, int]) -> None:
    match = MATCHER.match(title)
    if persona is None:
        assert match is None
    else:
        assert match is not None
        assert match.persona_id == persona
        assert band[0] <= match.score <= band[1]


@pytest.mark.parametrize(
    ("title", "persona", "band"),
    [
        ("IT-Leiter", IT, WHOLE),
        ("Leiterin IT", IT, WHOLE),
        ("Head of IT", IT, WHOLE),
        ("EDV-Leiter", IT, KEYWORD),
        ("CIO", IT, WHOLE),
        ("IT", IT, KEYWORD),
        ("Leiter Qualität", None, WHOLE),
        ("Qualitätsmanagerin", None, WHOLE),
        ("Mitarbeiterin Vertrieb", None, WHOLE),
        ("Vertriebsmitarbeiter", None, WHOLE),
        ("Leiter Arbeitssicherheit", None, WHOLE),
        ("Director", None, WHOLE),
        ("Einkaufsleiter", EINKAUF, WHOLE),
    ],
)
def test_acronyms_match_only_whole_words(
    title: str, persona: int | None, band: tuple[int, int]
) -> None:
    match = WITH_IT.match(title)
    if persona is None:
        assert match is None
    else:
        assert match is not None
        assert (match.persona_id, band[0] <= match.score <= band[1]) == (persona, True)


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("Leiter Technik", "Leiter Technik"),
        ("Technische Leiterin", "Technischer Leiter"),
        ("Head of Purchasing", "Head of Procurement"),
        ("Leiter des Einkaufs", "Leiter Einkauf"),
        ("Einkaufsleitung", "Einkaufsleiter"),
        ("Senior Buyer", "Einkauf"),
        ("CEO & Founder", "CEO"),
        ("Geschaeftsfuehrer", "Geschäftsführer"),
    ],
)
def test_reason_is_the_pattern_as_entered(title: str, reason: str) -> None:
    match = MATCHER.match(title)
    assert match is not None
    assert match.reason == reason


@pytest.mark.parametrize("title", [None, "", "   ", "(m/w/d)", "-", "Dr.", "der die das"])
def test_empty_titles_match_nothing(title: str | None) -> None:
    assert MATCHER.match(title) is None
    assert MATCHER.matches(title) == []


def test_persona_without_titles_or_keywords_never_matches() -> None:
    matcher = PersonaMatcher((PersonaPattern(9, (), ()), *PERSONAS, PersonaPattern(8, (), ())))
    for title, _, _ in CASES:
        assert all(m.persona_id not in (8, 9) for m in matcher.matches(title))
    assert PersonaMatcher([PersonaPattern(9, (), ())]).match("Geschäftsführer") is None
    assert PersonaMatcher([]).match("Geschäftsführer") is None


def test_ties_pick_the_persona_listed_first() -> None:
    first = PersonaPattern(5, ("Einkaufsleiter",), ())
    second = PersonaPattern(6, ("Leiter Einkauf",), ("Einkauf",))
    assert PersonaMatcher([first, second]).match("Leiterin Einkauf") == PersonaMatch(
        5, 100, "Einkaufsleiter"
    )
    assert PersonaMatcher([second, first]).match("Leiterin Einkauf") == PersonaMatch(
        6, 100, "Leiter Einkauf"
    )


def test_matches_lists_every_persona_best_first() -> None:
    found = MATCHER.matches("Technischer Geschäftsführer")
    assert [m.persona_id for m in found] == [GF, TECHNIK]
    assert found[0].score > found[1].score
    assert MATCHER.match("Technischer Geschäftsführer") == found[0]


def test_patterns_of_one_persona_id_count_as_one_persona() -> None:
    matcher = PersonaMatcher(
        [PersonaPattern(1, ("Einkaufsleiter",), ()), PersonaPattern(1, (), ("Einkauf",))]
    )
    assert matcher.matches("Einkaufsleiter Einkauf") == [PersonaMatch(1, 100, "Einkaufsleiter")]


def test_an_assistant_pattern_is_not_penalised_for_its_own_word() -> None:
    matcher = PersonaMatcher([PersonaPattern(7, ("Assistentin der Geschäftsführung",), ())])
    match = matcher.match("Assistent der Geschäftsführung")
    assert match is not None
    assert match.score == 100


TITLES = [title for title, _, _ in CASES]
LISTED = [(p.persona_id, t) for p in PERSONAS for t in p.titles]
CASINGS: list[Callable[[str], str]] = [str.upper, str.lower, str.title, str.swapcase]


def _without_umlauts(text: str) -> str:
    for umlaut, digraph in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe")):
        text = text.replace(umlaut, digraph)
    return text.replace("Ü", "Ue").replace("ß", "ss")


@given(st.sampled_from(TITLES), st.sampled_from(CASINGS), st.booleans())
def test_case_and_umlaut_spelling_never_change_the_result(
    title: str, casing: Callable[[str], str], digraphs: bool
) -> None:
    typed = casing(_without_umlauts(title) if digraphs else title)
    assert MATCHER.matches(typed) == MATCHER.matches(title)


@given(st.sampled_from(LISTED), st.sampled_from(CASINGS))
def test_a_listed_title_scores_100(listed: tuple[int, str], casing: Callable[[str], str]) -> None:
    persona, title = listed
    assert MATCHER.match(casing(title)) == PersonaMatch(persona, 100, title)


WORDS = [
    "Leiter",
    "Leiterin",
    "Einkauf",
    "Einkaufs",
    "Geschäftsführer",
    "Assistentin",
    "stellv.",
    "Technik",
    "Head",
    "Procurement",
    "Vertrieb",
    "IT",
    "CTO",
    "Senior",
    "Bereichs",
    "Produktions",
    "Qualität",
    "Manager",
]


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.sampled_from([" ", "-", " & ", "/", ""]),
)
def test_any_title_a_persona_lists_scores_100(words: list[str], separator: str) -> None:
    title = separator.join(words)
    match = PersonaMatcher([PersonaPattern(1, (title,), ())]).match(title)
    assert match == PersonaMatch(1, 100, title)


@given(st.text(max_size=60))
def test_any_text_gives_a_score_between_1_and_100(title: str) -> None:
    for match in WITH_IT.matches(title):
        assert 1 <= match.score <= 100
