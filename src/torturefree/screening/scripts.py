"""Which scripts a name is written in, and which of them the normaliser cannot read.

The normaliser transliterates through rigour's `ascii_text`; a letter it has no reading for comes
out as '?'. Such a letter is not a difference between two names, it is a name we cannot see: a
record made only of them is never screened (and never passed), and a record that has some is
screened on what can be read, saying which scripts were left out.

A letter that does have a reading, only not an ASCII one, is read: Arabic ʿayn (ع) and hamza (ء)
romanise to the modifier letters ʿ and ʾ, which plain ASCII drops, as Latin spellings of Arabic
names do ('Abd al-Aziz' for عبد العزيز). Before this, every Arabic name with one of those letters
was flagged as partly unread, though the whole name was compared.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from normality import latinize_text
from rigour.text import ascii_text


def _script(char: str) -> str:
    """The script of a letter as Unicode names it ('KHMER LETTER KA' → 'Khmer')."""
    name = unicodedata.name(char, "")
    word = name.split(" ", 1)[0] if name else "UNKNOWN"
    return word.capitalize()


@lru_cache(maxsize=50_000)
def unread_scripts(name: str) -> tuple[str, ...]:
    """Scripts of the letters in `name` that transliterate to nothing readable, sorted."""
    found = {_unread(char) for char in name if not char.isascii()}
    found.discard(None)
    return tuple(sorted(s for s in found if s is not None))


@lru_cache(maxsize=20_000)
def _unread(char: str) -> str | None:
    """The script of one letter the normaliser cannot read, else None (letters repeat: one
    transliteration per distinct letter, not per letter of every name)."""
    if not (char.isalpha() or unicodedata.category(char).startswith("M")):
        return None
    if "?" in ascii_text(char) or not ascii_text(char).strip():
        if unicodedata.category(char).startswith("M"):
            return None  # a combining mark alone is read with its letter or not at all
        if _romanised_as_a_sign(char):
            return None
        return _script(char)
    return None


def _romanised_as_a_sign(char: str) -> bool:
    """True when the letter's romanisation is only modifier letters (ʿ, ʾ): read, not ASCII."""
    latin = latinize_text(char)
    return bool(latin) and all(unicodedata.category(c) == "Lm" for c in latin)
