"""A deterministic generator of realistic German B2B companies and their contacts."""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import enum
import functools
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

from prospector import normalize, paths
from prospector.enums import (
    ActivityType,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.records import CompanyInput, ContactInput

SOURCE = "Beispieldaten"
DEFAULT_SEED = 2024
# The shipped sample: a few hundred companies, enough to try every screen.
SAMPLE_COUNT = 320

T = TypeVar("T")


@dataclass(frozen=True)
class SampleCompany:
    """One sample company and its people; their company_id stays 0 until the loader sets it."""

    company: CompanyInput
    contacts: tuple[ContactInput, ...]


# --- Reference data -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    short: str  # as a company name would use it: "Frankfurt", not "Frankfurt am Main"
    state: str
    area_code: str  # national trunk prefix included: "0351"
    postcodes: tuple[int, int]  # first and last postcode of the city
    regions: tuple[str, ...]  # landscape and river names firms like to call themselves after
    weight: int


def _city(
    name: str,
    state: str,
    area: str,
    low: int,
    high: int,
    regions: str,
    weight: int = 1,
    short: str | None = None,
) -> _City:
    return _City(name, short or name, state, area, (low, high), tuple(regions.split("|")), weight)


_BW, _BY, _BE, _BB = "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg"
_HB, _HH, _HE, _MV = "Bremen", "Hamburg", "Hessen", "Mecklenburg-Vorpommern"
_NI, _NW, _RP, _SL = "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland"
_SN, _ST, _SH, _TH = "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"

# Real area codes and postcode ranges; weights roughly follow each city's business population.
_CITIES = (
    _city("Stuttgart", _BW, "0711", 70173, 70619, "Neckar|Schwaben", 5),
    _city("Karlsruhe", _BW, "0721", 76131, 76229, "Baden|Rhein", 2),
    _city("Mannheim", _BW, "0621", 68159, 68309, "Rhein-Neckar|Kurpfalz", 2),
    _city("Freiburg im Breisgau", _BW, "0761", 79098, 79117, "Schwarzwald|Breisgau", 2, "Freiburg"),
    _city("Ulm", _BW, "0731", 89073, 89081, "Donau|Alb"),
    _city("Heilbronn", _BW, "07131", 74072, 74081, "Neckar|Unterland"),
    _city("Reutlingen", _BW, "07121", 72760, 72770, "Alb|Schwaben"),
    _city("Pforzheim", _BW, "07231", 75172, 75181, "Enz|Schwarzwald"),
    _city("München", _BY, "089", 80331, 81929, "Isar|Bayern|Alpen", 7),
    _city("Nürnberg", _BY, "0911", 90402, 90491, "Franken|Noris", 3),
    _city("Augsburg", _BY, "0821", 86150, 86199, "Lech|Schwaben", 2),
    _city("Regensburg", _BY, "0941", 93047, 93059, "Donau|Oberpfalz"),
    _city("Würzburg", _BY, "0931", 97070, 97084, "Main|Franken"),
    _city("Ingolstadt", _BY, "0841", 85049, 85057, "Donau|Altmühl"),
    _city("Erlangen", _BY, "09131", 91052, 91058, "Franken|Regnitz"),
    _city("Berlin", _BE, "030", 10115, 14199, "Spree|Berlin|Havel", 9),
    _city("Potsdam", _BB, "0331", 14467, 14482, "Havel|Brandenburg"),
    _city("Cottbus", _BB, "0355", 3042, 3055, "Lausitz|Spree"),
    _city("Frankfurt (Oder)", _BB, "0335", 15230, 15236, "Oder|Brandenburg", 1, "Frankfurt"),
    _city("Bremen", _HB, "0421", 28195, 28779, "Weser|Hansa", 2),
    _city("Bremerhaven", _HB, "0471", 27568, 27580, "Weser|Nordsee"),
    _city("Hamburg", _HH, "040", 20095, 22769, "Alster|Hansa|Elbe", 6),
    _city("Frankfurt am Main", _HE, "069", 60306, 60599, "Rhein-Main|Main|Taunus", 5, "Frankfurt"),
    _city("Wiesbaden", _HE, "0611", 65183, 65207, "Taunus|Rheingau"),
    _city("Kassel", _HE, "0561", 34117, 34134, "Fulda|Nordhessen"),
    _city("Darmstadt", _HE, "06151", 64283, 64297, "Odenwald|Bergstraße"),
    _city("Gießen", _HE, "0641", 35390, 35398, "Lahn|Mittelhessen"),
    _city("Rostock", _MV, "0381", 18055, 18147, "Ostsee|Warnow|Hanse"),
    _city("Schwerin", _MV, "0385", 19053, 19063, "Mecklenburg|Seenland"),
    _city("Greifswald", _MV, "03834", 17489, 17493, "Vorpommern|Ostsee"),
    _city("Hannover", _NI, "0511", 30159, 30669, "Leine|Niedersachsen", 3),
    _city("Braunschweig", _NI, "0531", 38100, 38126, "Harz|Oker", 2),
    _city("Osnabrück", _NI, "0541", 49074, 49090, "Hase|Teuto"),
    _city("Oldenburg", _NI, "0441", 26121, 26135, "Hunte|Ammerland"),
    _city("Göttingen", _NI, "0551", 37073, 37085, "Leine|Solling"),
    _city("Wolfsburg", _NI, "05361", 38440, 38448, "Aller|Allertal"),
    _city("Köln", _NW, "0221", 50667, 51149, "Rhein|Dom", 5),
    _city("Düsseldorf", _NW, "0211", 40210, 40629, "Rhein|Niederrhein", 4),
    _city("Dortmund", _NW, "0231", 44135, 44388, "Ruhr|Westfalen", 3),
    _city("Essen", _NW, "0201", 45127, 45359, "Ruhr|Emscher", 3),
    _city("Duisburg", _NW, "0203", 47051, 47279, "Rhein-Ruhr|Niederrhein", 2),
    _city("Bochum", _NW, "0234", 44787, 44894, "Ruhr", 2),
    _city("Wuppertal", _NW, "0202", 42103, 42399, "Bergisch|Wupper", 2),
    _city("Bielefeld", _NW, "0521", 33602, 33739, "Teuto|Ostwestfalen", 2),
    _city("Münster", _NW, "0251", 48143, 48167, "Münsterland|Westfalen", 2),
    _city("Aachen", _NW, "0241", 52062, 52080, "Eifel|Euregio", 2),
    _city("Mainz", _RP, "06131", 55116, 55131, "Rheinhessen|Rhein-Main", 2),
    _city(
        "Ludwigshafen am Rhein", _RP, "0621", 67059, 67071, "Pfalz|Rhein-Neckar", 1, "Ludwigshafen"
    ),
    _city("Koblenz", _RP, "0261", 56068, 56077, "Mosel|Rhein|Westerwald"),
    _city("Trier", _RP, "0651", 54290, 54296, "Mosel|Eifel"),
    _city("Kaiserslautern", _RP, "0631", 67655, 67663, "Pfalz|Westpfalz"),
    _city("Saarbrücken", _SL, "0681", 66111, 66133, "Saar|Saarland", 2),
    _city("Saarlouis", _SL, "06831", 66740, 66740, "Saar"),
    _city("Homburg", _SL, "06841", 66424, 66424, "Saarpfalz"),
    _city("Dresden", _SN, "0351", 1067, 1328, "Elbtal|Elbe|Sachsen", 3),
    _city("Leipzig", _SN, "0341", 4103, 4357, "Sachsen|Pleiße", 3),
    _city("Chemnitz", _SN, "0371", 9111, 9247, "Erzgebirge|Sachsen", 2),
    _city("Zwickau", _SN, "0375", 8056, 8066, "Vogtland|Mulde"),
    _city("Magdeburg", _ST, "0391", 39104, 39130, "Elbe|Börde", 2),
    _city("Halle (Saale)", _ST, "0345", 6108, 6132, "Saale|Mitteldeutschland", 2, "Halle"),
    _city("Dessau-Roßlau", _ST, "0340", 6842, 6862, "Anhalt|Mulde"),
    _city("Kiel", _SH, "0431", 24103, 24159, "Förde|Ostsee|Nord", 2),
    _city("Lübeck", _SH, "0451", 23552, 23570, "Hanse|Trave|Ostsee", 2),
    _city("Flensburg", _SH, "0461", 24937, 24944, "Förde|Nord"),
    _city("Neumünster", _SH, "04321", 24534, 24539, "Holstein"),
    _city("Erfurt", _TH, "0361", 99084, 99099, "Thüringen|Steiger", 2),
    _city("Jena", _TH, "03641", 7743, 7751, "Saale|Thüringen"),
    _city("Gera", _TH, "0365", 7545, 7557, "Elster|Ostthüringen"),
    _city("Weimar", _TH, "03643", 99423, 99441, "Ilm|Thüringen"),
)


@dataclass(frozen=True, slots=True)
class _Industry:
    name: str
    codes: tuple[tuple[str, tuple[str, ...]], ...]  # WZ 2008 code and name words that fit it
    activity: ActivityType
    kind: str  # which roles exist there: production, construction, services, trade
    turnover_per_head: int  # EUR per employee and year, typical for the branch
    weight: int


def _codes(*entries: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """'28.22 Fördertechnik|Krantechnik' -> (('28.22', ('Fördertechnik', 'Krantechnik')),)."""
    return tuple((entry[:5], tuple(entry[6:].split("|"))) for entry in entries)


_MF, _TR, _SV, _CR = (
    ActivityType.MANUFACTURING,
    ActivityType.TRADE,
    ActivityType.SERVICES,
    ActivityType.CRAFT,
)

_INDUSTRIES = (
    _Industry(
        "Maschinenbau",
        _codes(
            "28.22 Fördertechnik|Krantechnik|Hebetechnik",
            "28.29 Maschinenbau|Anlagenbau|Sondermaschinenbau|Verpackungsmaschinen",
            "28.41 Werkzeugmaschinen|Maschinenfabrik",
            "28.93 Lebensmitteltechnik|Prozesstechnik",
            "28.96 Kunststoffmaschinen|Extrusionstechnik",
        ),
        _MF,
        "production",
        210_000,
        12,
    ),
    _Industry(
        "Metallbearbeitung",
        _codes(
            "25.11 Stahlbau|Metallbau",
            "25.50 Umformtechnik|Stanztechnik",
            "25.61 Oberflächentechnik|Galvanik|Härterei",
            "25.62 Präzisionsteile|CNC-Technik|Zerspanungstechnik|Feinmechanik",
            "25.73 Werkzeugbau|Formenbau",
        ),
        _MF,
        "production",
        140_000,
        12,
    ),
    _Industry(
        "Elektrotechnik",
        _codes(
            "27.11 Elektromotoren|Antriebstechnik|Transformatorenbau",
            "27.12 Schaltanlagenbau|Steuerungstechnik",
            "27.33 Elektrotechnik|Installationstechnik",
            "27.40 Lichttechnik|Leuchten",
            "27.90 Elektrotechnik|Elektronik",
        ),
        _MF,
        "production",
        190_000,
        8,
    ),
    _Industry(
        "Kunststoffverarbeitung",
        _codes(
            "22.21 Kunststofftechnik|Profiltechnik|Folien",
            "22.22 Verpackungen|Kunststoffverpackungen",
            "22.29 Kunststoffverarbeitung|Spritzguss|Kunststofftechnik",
        ),
        _MF,
        "production",
        180_000,
        6,
    ),
    _Industry(
        "Lebensmittelherstellung",
        _codes(
            "10.13 Fleischwaren|Wurstwaren",
            "10.51 Molkerei|Milchwerk",
            "10.71 Backwaren|Großbäckerei",
            "10.82 Süßwaren|Schokoladen",
            "10.89 Feinkost|Lebensmittel",
        ),
        _MF,
        "production",
        230_000,
        6,
    ),
    _Industry(
        "Automobilzulieferer",
        _codes(
            "29.32 Fahrzeugtechnik|Automotive|Fahrzeugteile",
        ),
        _MF,
        "production",
        230_000,
        5,
    ),
    _Industry(
        "Medizintechnik",
        _codes(
            "32.50 Medizintechnik|Dentaltechnik|Orthopädietechnik|Medical",
        ),
        _MF,
        "production",
        190_000,
        4,
    ),
    _Industry(
        "Chemische Industrie",
        _codes(
            "20.30 Lacke|Farben und Lacke",
            "20.59 Chemie|Spezialchemie",
        ),
        _MF,
        "production",
        350_000,
        3,
    ),
    _Industry(
        "Möbelherstellung",
        _codes(
            "31.01 Büromöbel|Ladenbau|Objekteinrichtung",
            "31.09 Möbelwerkstätten|Möbelbau",
        ),
        _MF,
        "production",
        150_000,
        3,
    ),
    _Industry(
        "Druck und Medien",
        _codes(
            "18.12 Druckerei|Druck|Druckhaus",
            "18.13 Medienservice|Druckvorstufe",
        ),
        _MF,
        "production",
        130_000,
        4,
    ),
    _Industry(
        "Bau",
        _codes(
            "41.20 Bauunternehmung|Hochbau|Bau",
            "42.11 Straßenbau|Tiefbau",
            "43.21 Elektroinstallation|Elektro",
            "43.22 Haustechnik|Heizung und Sanitär|Gebäudetechnik",
            "43.32 Bautischlerei|Fensterbau",
            "43.91 Bedachungen|Dachdeckerei",
        ),
        _CR,
        "construction",
        150_000,
        10,
    ),
    _Industry(
        "Großhandel",
        _codes(
            "46.52 Bauelemente|Elektronik-Vertrieb",
            "46.69 Industriebedarf|Maschinenhandel",
            "46.73 Baustoffe|Holzhandel",
            "46.74 Sanitärgroßhandel|Befestigungstechnik",
            "46.90 Handelsgesellschaft|Großhandel",
        ),
        _TR,
        "trade",
        650_000,
        10,
    ),
    _Industry(
        "Logistik",
        _codes(
            "49.41 Transporte|Spedition|Logistik",
            "52.10 Lagerlogistik|Logistik",
            "52.29 Spedition|Logistik|Cargo",
        ),
        _SV,
        "trade",
        160_000,
        8,
    ),
    _Industry(
        "IT-Dienstleistungen",
        _codes(
            "62.01 Software|Softwareentwicklung|Digital",
            "62.02 IT-Beratung|IT-Consulting|Informationssysteme",
            "62.03 IT-Service|Rechenzentrum",
            "62.09 IT-Solutions|Systemhaus",
        ),
        _SV,
        "services",
        130_000,
        10,
    ),
    _Industry(
        "Ingenieurbüros",
        _codes(
            "71.12 Ingenieurbüro|Ingenieurgesellschaft|Planungsgesellschaft|Tragwerksplanung",
        ),
        _SV,
        "services",
        100_000,
        7,
    ),
    _Industry(
        "Unternehmensberatung",
        _codes(
            "70.22 Unternehmensberatung|Consulting|Managementberatung",
        ),
        _SV,
        "services",
        140_000,
        5,
    ),
    _Industry(
        "Gebäudereinigung",
        _codes(
            "81.21 Gebäudereinigung|Gebäudeservice|Facility Services",
        ),
        _SV,
        "services",
        35_000,
        3,
    ),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = _words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann "
    "Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler "
    "Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn "
    "Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann "
    "Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt "
    "Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich "
    "Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer "
    "Ernst Brinkmann Kowalski Nowak Yilmaz Kaya Öztürk Hansen Jansen Petersen Lindner Wirth "
    "Haase Reinhardt Oswald Kessler Steiner Brandl Hofer Eberhardt Thiel Decker Rausch"
)

_FIRST_NAMES_MALE = _words(
    "Thomas Michael Andreas Stefan Frank Markus Christian Jürgen Klaus Peter Wolfgang Uwe "
    "Matthias Sebastian Tobias Jan Alexander Martin Holger Jens Dirk Torsten Ralf Bernd Florian "
    "Daniel Philipp Lukas Felix Maximilian Simon Benjamin Oliver Sven Kai Björn Jörg Günter "
    "Hans-Peter Karl-Heinz Dieter Heiko Marco Carsten Volker Rainer Norbert Detlef Moritz Niklas"
)

_FIRST_NAMES_FEMALE = _words(
    "Sabine Petra Andrea Claudia Susanne Nicole Stefanie Katrin Julia Anna Laura Sarah Lisa "
    "Christina Melanie Sandra Anja Birgit Monika Ute Heike Kerstin Martina Silke Tanja Daniela "
    "Jana Franziska Katharina Johanna Lena Sophie Marie Miriam Annette Gabriele Karin Ines "
    "Doreen Manuela Yvonne Nadine Jessica Carolin Jasmin Ulrike Bärbel Anke Maren Friederike"
)

_STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Industriestraße",
    "Gewerbestraße",
    "Am Gewerbepark",
    "Schillerstraße",
    "Goethestraße",
    "Gartenstraße",
    "Lindenstraße",
    "Werkstraße",
    "Dieselstraße",
    "Robert-Bosch-Straße",
    "Carl-Benz-Straße",
    "Siemensstraße",
    "Max-Planck-Straße",
    "Otto-Hahn-Straße",
    "Im Gewerbegebiet",
    "Daimlerstraße",
    "Fraunhoferstraße",
    "Raiffeisenstraße",
    "Mühlenweg",
    "Ringstraße",
    "Kirchstraße",
    "Berliner Straße",
    "Friedrichstraße",
    "Lessingstraße",
    "Kantstraße",
    "Hafenstraße",
    "Zeppelinstraße",
    "Rudolf-Diesel-Straße",
    "Einsteinstraße",
    "Am Technologiepark",
    "Ernst-Abbe-Straße",
    "Gutenbergstraße",
    "Wilhelm-Maybach-Straße",
    "Kopernikusstraße",
    "Heinrich-Hertz-Straße",
    "Lilienthalstraße",
    "Nordring",
    "Südring",
    "Waldstraße",
    "Feldstraße",
    "Am Bahnhof",
    "Marktstraße",
    "Poststraße",
    "Wiesenweg",
    "Eichenweg",
)

# Mobile prefixes of the German networks, with their subscriber number lengths.
_MOBILE_PREFIXES = (
    ("0151", 8),
    ("0152", 8),
    ("0157", 8),
    ("0159", 8),
    ("0160", 7),
    ("0162", 7),
    ("0170", 7),
    ("0171", 7),
    ("0172", 7),
    ("0173", 7),
    ("0175", 7),
    ("0176", 8),
    ("0177", 7),
    ("0178", 7),
    ("0179", 7),
)

_DO_NOT_CONTACT_REASONS = (
    "Werbewiderspruch per E-Mail",
    "Widerspruch am Telefon",
    "Bittet um keine weiteren Anrufe",
    "Widerspruch nach Art. 21 DSGVO per Brief",
)
_DO_NOT_CONTACT_FROM = dt.date(2023, 1, 9)


@dataclass(frozen=True, slots=True)
class _Role:
    title_male: str
    title_female: str
    department: str
    female_percent: int
    decision_maker_percent: int  # the rest are other_role
    other_role: DecisionRole
    min_employees: int
    max_employees: int = 1_000_000
    kinds: frozenset[str] | None = None  # None: exists in every branch
    weight: int = 10


_PRODUCTION = frozenset({"production"})
_MANAGER = _Role(
    "Geschäftsführer", "Geschäftsführerin", "Geschäftsführung", 20, 100, DecisionRole.UNKNOWN, 1
)
_PARTNER = _Role(
    "Geschäftsführender Gesellschafter",
    "Geschäftsführende Gesellschafterin",
    "Geschäftsführung",
    15,
    100,
    DecisionRole.UNKNOWN,
    1,
)
_OWNER = _Role("Inhaber", "Inhaberin", "Geschäftsführung", 25, 100, DecisionRole.UNKNOWN, 1)
_BOARD = _Role(
    "Vorstandsvorsitzender", "Vorstandsvorsitzende", "Vorstand", 15, 100, DecisionRole.UNKNOWN, 1
)
# Everyone below the top; drawn without replacement, weighted, within the company's size.
_ROLES = (
    _Role(
        "Einkaufsleiter",
        "Einkaufsleiterin",
        "Einkauf",
        40,
        50,
        DecisionRole.INFLUENCER,
        10,
        weight=16,
    ),
    _Role(
        "Leiter Produktion",
        "Leiterin Produktion",
        "Produktion",
        15,
        0,
        DecisionRole.INFLUENCER,
        10,
        kinds=_PRODUCTION,
        weight=12,
    ),
    _Role(
        "Technischer Leiter",
        "Technische Leiterin",
        "Technik",
        15,
        30,
        DecisionRole.INFLUENCER,
        3,
        kinds=frozenset({"production", "construction", "trade"}),
        weight=12,
    ),
    _Role(
        "Kaufmännischer Leiter",
        "Kaufmännische Leiterin",
        "Finanzen und Verwaltung",
        45,
        60,
        DecisionRole.INFLUENCER,
        20,
        weight=10,
    ),
    _Role(
        "Assistenz der Geschäftsführung",
        "Assistenz der Geschäftsführung",
        "Geschäftsführung",
        85,
        0,
        DecisionRole.GATEKEEPER,
        10,
        weight=10,
    ),
    _Role(
        "Büroleiter", "Büroleiterin", "Verwaltung", 80, 0, DecisionRole.GATEKEEPER, 2, 49, weight=10
    ),
    _Role(
        "Vertriebsleiter",
        "Vertriebsleiterin",
        "Vertrieb",
        30,
        20,
        DecisionRole.INFLUENCER,
        5,
        weight=8,
    ),
    _Role(
        "Prokurist", "Prokuristin", "Geschäftsführung", 30, 100, DecisionRole.UNKNOWN, 20, weight=5
    ),
    _Role("Leiter IT", "Leiterin IT", "IT", 20, 20, DecisionRole.INFLUENCER, 50, weight=6),
    _Role(
        "Qualitätsmanager",
        "Qualitätsmanagerin",
        "Qualitätsmanagement",
        40,
        0,
        DecisionRole.INFLUENCER,
        20,
        kinds=_PRODUCTION,
        weight=6,
    ),
    _Role(
        "Sachbearbeiter Einkauf",
        "Sachbearbeiterin Einkauf",
        "Einkauf",
        60,
        0,
        DecisionRole.USER,
        50,
        weight=5,
    ),
    _Role(
        "Leiter Logistik",
        "Leiterin Logistik",
        "Logistik",
        25,
        20,
        DecisionRole.INFLUENCER,
        20,
        kinds=frozenset({"trade"}),
        weight=8,
    ),
    _Role(
        "Projektleiter",
        "Projektleiterin",
        "Projektmanagement",
        35,
        0,
        DecisionRole.USER,
        3,
        kinds=frozenset({"services", "construction"}),
        weight=8,
    ),
    _Role(
        "Bauleiter",
        "Bauleiterin",
        "Bauleitung",
        10,
        0,
        DecisionRole.USER,
        3,
        kinds=frozenset({"construction"}),
        weight=8,
    ),
    _Role(
        "Technischer Geschäftsführer",
        "Technische Geschäftsführerin",
        "Geschäftsführung",
        20,
        100,
        DecisionRole.UNKNOWN,
        50,
        weight=4,
    ),
)

# EU size classes as employee ranges, weighted like a prospecting list of German SMEs.
_EMPLOYEE_BANDS = ((1, 9, 42), (10, 49, 36), (50, 249, 17), (250, 1800, 5))
_CONTACT_COUNTS = {  # index of the employee band -> weights for 1, 2, 3, 4 contacts
    0: (50, 35, 15, 0),
    1: (20, 40, 30, 10),
    2: (5, 30, 35, 30),
    3: (5, 25, 35, 35),
}


# --- Weighted choice, fast ------------------------------------------------------------------


class _Weighted(Generic[T]):
    """Items with integer weights; pick() needs one random() and a bisect."""

    def __init__(self, pairs: Iterable[tuple[T, int]]) -> None:
        self.items: list[T] = []
        self._cumulative: list[int] = []
        total = 0
        for item, weight in pairs:
            if weight <= 0:
                continue
            total += weight
            self.items.append(item)
            self._cumulative.append(total)
        self._total = total

    def pick(self, rng: random.Random) -> T:
        # The upper bound keeps a product rounded up to the total on the last item.
        point = rng.random() * self._total
        return self.items[bisect.bisect_right(self._cumulative, point, 0, len(self.items) - 1)]


def _weights(values: Sequence[T], weights: Sequence[int]) -> _Weighted[T]:
    return _Weighted(zip(values, weights, strict=True))


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    """'Müller & Söhne' -> 'mueller-soehne' (ASCII, for domains and e-mail addresses)."""
    return _NON_ALNUM.sub("-", normalize.fold(text)).strip("-")


@dataclass(frozen=True)
class _Pools:
    cities: _Weighted[_City]
    cities_by_state: tuple[tuple[_City, ...], ...]
    industries: _Weighted[_Industry]
    bands: _Weighted[int]
    legal_forms: tuple[_Weighted[str], ...]  # by employee band
    contact_counts: tuple[_Weighted[int], ...]  # by employee band
    roles: dict[tuple[str, int], _Weighted[_Role]]  # (kind, band) -> roles that occur there


@functools.cache
def _pools() -> _Pools:
    """Lookup tables built once per process, so generate() only draws from them."""
    states = sorted({city.state for city in _CITIES})
    bands = range(len(_EMPLOYEE_BANDS))
    kinds = {industry.kind for industry in _INDUSTRIES}
    forms = ("GmbH", "GmbH & Co. KG", "AG", "KG", "e.K.", "UG (haftungsbeschränkt)")
    form_weights = (
        (52, 10, 0, 6, 22, 10),
        (62, 26, 1, 7, 4, 0),
        (56, 35, 5, 4, 0, 0),
        (38, 40, 22, 0, 0, 0),
    )
    return _Pools(
        cities=_Weighted((city, city.weight) for city in _CITIES),
        cities_by_state=tuple(tuple(c for c in _CITIES if c.state == s) for s in states),
        industries=_Weighted((industry, industry.weight) for industry in _INDUSTRIES),
        bands=_weights(list(bands), [band[2] for band in _EMPLOYEE_BANDS]),
        legal_forms=tuple(_weights(forms, weights) for weights in form_weights),
        contact_counts=tuple(_weights((1, 2, 3, 4), _CONTACT_COUNTS[band]) for band in bands),
        roles={
            (kind, band): _Weighted(
                (role, role.weight)
                for role in _ROLES
                if (role.kinds is None or kind in role.kinds)
                and role.min_employees <= _EMPLOYEE_BANDS[band][1]
                and role.max_employees >= _EMPLOYEE_BANDS[band][0]
            )
            for kind in kinds
            for band in bands
        },
    )


# --- Generation -----------------------------------------------------------------------------


def _digits(rng: random.Random, count: int) -> str:
    """A subscriber number: never starts with 0 or 1 (trunk prefix and service numbers)."""
    return str(rng.randrange(2 * 10 ** (count - 1), 10**count))


def _employees(rng: random.Random, band: int) -> int:
    low, high, _ = _EMPLOYEE_BANDS[band]
    # Skewed towards the band's small end, as real firm sizes are; no pow(), so the
    # numbers are the same on every platform's maths library.
    draw = rng.random()
    return low + int((high - low + 1) * (draw + draw * draw) / 2)


def _turnover(rng: random.Random, employees: int, per_head: int) -> Decimal | None:
    if rng.random() < 0.06:  # real lists have gaps; size class then rests on employees alone
        return None
    euros = employees * per_head * rng.randrange(60, 151) // 100
    return Decimal(max(10_000, (euros + 5_000) // 10_000 * 10_000))


def _structure(rng: random.Random, band: int) -> CompanyStructure:
    draw = rng.random()
    if band == 0:
        return CompanyStructure.INDEPENDENT
    if band == 3 and draw < 0.15:
        return CompanyStructure.GROUP
    if band >= 2 and draw < 0.35:
        return CompanyStructure.HEADQUARTERS
    if band >= 2 and draw < 0.47:
        return CompanyStructure.SUBSIDIARY
    if draw > 0.93:
        return CompanyStructure.BRANCH
    return CompanyStructure.INDEPENDENT


def _base_name(rng: random.Random, word: str, city: _City) -> str:
    """The name without legal form, in one of the patterns German firms are named by."""
    draw = rng.random()
    surname = rng.choice(_SURNAMES)
    if draw < 0.30:
        return f"{surname} {word}"
    if draw < 0.50:
        return f"{word} {surname}"
    if draw < 0.58:
        return f"{surname} & {rng.choice(_SURNAMES)}"
    if draw < 0.76:
        return f"{rng.choice(city.regions)} {word}"
    if draw < 0.83:
        return f"{word} {city.short}"
    letters = "ABDEFGHKLMPRSTW"
    initials = "".join(rng.choice(letters) for _ in range(rng.randrange(2, 4)))
    return f"{initials} {word}"


class _Names:
    """Keeps company names and domains unique within one generation run."""

    def __init__(self) -> None:
        self._names: set[str] = set()
        self._slugs: set[str] = set()

    def name(self, rng: random.Random, word: str, city: _City) -> str:
        for _ in range(8):
            base = _base_name(rng, word, city)
            if base not in self._names:
                break
        else:  # a crowded pattern: tell the firms apart by city, then by number
            wanted = base if city.short in base else f"{base} {city.short}"
            base = self._free(self._names, wanted, " ")
        self._names.add(base)
        return base

    def domain(self, base: str, city: _City) -> str:
        slug = _slug(base)
        if slug in self._slugs:  # "Müller Bau" and "Mueller-Bau" share a slug
            slug = self._free(self._slugs, f"{slug}-{_slug(city.short)}", "-")
        self._slugs.add(slug)
        return f"{slug}.de"

    @staticmethod
    def _free(taken: set[str], wanted: str, separator: str) -> str:
        candidate, number = wanted, 2
        while candidate in taken:
            candidate, number = f"{wanted}{separator}{number}", number + 1
        return candidate


def _phone_base(rng: random.Random, city: _City) -> str:
    """The number before the extension; with a 3-digit extension it stays within 11 digits."""
    room = 8 - (len(city.area_code) - 1)
    return _digits(rng, room - rng.randrange(2))


@dataclass(frozen=True, slots=True)
class _Frame:
    """What one company's contacts are drawn from."""

    industry: _Industry
    band: int
    employees: int
    legal_form: str
    domain: str
    switchboard: str | None  # the number before the extension; None: one plain line


def _company_phone(rng: random.Random, city: _City, band: int) -> tuple[str, str | None]:
    if band == 0:  # a micro firm has one plain line, no extensions
        length = 8 - len(city.area_code) + 2 + rng.randrange(2)
        return f"{city.area_code} {_digits(rng, length)}", None
    switchboard = f"{city.area_code} {_phone_base(rng, city)}"
    return f"{switchboard}-0", switchboard


def _company(
    rng: random.Random, index: int, pools: _Pools, names: _Names
) -> tuple[CompanyInput, _Frame]:
    if index < len(pools.cities_by_state):  # the first sixteen cover every state
        city = rng.choice(pools.cities_by_state[index])
    else:
        city = pools.cities.pick(rng)
    industry = pools.industries.pick(rng)
    wz_code, words = rng.choice(industry.codes)
    band = pools.bands.pick(rng)
    employees = _employees(rng, band)
    legal_form = pools.legal_forms[band].pick(rng)
    base = names.name(rng, rng.choice(words), city)
    domain = names.domain(base, city)
    postcode = rng.randrange(city.postcodes[0], city.postcodes[1] + 1)
    street = f"{rng.choice(_STREETS)} {rng.randrange(1, 121)}"
    if rng.random() < 0.12:
        street += rng.choice("abc")
    phone, switchboard = _company_phone(rng, city, band)
    company = CompanyInput(
        name=f"{base} {legal_form}",
        legal_form=legal_form,
        industry=industry.name,
        wz_code=wz_code,
        employees=employees,
        turnover_eur=_turnover(rng, employees, industry.turnover_per_head),
        structure=_structure(rng, band),
        activity_type=industry.activity,
        street=street,
        postcode=f"{postcode:05d}",
        city=city.name,
        state=city.state,
        phone=phone,
        website=f"https://www.{domain}",
        email=f"{'info' if rng.random() < 0.85 else 'kontakt'}@{domain}",
        source=SOURCE,
    )
    return company, _Frame(industry, band, employees, legal_form, domain, switchboard)


def _top_role(rng: random.Random, legal_form: str) -> _Role:
    if legal_form == "e.K.":
        return _OWNER
    if legal_form == "AG":
        return _BOARD
    return _PARTNER if rng.random() < 0.25 else _MANAGER


def _other_roles(rng: random.Random, pool: _Weighted[_Role], count: int) -> list[_Role]:
    """Up to `count` distinct roles, drawn by weight (a repeat is drawn again)."""
    chosen: list[_Role] = []
    wanted = min(count, len(pool.items))
    while len(chosen) < wanted:
        role = pool.pick(rng)
        if role not in chosen:
            chosen.append(role)
    return chosen


def _mobile(rng: random.Random) -> str:
    prefix, length = rng.choice(_MOBILE_PREFIXES)
    return f"{prefix} {rng.randrange(10**length):0{length}d}"


def _contact(
    rng: random.Random, role: _Role, domain: str, phone: str | None, taken: set[str]
) -> ContactInput:
    female = rng.random() * 100 < role.female_percent
    first_names = _FIRST_NAMES_FEMALE if female else _FIRST_NAMES_MALE
    first, last = rng.choice(first_names), rng.choice(_SURNAMES)
    while f"{first} {last}" in taken:  # one person per name and mailbox in a company
        last = rng.choice(_SURNAMES)
    taken.add(f"{first} {last}")
    deciding = rng.random() * 100 < role.decision_maker_percent
    title = None
    if rng.random() < (0.10 if deciding else 0.03):
        title = "Dr.-Ing." if rng.random() < 0.3 else "Dr."
    blocked = rng.random() < 0.02
    lead = deciding and not blocked and rng.random() < 0.3
    mobile_share = 0.6 if deciding else 0.25
    return ContactInput(
        company_id=0,
        last_name=last,
        first_name=first,
        salutation=Salutation.MS if female else Salutation.MR,
        academic_title=title,
        job_title=role.title_female if female else role.title_male,
        department=role.department,
        phone=phone,
        mobile=_mobile(rng) if rng.random() < mobile_share else None,
        email=f"{_slug(first)}.{_slug(last)}@{domain}",
        decision_role=DecisionRole.DECISION_MAKER if deciding else role.other_role,
        budget_authority=deciding,
        lead_status=LeadStatus.LEAD if lead else LeadStatus.CONTACT,
        do_not_contact=blocked,
        do_not_contact_since=(
            _DO_NOT_CONTACT_FROM + dt.timedelta(days=rng.randrange(600)) if blocked else None
        ),
        do_not_contact_reason=rng.choice(_DO_NOT_CONTACT_REASONS) if blocked else None,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        data_source=SOURCE,
    )


def _contacts(rng: random.Random, pools: _Pools, frame: _Frame) -> tuple[ContactInput, ...]:
    # Never more contacts than the firm has people.
    count = min(pools.contact_counts[frame.band].pick(rng), frame.employees)
    roles = [_top_role(rng, frame.legal_form)]
    roles += _other_roles(rng, pools.roles[frame.industry.kind, frame.band], count - 1)
    taken: set[str] = set()
    extensions: set[int] = set()
    people = []
    for role in roles:
        phone = None
        if frame.switchboard is not None and rng.random() < 0.85:
            extension = rng.randrange(10, 1000)
            while extension in extensions:
                extension = rng.randrange(10, 1000)
            extensions.add(extension)
            phone = f"{frame.switchboard}-{extension}"
        people.append(_contact(rng, role, frame.domain, phone, taken))
    return tuple(people)


def generate(count: int, seed: int = DEFAULT_SEED) -> Iterator[SampleCompany]:
    """`count` companies with their contacts; the same seed always yields the same companies."""
    rng = random.Random(seed)
    pools = _pools()
    names = _Names()
    for index in range(count):
        company, frame = _company(rng, index, pools, names)
        yield SampleCompany(company, _contacts(rng, pools, frame))


# --- The sample file ------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON value: enums by value, decimals as strings (exact), dates in ISO form."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _as_dict(record: Any, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields that differ from their defaults, so the file shows only what was generated."""
    return {
        field.name: _plain(getattr(record, field.name))
        for field in dataclasses.fields(record)
        if field.name not in skip and getattr(record, field.name) != field.default
    }


def to_json(companies: Iterable[SampleCompany]) -> str:
    """The sample file's text: a JSON list with one company and its contacts per line."""
    lines = [
        json.dumps(
            {
                "company": _as_dict(sample.company),
                "contacts": [_as_dict(c, frozenset({"company_id"})) for c in sample.contacts],
            },
            ensure_ascii=False,
        )
        for sample in companies
    ]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def default_path() -> Path:
    return paths.resources_dir() / "sample" / "sample_companies.json"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the German sample companies as JSON.")
    parser.add_argument("--count", type=int, default=SAMPLE_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=None, help="default: the shipped sample")
    args = parser.parse_args(argv)
    out: Path = args.out or default_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    # newline="\n": the same bytes on every platform, so the shipped file can be checked.
    out.write_text(to_json(generate(args.count, args.seed)), encoding="utf-8", newline="\n")
    print(f"{args.count} companies written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
