"""Near misses of known header names: typos, broken umlauts, a legal form typed along."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from prospector.exchange.header_lookup import Known, NameIndex, compact, header_key
from prospector.normalize import fold

# The least similarity of a near miss: 100 less the share of letters typed wrong, left out,
# added or swapped (optimal string alignment). One slip in five letters stays above it
# ("E-Mial" 83, "Postleitzal" 92, "Telefn" 86); the false friends of the tests stay below
# ("Start"/"State" 60, "Statistik"/"Status" 56, "Religion"/"Region" 75).
THRESHOLD = 80
# Shorter names differ from others by one letter too often ("Ort"/"Sort", "Staat"/"Stadt").
MIN_LENGTH = 5
_CANDIDATES = 5
_LONGEST = 80  # longer cells are data, not headers
_REMEMBERED = 20_000  # headers whose near miss is kept: "Spalte 17" is looked for once
# Words that say nothing about the column ("Firmenname GmbH"): a known name typed with them
# is a near miss of this confidence.
_WITH_NOISE = 90
_NOISE = frozenset(
    {"gmbh", "mbh", "ag", "kg", "ohg", "gbr", "ug", "ev", "co", "inc", "ltd", "llc", "plc"}
)
_BRACKETS = re.compile(r"[(\[][^)\]]*[)\]]")
_BROKEN = re.compile("\ufffd+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBERED = re.compile(r"^(?P<base>.*\D)\s+(?P<number>\d+)$")


@dataclass(frozen=True)
class NearMiss:
    """The known name a header resembles, and how much (0-100)."""

    known: Known
    score: int


class NearMisses:
    """Finds the known name a header misses narrowly; built once from the name index."""

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        self._entries = index.entries
        # The names of each length a near miss can have (a fifth longer or shorter at most):
        # a header is compared with those only.
        self._by_length: dict[int, tuple[list[str], list[Known]]] = {}
        for length in range(MIN_LENGTH, _LONGEST + 1):
            fitting = [k for k in self._entries if _near_in_length(length, len(k.text))]
            self._by_length[length] = ([k.text for k in fitting], fitting)
        self._seen: dict[str, NearMiss | None] = {}

    def find(self, header: str) -> NearMiss | None:
        """The nearest known name above the threshold that is not a whole word away from the
        header ("Mum Country" is not "Country"), or None. A numbered header ("Telefn 2",
        "Spalte 17") is compared without its number, then read with it as a known name is."""
        numbered = _NUMBERED.match(header.strip())
        if numbered is None:
            return self._near(header)
        base = self._near(numbered["base"])
        if base is None or base.known.key is None:
            return base
        again = self._index.lookup(f"{base.known.name} {numbered['number']}")
        return None if again is None else NearMiss(again, base.score)

    def _near(self, header: str) -> NearMiss | None:
        if header in self._seen:
            return self._seen[header]
        if len(self._seen) >= _REMEMBERED:
            self._seen.clear()
        found = self._fits(header) if "\ufffd" in header else self._nearest(header)
        self._seen[header] = found
        return found

    def _nearest(self, header: str) -> NearMiss | None:
        query = header_key(_BRACKETS.sub(" ", header))
        if len(compact(query)) < MIN_LENGTH:
            return None
        words = query.split()
        meaningful = [w for w in words if w not in _NOISE]
        if meaningful and len(meaningful) < len(words):
            found = self._index.lookup(" ".join(meaningful))
            if found is not None:
                return NearMiss(found, _WITH_NOISE)
        texts, entries = self._by_length.get(len(query), ([], []))
        for text, score, position in process.extract(
            query,
            texts,
            scorer=OSA.normalized_similarity,
            processor=None,
            score_cutoff=THRESHOLD / 100,
            limit=_CANDIDATES,
        ):
            if not _word_apart(query, text) and _short_words(query) == _short_words(text):
                return NearMiss(entries[position], _score(query, text, score))
        return None

    def _fits(self, header: str) -> NearMiss | None:
        """A header whose umlauts were lost on the way ("Stra\ufffde gesch\ufffdftlich"): each
        run of replacement characters stands for one to three letters."""
        pieces = [_NON_WORD.sub(" ", fold(piece)) for piece in _BROKEN.split(header)]
        spaced = re.sub(" +", " ", "\0".join(pieces)).strip()
        if len(compact(spaced.replace("\0", ""))) < MIN_LENGTH:
            return None
        wanted = re.compile("[a-z]{1,3}".join(re.escape(part) for part in spaced.split("\0")))
        query = header_key(header)
        for known in self._entries:
            if wanted.fullmatch(known.text):
                return NearMiss(known, max(THRESHOLD, _score(query, known.text)))
        return None


def _near_in_length(mine: int, theirs: int) -> bool:
    return abs(mine - theirs) <= (1 - THRESHOLD / 100) * max(mine, theirs)


def _score(query: str, text: str, score: float | None = None) -> int:
    """A near miss's confidence: its similarity, below the 100 of a known name."""
    found = OSA.normalized_similarity(query, text) if score is None else score
    return min(99, int(found * 100))


def _short_words(text: str) -> set[str]:
    """Short words carry the meaning a typo rarely touches: "Ansprechpartnerin" is not
    "Ansprechpartner-ID", "Telefon 2" not "Telefon"."""
    return {word for word in text.split() if len(word) <= 3}


def _word_apart(query: str, text: str) -> bool:
    """Does one have all the other's words and more ("Nachfolge-Bankleitzahl",
    "Organization ID")? Then it names something else."""
    mine, theirs = set(query.split()), set(text.split())
    return mine != theirs and (mine > theirs or theirs > mine)
