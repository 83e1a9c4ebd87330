"""Match contacts to target personas (Zielpersonen) by their job title, German and English."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PersonaPattern:
    """What the user entered for one persona: whole job titles and words that point to the role."""

    persona_id: int
    titles: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonaMatch:
    """A persona a job title fits; reason is the title or keyword as the user entered it."""

    persona_id: int
    score: int  # 0-100
    reason: str


# Normalisation, the same for persona patterns and job titles:
# 1. Gender marks go: "LeiterIn" (Binnen-I) here, "Leiter/in", "Leiter:in", "Leiter*in", "(m/w/d)"
#    as word breaks plus stopwords and one-letter words, "-in"/"-innen" endings in _stem.
# 2. Case-fold; accents and umlauts lose their marks, then "ae"/"oe"/"ue" -> "a"/"o"/"u", so
#    "Geschäftsführer", "Geschaeftsfuehrer" and "Geschaftsfuhrer" all read "geschaftsfuhrer".
# 3. Words are runs of letters and digits: punctuation, "&", "/", "-" break words.
# 4. Abbreviations expand, stopwords, academic titles and gender marks drop.
# 5. Each word is cut into known stems (German compounds), stemmed and mapped to a concept.

_BINNEN_I = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")

_STOPWORDS = frozenset(
    _WORD.findall(
        # German and English filler
        "der die das des dem den und u fur von vom zur zum im in innen am an bei auf mit aus bzw "
        "sowie oder of the and for to at on a an as de du la le et herr frau "
        # gender marks typed without slashes
        "mwd wmd mwx mfd dmw gn "
        # academic degrees
        "dipl ing dr prof mba msc bsc ba ma med rer nat pol oec phil jur habil fh mag phd llm"
    )
)

_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "gf": ("geschaftsfuhrer",),
    "stellv": ("stellvertretender",),
    "stellvertr": ("stellvertretender",),
    "stv": ("stellvertretender",),
    "techn": ("technischer",),
    "ltr": ("leiter",),
    "ltg": ("leitung",),
    "mgr": ("manager",),
    "mgmt": ("management",),
    "dir": ("director",),
    "kfm": ("kaufmannischer",),
    "kaufm": ("kaufmannischer",),
    "abt": ("abteilung",),
    "eink": ("einkauf",),
    "vors": ("vorsitzender",),
    "vp": ("vice", "president"),
    "svp": ("senior", "vice", "president"),
    "evp": ("executive", "vice", "president"),
    "md": ("managing", "director"),
    "gl": ("geschaftsleitung",),
    "asst": ("assistant",),
    "sr": ("senior",),
    "jr": ("junior",),
    "dept": ("department",),
}

# Word pairs that only look like a role: a "Product Owner" owns no company.
_FALSE_FRIENDS: dict[str, frozenset[str]] = {
    "owner": frozenset({"product", "produkt", "process", "prozess", "service", "data", "budget"}),
}

# Feminine "-in"/"-innen" is cut only after these endings (Leiterin, Assistentin, Direktorin …).
_FEMININE_BASES = ("er", "ent", "ant", "ist", "or", "eur", "ar", "ef")
_SUFFIXES = (
    "ungen",
    "ung",
    "ender",
    "enden",
    "endes",
    "endem",
    "ende",
    "end",
    "ing",
    "ern",
    "er",
    "en",
    "es",
    "em",
    "e",
    "s",
)
_MIN_STEM = 3
_MAX_TAIL = 8  # longest ending _stem cuts off a compound part ("erinnen", "eering")
_MIN_UNKNOWN = 3  # an unknown compound part ("Bau" in "Bauleiter") has at least this many letters
_MIN_KNOWN = 4  # a known compound part too: acronyms like CTO never match inside words
_CACHE_LIMIT = 200_000
# Endings of a known part an unknown one may follow (Fugen-s, -n, …); with no ending, the
# unknown part starts with a consonant ("Technik|vorstand", not "Manag|ement").
_JOINTS = frozenset({"s", "es", "n", "en", "er", "ungs"})
_VOWELS = "aeiouy"


def _fold(text: str) -> str:
    if "In" in text:
        text = _BINNEN_I.sub("", text)
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _words(text: str) -> list[str]:
    """Folded words of a title: abbreviations expanded, filler and gender marks dropped."""
    out: list[str] = []
    for word in _WORD.findall(_fold(text)):
        expansion = _ABBREVIATIONS.get(word)
        if expansion is not None:
            out.extend(expansion)
        elif len(word) > 1 and word not in _STOPWORDS and not word.isdigit():
            out.append(word)
    if not _FALSE_FRIENDS.keys().isdisjoint(out):
        kept: list[str] = []
        for word in out:
            if kept and kept[-1] in _FALSE_FRIENDS.get(word, ()):
                kept.pop()
            else:
                kept.append(word)
        out = kept
    return out


def _cut_one(word: str) -> str | None:
    for feminine in ("innen", "in"):
        if word.endswith(feminine):
            base = word[: -len(feminine)]
            if len(base) >= _MIN_STEM and base.endswith(_FEMININE_BASES):
                return base
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            if (suffix == "e" and word.endswith("ee")) or (
                suffix == "s" and word.endswith(("ss", "us", "is"))
            ):
                continue
            return word[: -len(suffix)]
    return None


@functools.lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    """Leiter, Leiterin, Leitung, leitende -> 'leit'; Einkäufer, Einkaufs -> 'einkauf'."""
    if len(word) <= _MIN_STEM:
        return word
    for _ in range(3):
        cut = _cut_one(word)
        if cut is None:
            break
        word = cut
    return word


def _stems_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(_stem(word) for text in texts for word in _words(text))


# Words that mean the same role; keys and values are stemmed below.
_SYNONYM_WORDS = {
    "Head": "Leiter",
    "Chef": "Leiter",
    "Buyer": "Einkauf",
    "Purchasing": "Einkauf",
    "Procurement": "Einkauf",
    "Beschaffung": "Einkauf",
    "Direktor": "Director",
    "technisch": "Technik",
    "Technical": "Technik",
    "Production": "Produktion",
    "Owner": "Inhaber",
    "Eigentümer": "Inhaber",
    "Gründer": "Founder",
}
_SYNONYMS = {_stem(_words(k)[0]): _stem(_words(v)[0]) for k, v in _SYNONYM_WORDS.items()}

_ASSISTANT = _stems_of(
    (
        "Assistent Assistenz Assistant Sekretär Sekretariat Secretary Werkstudent Student "
        "Praktikant Praktikum Internship Trainee Azubi Auszubildender Apprentice Volontär",
    )
)
_DEPUTY = _stems_of(("Stellvertreter", "stellvertretend", "Deputy"))
_MODIFIERS = _ASSISTANT | _DEPUTY

# Parts German compounds are cut into even when no persona names them.
_BUILTIN_PARTS = frozenset(
    s
    for s in _stems_of(
        (
            "Leiter Leitung Chef Head Manager Direktor Director Referent Sachbearbeiter "
            "Mitarbeiter Spezialist Koordinator Bereich Abteilung Team Gruppe Einkäufer "
            "Verkauf Vertrieb",
        )
    )
    | _MODIFIERS
    | _SYNONYMS.keys()
    | frozenset(_SYNONYMS.values())
    if len(s) >= _MIN_KNOWN
)

_ASSISTANT_FACTOR = 0.35
_DEPUTY_PENALTY = 10

_Index = Mapping[str, tuple[str, ...]]
_Path = tuple[int, int, tuple[str, ...]]  # (known stem letters, -parts, parts)


def _index(parts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Known compound parts by their first four letters."""
    index: dict[str, list[str]] = {}
    for part in parts:
        index.setdefault(part[:_MIN_KNOWN], []).append(part)
    return {k: tuple(v) for k, v in index.items()}


def _segment(word: str, index: _Index, exclude: str = "") -> tuple[str, ...]:
    """Stems of a word, cut into known parts: 'einkaufsleiterin' -> ('einkauf', 'leit').

    Known parts cover the word, or all but one unknown part of 3+ letters at its start
    ('Bereichs|leiter') or, after a joint, at its end ('Vorstands|vorsitzender', not
    'Manag|ement'); most known letters win."""
    n = len(word)
    hits: dict[int, list[tuple[int, str]]] = {}
    for p in range(n - _MIN_KNOWN + 1):
        for known in index.get(word[p : p + _MIN_KNOWN], ()):
            if known != exclude and word.startswith(known, p):
                start = p + len(known)
                for e in range(start, min(n, start + _MAX_TAIL) + 1):
                    if _stem(word[p:e]) == known:
                        hits.setdefault(p, []).append((e, known))
    if not hits:
        return (_stem(word),)
    forward: dict[int, _Path] = {0: (0, 0, ())}
    joint: dict[int, bool] = {}  # may an unknown part follow the known part ending here?
    for p in sorted(hits):
        here = forward.get(p)
        if here is not None:
            for e, known in hits[p]:
                path = (here[0] + len(known), here[1] - 1, (*here[2], known))
                if e not in forward or path[:2] > forward[e][:2]:
                    forward[e] = path
                    tail = word[p + len(known) : e]
                    joint[e] = tail in _JOINTS or (not tail and word[e : e + 1] not in _VOWELS)
    backward: dict[int, _Path] = {n: (0, 0, ())}
    for p in sorted(hits, reverse=True):
        for e, known in hits[p]:
            rest = backward.get(e)
            if rest is not None:
                path = (rest[0] + len(known), rest[1] - 1, (known, *rest[2]))
                if p not in backward or path[:2] > backward[p][:2]:
                    backward[p] = path
    best: tuple[int, int, int, tuple[str, ...]] = (0, 0, 0, ())
    if n in forward and n > 0:
        whole = forward[n]
        best = (whole[0], 0, whole[1], whole[2])
    for p, path in backward.items():
        if _MIN_UNKNOWN <= p < n:
            cand = (path[0], -1, path[1] - 1, (_stem(word[:p]), *path[2]))
            best = max(best, cand)
    for e, path in forward.items():
        if 0 < e <= n - _MIN_UNKNOWN and joint[e]:
            cand = (path[0], -1, path[1] - 1, (*path[2], _stem(word[e:])))
            best = max(best, cand)
    return best[3] if best[0] > 0 else (_stem(word),)


class PersonaMatcher:
    """Finds the personas a job title fits; build once per persona set, then call per contact.

    Scoring, per persona, over the words of the job title after normalisation:
    - 100: a listed title matches as a whole (same words in any order: "Leiter des Einkaufs",
      "Einkaufsleitung" and "Procurement Head" all equal "Einkaufsleiter"); further words are
      fine when the persona's other matched titles or keywords explain them ("CEO & Founder").
    - 90 minus 2 per unexplained word, at least 80: all words of a listed title occur in a
      longer job title ("Bereichsleiter Einkauf & Logistik" holds leiter + einkauf).
    - 60: only keywords match and explain every word ("Einkäuferin"); 55: a keyword occurs in
      a longer job title ("Senior Buyer").
    - Then, for words the matched patterns do not contain themselves: assistant-type words
      (Assistent(in), Assistenz, Sekretär(in), Werkstudent, Praktikant, Trainee, Azubi, …)
      multiply the score by 0.35, so at most 35; stellvertretend/Deputy subtracts 10.
    The best persona has the highest score, ties going to the persona listed first. The reason
    is the matched title (else keyword) sharing most word stems, then words, with the job
    title, ties going to the one listed first. Patterns of one persona_id are one persona.
    """

    def __init__(self, personas: Iterable[PersonaPattern]) -> None:
        personas = list(personas)
        texts = [t for p in personas for t in (*p.titles, *p.keywords)]
        words = {w for text in texts for w in _words(text)}
        acronyms = {
            _fold(w) for text in texts for w in _WORD.findall(text) if w.isupper() and len(w) <= 5
        }
        known = {
            s for s in map(_stem, words) if len(s) >= _MIN_KNOWN and s not in acronyms
        } | _BUILTIN_PARTS
        # Compounds the persona itself names ("Einkaufsleiter") give way to their parts.
        index = _index(known)
        compounds: set[str] = set()
        parts: set[str] = set()
        for word in words:
            stem = _stem(word)
            if stem in known and stem not in _BUILTIN_PARTS:
                pieces = _segment(word, index, exclude=stem)
                if len(pieces) > 1:
                    compounds.add(stem)
                    parts.update(p for p in pieces if len(p) >= _MIN_KNOWN)
        self._known = _index((known - compounds) | parts)
        self._words: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

        self._persona_ids: list[int] = []
        slots: dict[int, int] = {}
        self._slot: list[int] = []
        self._is_title: list[bool] = []
        self._concepts: list[frozenset[str]] = []
        self._literal: list[frozenset[str]] = []
        self._spelled: list[frozenset[str]] = []
        self._text: list[str] = []
        index_lists: dict[str, list[int]] = {}
        for persona in personas:
            slot = slots.setdefault(persona.persona_id, len(slots))
            if slot == len(self._persona_ids):
                self._persona_ids.append(persona.persona_id)
            for is_title, pattern_texts in ((True, persona.titles), (False, persona.keywords)):
                for text in pattern_texts:
                    concepts, literal, spelled = self._analyse(text)
                    if not concepts:
                        continue
                    number = len(self._text)
                    self._slot.append(slot)
                    self._is_title.append(is_title)
                    self._concepts.append(frozenset(concepts))
                    self._literal.append(frozenset(literal))
                    self._spelled.append(frozenset(spelled))
                    self._text.append(text)
                    for concept in concepts:
                        index_lists.setdefault(concept, []).append(number)
        self._index = {k: tuple(v) for k, v in index_lists.items()}
        self._size = [len(c) for c in self._concepts]

    def match(self, job_title: str | None) -> PersonaMatch | None:
        """The best persona for a job title, None when none fits or the title is empty."""
        scored = self._scored(job_title)
        if not scored:
            return None
        score, slot, pattern = min(scored, key=lambda s: (-s[0], s[1]))
        return PersonaMatch(self._persona_ids[slot], score, self._text[pattern])

    def matches(self, job_title: str | None) -> list[PersonaMatch]:
        """Every persona the job title fits, best first."""
        scored = sorted(self._scored(job_title), key=lambda s: (-s[0], s[1]))
        return [PersonaMatch(self._persona_ids[sl], sc, self._text[p]) for sc, sl, p in scored]

    def _analyse(self, text: str) -> tuple[set[str], set[str], list[str]]:
        """Concepts (synonyms merged), literal stems and words of a title."""
        concepts: set[str] = set()
        literal: set[str] = set()
        cache = self._words
        spelled = _words(text)
        for word in spelled:
            entry = cache.get(word)
            if entry is None:
                stems = _segment(word, self._known)
                entry = (stems, tuple(_SYNONYMS.get(s, s) for s in stems))
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[word] = entry
            literal.update(entry[0])
            concepts.update(entry[1])
        return concepts, literal, spelled

    def _scored(self, job_title: str | None) -> list[tuple[int, int, int]]:
        """(score, persona slot, reason pattern) for each persona that fits."""
        if not job_title:
            return []
        concepts, literal, spelled = self._analyse(job_title)
        counts: dict[int, int] = {}
        for concept in concepts:
            for number in self._index.get(concept, ()):
                counts[number] = counts.get(number, 0) + 1
        by_slot: dict[int, list[int]] = {}
        for number, count in counts.items():
            if count == self._size[number]:
                by_slot.setdefault(self._slot[number], []).append(number)
        scored: list[tuple[int, int, int]] = []
        for slot, numbers in by_slot.items():
            rest = set(concepts)
            for number in numbers:
                rest -= self._concepts[number]
            extra = len(rest - _MODIFIERS)
            titles = [n for n in numbers if self._is_title[n]]
            if titles:
                score = 100 if extra == 0 else max(80, 90 - 2 * extra)
            else:
                score = 60 if extra == 0 else 55
            if not rest.isdisjoint(_ASSISTANT):
                score = round(score * _ASSISTANT_FACTOR)
            if not rest.isdisjoint(_DEPUTY):
                score -= _DEPUTY_PENALTY
            reason = max(
                titles or numbers,
                key=lambda n: (
                    len(self._literal[n] & literal),
                    len(self._spelled[n].intersection(spelled)),
                    -n,
                ),
            )
            scored.append((max(score, 1), slot, reason))
        return scored
