"""Abjad keys (name_v3): an Arabic-script name and its Latin spellings meet on their consonants.

Arabic script writes consonants and long vowels, not short vowels: محمد is 'mhmd', which no
Latin spelling ('Muhammad', 'Mohamed') resembles letter by letter. Both sides are reduced to one
consonant alphabet: vowels go, doubled letters count once, letters that romanisations disagree on
fall together (q/k/c, ṭ/t, ṣ/s, ḍ/d, v/w, p/b), and 'w' and 'y' stay only at the start of a word
(elsewhere they write long vowels, which Latin spellings write as 'ou', 'ee' or not at all).
The key of an Arabic-script word is the key of its transliteration, after the letters that
romanisations write as a vowel or drop (ʿayn, hamza, a final tāʾ marbūṭa) are made vowels or removed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from torturefree.screening.normalize import name_key

# Arabic, Arabic Supplement, Arabic Extended-A and presentation forms.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# ʿayn is romanised as an apostrophe, a vowel or nothing ('Abd', 'Ali', 'Umar', 'Awlaki'):
# written as alif, it becomes a vowel, which keys drop. A bare hamza is dropped outright.
_SILENT = str.maketrans({"\u0639": "\u0627", "\u0621": None})
# Short vowels, shadda, sukun, tanwin, superscript alif, and the tatweel that stretches a word.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Tāʾ marbūṭa at a word's end: 'Fatima', 'Fatimah' and 'Fatimat' all write it.
_FINAL_TA = re.compile("\u0629(?=\\W|$)")
# Two-letter spellings of one consonant, longest first. Classes of their own are upper case, so
# the single-letter rules below cannot touch them ('ch' of 'Chakib' is a sh, not a k).
_DIGRAPHS = (
    ("sch", "S"),
    ("kh", "X"),
    ("gh", "G"),
    ("sh", "S"),
    ("ch", "S"),
    ("th", "t"),
    ("dh", "z"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
)
_CLASSES = str.maketrans({"q": "k", "c": "k", "v": "w", "p": "b"})
_SOFT_C = re.compile("c(?=[eiy])")
_VOWELS = frozenset("aeiou")
# The article written onto an Arabic word ('العولقي'); Latin lists write it apart ('AL-AWLAKI').
_ARTICLE = "al"


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def clean_arabic(name: str) -> str:
    """The name with the letters romanisations drop removed from its Arabic-script words, and
    without the optional vowel marks and tatweel.

    A name without Arabic script comes back unchanged (so its comparison key is name_v2's).
    """
    if not has_arabic(name):
        return name
    return _MARKS.sub("", _FINAL_TA.sub("", name)).translate(_SILENT)


def arabic_text(name: str) -> str:
    """An Arabic-script name as written, for identity: cleaned, case- and space-folded."""
    return " ".join(clean_arabic(name).casefold().split()) if has_arabic(name) else ""


@lru_cache(maxsize=500_000)
def abjad_key(token: str, from_arabic: bool = False) -> str:
    """The consonant key of one ASCII token ('muhammad' and 'mhmd' both give 'mhmd').

    `from_arabic`: the token is the transliteration of an Arabic-script word, whose attached
    article is dropped ('almalk' → 'mlk') as Latin lists write it as a word of its own.
    """
    if not token.isalpha():
        return ""
    text = token
    if from_arabic and text.startswith(_ARTICLE) and len(text) > 4:
        text = text[len(_ARTICLE) :]
    for source, target in _DIGRAPHS:
        text = text.replace(source, target)
    # A soft c ('Lounici', 'Mercedes') is an s; a hard one ('Chakib' went above) a k.
    text = _SOFT_C.sub("s", text).translate(_CLASSES)
    # A word that starts with a vowel (or alif, or ʿayn) keeps one mark of it: 'Ahmad' ('ahmd')
    # and 'Hamid' ('hmd') are different names with the same consonants.
    out: list[str] = ["a"] if text[:1] in _VOWELS else []
    for position, char in enumerate(text):
        if char in _VOWELS or (char in "wy" and position > 0):
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    if (
        len(out) > 1 and out[-1] == "h" and out[-2] != "a"
    ):  # 'abdullah'/'abdulla', 'fatimah'/'fatima'
        out.pop()
    return "".join(out)


def joined_abjad(tokens: tuple[str, ...]) -> str:
    """The key of a whole name written as one word: spacing and articles stop mattering."""
    return abjad_key("".join(t for t in tokens if t.isalpha()))


@lru_cache(maxsize=50_000)
def arabic_words(name: str) -> frozenset[str]:
    """ASCII forms of the name's Arabic-script words: the tokens that are abjad spellings."""
    if not has_arabic(name):
        return frozenset()
    words: set[str] = set()
    for word in clean_arabic(name).split():
        if has_arabic(word):
            words.update(name_key(word).tokens)
    return frozenset(words)
