"""Headers looked up among the known names: folded, read through decorations and numbering."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from prospector.exchange.header_names import Names
from prospector.normalize import fold

_NON_WORD = re.compile(r"[^0-9a-z]+")
# "Zip (s.cp)", "Name* (s.name)", "Kunde [1]", "Telefon (optional)"
_BRACKETS = re.compile(r"[(\[]([^)\]]*)[)\]]")
# Google's "E-mail 1 - Value", "Address 2 - City": a group, its number, a part.
GROUP = re.compile(r"^(?P<group>\S.*?)\s*(?P<number>\d{1,2})\s+-\s+(?P<part>\S.*)$")
# "E-Mail 2", "Schulbezeichnung_3", "cp_phone1" (folded: "e mail 2", "cp phone1").
_NUMBERED = re.compile(r"^(?P<base>.*[a-z])\s?(?P<number>\d{1,2})$")
TYPE_PARTS = frozenset({"type", "label"})
# Longer cells are data, not headers (the header search asks about every cell it scans).
_LONGEST = 80
# A column about the contact person beside a company: "cp_email", "Vorname Ansprechpartner".
_PERSON_PREFIXES = frozenset({"cp", "ap", "ansprechpartner", "kontakt", "kontaktperson", "contact"})
_PERSON_SUFFIXES = frozenset({"ap", "ansprechpartner", "kontakt", "kontaktperson"})
_PERSON_WORDS = {"greeting": "salutation", "title": "academic_title", "titel": "academic_title"}


def header_key(text: str) -> str:
    """A header as compared: folded, punctuation dropped ('E-Mail:' -> 'e mail')."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def compact(text: str) -> str:
    """A folded header without spaces: 'BILLINGCITY' and 'Billing City' are one name."""
    return text.replace(" ", "")


@dataclass(frozen=True)
class Known:
    """A header found among the known names, and what it fills."""

    key: str | None  # None: known, and holds nothing we import
    name: str  # the known name, as the tool writes it ("Postleitzahl geschäftlich")
    text: str  # that name folded ("postleitzahl geschaeftlich")
    exact: bool = False  # the field's own header or key, not another tool's name for it
    more: bool = False  # a further part of a joined field (address line 2)
    weak: bool = False  # the field only when no other column has it (a short name)
    contact_person: bool = False  # about the contact person beside a company ("cp_email")


@dataclass(frozen=True)
class Tool:
    """Headers that mark a file as one tool's, and what generic headers mean in its files."""

    markers: frozenset[str]  # compact
    meanings: Mapping[str, str | None]  # folded header text -> field key


class NameIndex:
    """Every known header name by its folded and its compact form."""

    def __init__(
        self,
        own: Iterable[tuple[str, Sequence[str], Sequence[str]]],
        blocks: Iterable[Names],
        *,
        several: frozenset[str],
        joined: frozenset[str],
        person_keys: frozenset[str],
        person_side: Mapping[str, str],
    ) -> None:
        """`own`: each field's key, its own names (header, key) and its further names."""
        self._several = several
        self._joined = joined
        self._person_keys = person_keys
        self._person_side = person_side
        self._by_text: dict[str, Known] = {}
        self._by_compact: dict[str, Known] = {}
        # Names folding to a name already known with another meaning: (name, kept, dropped).
        self.conflicts: list[tuple[str, Known, Known]] = []
        for key, exact, synonyms in own:
            for name in exact:
                self._add(Known(key, name, header_key(name), exact=True))
            for name in synonyms:
                self._add(Known(key, name, header_key(name)))
        tools = []
        for block in blocks:
            for key, names in block.fields.items():
                for name in names:
                    self._add(Known(key, name, header_key(name)))
            for key, names in block.more.items():
                for name in names:
                    self._add(Known(key, name, header_key(name), more=True))
            for key, names in block.weak.items():
                for name in names:
                    self._add(Known(key, name, header_key(name), weak=True))
            for name in block.ignored:
                self._add(Known(None, name, header_key(name)))
            if block.markers:
                markers = frozenset(compact(header_key(m)) for m in block.markers)
                tools.append(Tool(markers, block.meanings))
        self.tools: tuple[Tool, ...] = tuple(tools)

    def _add(self, known: Known) -> None:
        for table, text in ((self._by_text, known.text), (self._by_compact, compact(known.text))):
            kept = table.setdefault(text, known)
            same = (kept.key, kept.more, kept.weak) == (known.key, known.more, known.weak)
            if not same and table is self._by_text:
                self.conflicts.append((known.name, kept, known))

    @property
    def entries(self) -> tuple[Known, ...]:
        """Every known name once, in the order of the blocks (for near misses)."""
        return tuple(self._by_text.values())

    def find(self, text: str) -> Known | None:
        """The known name of a folded header text, spaced or not."""
        return self._by_text.get(text) or self._by_compact.get(compact(text))

    def lookup(self, header: str) -> Known | None:
        """The known name a header is, read through decorations (`Zip (s.cp)`, `Name*`),
        numbering (`E-Mail 2`, `E-mail 1 - Value`) and a contact person's prefix (`cp_email`).
        """
        raw = header.strip()
        if not raw or len(raw) > _LONGEST or raw[-3:].casefold() == "__c":
            return None  # __c: a custom field of Salesforce, whatever its name
        group = GROUP.match(raw) if " - " in raw else None
        if group is not None:
            return self._grouped(raw, group)
        full = header_key(raw)
        found = self.find(full)
        if found is None and ("(" in raw or "[" in raw):
            found = self._without_brackets(raw, full)  # before the number: "PLZ [1]"
        if found is None:
            found = self._plain(full)
        return found if found is not None else self._about_person(full)

    def _grouped(self, raw: str, group: re.Match[str]) -> Known | None:
        part = header_key(group["part"])
        found = self.find(header_key(f"{group['group']} - {group['part']}"))
        if part in TYPE_PARTS and (found is None or int(group["number"]) != 1):
            # "Phone 1 - Type": says what the value column beside holds; only the first
            # address's type is a field ("Address 1 - Type": Home or Work).
            return Known(None, raw, header_key(raw))
        if found is None or found.key is None:
            return found
        number = int(group["number"])
        # A second address or organisation is another one, not more of the first.
        if number == 1 or found.key in self._several - self._joined:
            return found
        return dataclasses.replace(found, key=None)

    def _plain(self, text: str) -> Known | None:
        found = self.find(text)
        if found is not None or not text[-1:].isdigit():
            return found
        numbered = _NUMBERED.match(text)
        if numbered is None:
            return None
        found = self.find(numbered["base"])
        if found is None or found.key is None:
            return found
        number = int(numbered["number"])
        if found.key in self._joined:
            return found if number == 1 else dataclasses.replace(found, more=True)
        if found.key in self._several:
            return found
        # "Bankleitzahl 1" (of the first bank account) is not the record's bank code.
        return dataclasses.replace(found, key=None)

    def _without_brackets(self, raw: str, full: str) -> Known | None:
        inner = [header_key(m) for m in _BRACKETS.findall(raw)]
        # "Bemerkung (Telefon)" is about another field: no guess from "Bemerkung" alone.
        if any((known := self.find(text)) is not None and known.key for text in inner if text):
            return None
        stripped = header_key(_BRACKETS.sub(" ", raw))
        return self._plain(stripped) if stripped and stripped != full else None

    def _about_person(self, full: str) -> Known | None:
        first, _, after = full.partition(" ")
        before, _, last = full.rpartition(" ")
        if after and first in _PERSON_PREFIXES:
            rest = after
        elif before and last in _PERSON_SUFFIXES:
            rest = before
        else:
            return None
        if rest in _PERSON_WORDS:
            return Known(_PERSON_WORDS[rest], full, full, contact_person=True)
        found = self._plain(rest)
        if found is None or found.key is None:
            return found
        key = found.key if found.key in self._person_keys else self._person_side.get(found.key)
        return dataclasses.replace(found, key=key, more=False, weak=False, contact_person=True)
