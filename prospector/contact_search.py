"""Pure text rules of the contact list: the words a person is found by, and their sort key."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from prospector.normalize import fold
from prospector.search import phone_tokens, word_variants

_WORD = re.compile(r"[0-9a-z]+")
# The length of contacts.name_key; folding can lengthen a name (ß -> ss, ü -> ue).
NAME_KEY_LENGTH = 300


def contact_name_key(first_name: str | None, last_name: str | None) -> str:
    """'Anna', 'Müller' -> 'mueller anna': folded, last name first, as the list sorts names."""
    if not last_name or not first_name:
        return fold(last_name or first_name or "")[:NAME_KEY_LENGTH]
    return f"{fold(last_name)} {fold(first_name)}"[:NAME_KEY_LENGTH]


def contact_search_text(
    *,
    first_name: str | None,
    last_name: str | None,
    job_title: str | None = None,
    department: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    mobile: str | None = None,
) -> str:
    """The folded words under which a person is found: 'anna muller mueller einkauf …' (the
    full-text index is built on them; see search.search_parameters for the query side)."""
    parts = [_words(text) for text in (first_name, last_name, job_title, department) if text]
    if email:
        parts.append(_words(email) if not email.isascii() else _joined(email.lower()))
    for number in (phone, mobile):
        if number:
            parts.append(_joined(number, phone_tokens))
    return "".join(parts)[1:]


# Names, job titles and departments repeat across a list, and an import keys 100,000 people:
# each distinct text is folded once.
@functools.lru_cache(maxsize=65_536)
def _words(text: str) -> str:
    return _joined(text, word_variants)


def _joined(text: str, split: Callable[[str], list[str]] | None = None) -> str:
    """' w1 w2': the words of already folded text, or what `split` makes of the text."""
    words = split(text) if split is not None else _WORD.findall(text)
    return "".join([" " + word for word in words])
