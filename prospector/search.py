"""Pure text rules of the company search: what is indexed and how a query is read."""

from __future__ import annotations

import re
from collections.abc import Iterable

from prospector.normalize import fold, fold_loose

# Raise when company_search_text or prospector.contact_search changes, so existing databases
# are re-indexed (companies and contacts) when opened.
SEARCH_VERSION = 3  # 2: ø, æ, œ, ł, đ, ı folded for search; 3: contacts' keys and words

_WORD = re.compile(r"[0-9a-z]+")
_PHONE_QUERY = re.compile(r"^\+?[\d\s/().-]{4,}$")


def words(text: str) -> list[str]:
    """Folded words as both indexes see them: 'Müller-Bau' -> ['muller', 'bau']."""
    return _WORD.findall(fold_loose(text))


def word_variants(text: str) -> list[str]:
    """Folded words, each non-ASCII one in both spellings: 'Müller' -> ['muller', 'mueller'],
    so either spelling finds it."""
    if text.isascii():
        return _WORD.findall(text.lower())  # both spellings are the same: the common case
    loose = _WORD.findall(fold_loose(text))
    spelled = _WORD.findall(fold(text))
    return loose + [w for w in spelled if w not in loose]


def phone_tokens(e164: str | None) -> list[str]:
    """'+493514567890' -> ['493514567890', '03514567890'] (international and national digits)."""
    if not e164:
        return []
    plain = e164[0] == "+" and e164[1:].isdigit()  # as stored: no need for the slower regex
    digits = e164[1:] if plain else re.sub(r"\D", "", e164)
    tokens = [digits]
    if digits.startswith("49"):
        tokens.append("0" + digits[2:])
    return tokens


def company_search_text(
    *,
    name: str,
    city: str | None = None,
    postcode: str | None = None,
    phone: str | None = None,
    domain: str | None = None,
    contact_names: Iterable[str] = (),
) -> str:
    """The words under which a company is found."""
    parts: list[str] = []
    for text in (name, city, domain, *contact_names):
        if text:
            parts.extend(word_variants(text))
    if postcode:
        parts.extend(_WORD.findall(postcode.lower()))
    parts.extend(phone_tokens(phone))
    seen: dict[str, None] = dict.fromkeys(parts)
    return " ".join(seen)


def query_terms(query: str) -> list[str]:
    """The prefixes a query asks for; a phone number becomes its digits."""
    text = query.strip()
    if not text:
        return []
    if _PHONE_QUERY.match(text) and sum(ch.isdigit() for ch in text) >= 4:
        digits = re.sub(r"\D", "", text)
        if text.startswith("+"):
            return [digits]
        return [digits[2:] if digits.startswith("00") else digits]
    return words(text)


def sqlite_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term as a quoted prefix."""
    return " AND ".join(f'"{term}"*' for term in terms)


def postgres_tsquery(terms: list[str]) -> str:
    """A to_tsquery('simple', …) expression: every term as a prefix."""
    return " & ".join(f"{term}:*" for term in terms)


# The two kinds of search condition: names starting with one letter (an index range, where a
# full-text prefix of one letter would touch half the index), and full-text word prefixes.
LETTER, WORDS = "letter", "words"


def search_parameters(query: str, dialect: str) -> tuple[str, dict[str, str]] | None:
    """The kind of condition `query` needs, with the values of its bind parameters in the SQL
    of `dialect` ("sqlite" or "postgresql"); None when the query asks for nothing."""
    terms = query_terms(query)
    if not terms:
        return None
    if len(terms) == 1 and len(terms[0]) == 1:
        letter = terms[0]
        return LETTER, {"search_low": letter, "search_high": chr(ord(letter) + 1)}
    expression = sqlite_match(terms) if dialect == "sqlite" else postgres_tsquery(terms)
    return WORDS, {"search_match": expression}
