"""The sample's ideal customer and target personas, so that a new user sees a planner with
meaning at once."""

from __future__ import annotations

from decimal import Decimal

from prospector.enums import DecisionRole
from prospector.icp import Criterion, CriterionKind, Profile

K = CriterionKind

PROFILE = Profile(
    "Produzierender Mittelstand Süd (Beispiel)",
    (
        Criterion(K.INDUSTRY, must=True, codes=("C",)),
        Criterion(K.EMPLOYEES, must=True, low=Decimal(10), high=Decimal(499)),
        Criterion(K.REGION, weight=3, states=("Bayern", "Baden-Württemberg")),
        Criterion(K.STRUCTURE, weight=2, values=("independent", "headquarters")),
        Criterion(K.TURNOVER, weight=1, low=Decimal(2_000_000)),
    ),
    markets="Maschinen- und Anlagenbau, Metall- und Kunststoffverarbeitung in Süddeutschland",
    pain_points=(
        "Fachkräftemangel in Fertigung und Instandhaltung\n"
        "Lange Rüstzeiten und ungeplante Stillstände\n"
        "Steigende Energie- und Materialkosten"
    ),
    value_proposition=(
        "Wir senken Rüstzeiten um bis zu 40 % mit vorkonfigurierten Spannsystemen, "
        "eingeführt in zwei Wochen, ohne eigene IT-Projekte."
    ),
    description="Beispielprofil der Beispieldaten; anpassen oder löschen.",
)

# Where the sample's companies came from, and what each source cost: the bought list brings
# leads but never a customer, as in the article's opening story. (name, cost in euros)
SOURCES = (
    ("Messe (Beispiel)", Decimal(4800)),
    ("Gekaufte Liste (Beispiel)", Decimal(2400)),
    ("LinkedIn (Beispiel)", Decimal(600)),
    ("Empfehlung (Beispiel)", None),
)
BOUGHT = 1  # the index of the bought list in SOURCES


def source_of(index: int, customer: bool) -> str:
    """The sample company's source, by its place in the sample; a customer never comes from
    the bought list."""
    choice = index % len(SOURCES)
    if customer and choice == BOUGHT:
        choice = 0
    return SOURCES[choice][0]


# (name, titles, keywords, decision role, budget authority, pains, talking points)
PERSONAS = (
    (
        "Geschäftsführung",
        ("Geschäftsführer", "Geschäftsführender Gesellschafter", "Inhaber", "Managing Director"),
        ("Geschäftsführung", "CEO"),
        DecisionRole.DECISION_MAKER,
        True,
        "Wachstum ohne zusätzliches Personal; Liquidität",
        "Amortisation in unter 12 Monaten; Referenzen aus der Region",
    ),
    (
        "Einkauf",
        ("Einkaufsleiter", "Leiter Einkauf", "Head of Procurement"),
        ("Einkauf", "Beschaffung", "Procurement"),
        DecisionRole.INFLUENCER,
        True,
        "Preisdruck; Lieferfähigkeit; zu viele Lieferanten",
        "Rahmenvertrag mit festen Preisen; Lieferung in 48 Stunden",
    ),
    (
        "Technik",
        ("Technischer Leiter", "Leiter Technik", "Produktionsleiter", "Head of Engineering"),
        ("Technik", "Produktion", "Fertigung", "Instandhaltung"),
        DecisionRole.INFLUENCER,
        False,
        "Stillstände; Rüstzeiten; fehlende Fachkräfte",
        "Vorführung an der eigenen Maschine; Schulung des Teams vor Ort",
    ),
)
