"""Turn a name in any script into weighted comparison tokens (rigour does the linguistics)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rigour.names import (
    extract_org_types,
    remove_person_prefixes,
    replace_org_types_compare,
    tokenize_name,
)
from rigour.text import ascii_text, is_stopword, metaphone

from torturefree.errors import InputError

# A query longer than this is not a name but pasted text: refusing it beats scoring garbage.
MAX_QUERY_CHARS = 300
MAX_QUERY_TOKENS = 15


@dataclass(frozen=True, slots=True)
class NameKey:
    """One name ready for comparison: tokens in order, which of them carry little identity."""

    original: str
    tokens: tuple[str, ...]
    # Tokens that are legal forms (Ltd, OOO, GmbH) or stopwords: they never make a match alone.
    weak: frozenset[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def _ascii_fold(name: str) -> str:
    """Transliterate any script to ASCII and casefold, so 'Шевченко' meets 'Shevchenko'."""
    return ascii_text(name).casefold()


@lru_cache(maxsize=200_000)
def name_key(name: str, is_person: bool | None = None) -> NameKey:
    """The comparison key of one name; is_person None means 'could be anything'."""
    folded = _ascii_fold(name)
    weak: set[str] = set()
    if is_person is not True:
        for _, replacement in extract_org_types(folded, generic=True):
            weak.update(tokenize_name(replacement))
        folded = replace_org_types_compare(folded, generic=True)
    if is_person is not False:
        folded = remove_person_prefixes(folded)
    tokens = tuple(t for t in tokenize_name(folded) if t)
    weak.update(t for t in tokens if is_stopword(t))
    return NameKey(original=name, tokens=tokens, weak=frozenset(weak & set(tokens)))


def check_query_name(name: object, field: str = "name") -> str:
    """Refuse an empty, non-text or absurd query name with a reason a user can act on."""
    if not isinstance(name, str):
        raise InputError("must be a string", field=field)
    stripped = name.strip()
    if not stripped:
        raise InputError("is empty", field=field)
    if len(stripped) > MAX_QUERY_CHARS:
        raise InputError(
            f"is {len(stripped)} characters long; a name has at most {MAX_QUERY_CHARS}", field=field
        )
    key = name_key(stripped)
    if not key.tokens:
        raise InputError("holds no letters or digits to match on", field=field)
    if len(key.tokens) > MAX_QUERY_TOKENS:
        raise InputError(
            f"has {len(key.tokens)} words; a name has at most {MAX_QUERY_TOKENS}", field=field
        )
    return stripped


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """Metaphone key of a token, empty for digits and one-letter tokens."""
    if len(token) < 2 or not token.isalpha():
        return ""
    return metaphone(token)


def skeleton(token: str) -> str:
    """Consonant skeleton: what survives transliteration from abjad scripts (Arabic, Persian)."""
    out: list[str] = []
    for char in token:
        if char in "aeiouywh":
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    return "".join(out)
