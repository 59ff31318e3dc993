"""Transliteration folding (name_v2): spellings of one name from different romanisations meet.

Arabic, Persian, Russian and Thai names reach Latin script through many systems: 'Qattan' and
'Kattan', 'Yusuf' and 'Yousef', 'Anatoliyovych' and 'Anatolyevich', 'Phuangphet' and
'Puangpetch'. Folding removes the letters those systems disagree on; it is only ever used next to
the raw spelling (the better of the two counts), never instead of it.
"""

from __future__ import annotations

from functools import lru_cache

# Particles: articles and kinship words inside names. They carry little identity: 'AL-MAHMUD' is
# close to 'MAHMUD', 'BEN MOHAMED' is mostly 'MOHAMED'.
PARTICLES = frozenset(
    {
        "al", "el", "ad", "ar", "as", "at", "az", "ash", "bin", "ben", "ibn", "bint", "ould",
        "abu", "abou", "umm", "de", "da", "del", "della", "dos", "das", "do", "di", "du", "la",
        "le", "van", "von", "der", "den", "y",
    }
)  # fmt: skip

# Digraphs first (order matters), then single letters. 'h' after a consonant mostly marks
# aspiration or a single sound written with two letters (kh, sh, ph, th, dh, gh, ch).
_DIGRAPHS = (("dj", "j"), ("tch", "c"), ("x", "ks"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_LETTERS = str.maketrans({"q": "k", "c": "k", "w": "v", "y": "i", "e": "i", "o": "u"})
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=500_000)
def fold(token: str) -> str:
    """The transliteration-neutral form of one ASCII token ('kattan' and 'qattan' give 'katan')."""
    if not token.isalpha():
        return token
    text = token
    for source, target in _DIGRAPHS:
        text = text.replace(source, target)
    text = _drop_marking_h(text)
    text = text.translate(_LETTERS)
    return _collapse(text)


def _drop_marking_h(text: str) -> str:
    """'kh' → 'k', 'sh' → 's', 'abdullah' → 'abdulla'; an 'h' between vowels stays ('mohamed')."""
    out: list[str] = []
    for position, char in enumerate(text):
        if char == "h" and position > 0:
            before = text[position - 1]
            at_end = position == len(text) - 1
            if before not in _VOWELS or at_end:
                continue
        out.append(char)
    return "".join(out)


def _collapse(text: str) -> str:
    """Doubled letters count once: 'muhammad' and 'muhamad' are one spelling."""
    out: list[str] = []
    for char in text:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)
