"""Sentences of the data in other languages (#18, item 3): the goods questions and what they decide.

The data writes its questions in the languages its authors could give (data/lists/** and
data/goods/facts.yaml carry en, fr, es, de, ru); data/translations/texts/<language>.yaml adds
the rest, each keyed by the English sentence it translates, with one source for the file. As
with titles, a translation is used only while its English is still a sentence of the data: an
amendment that rewords the English drops the old translation (`check_texts` names it) instead
of showing words no longer in force.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from torturefree.lists.files import load_model
from torturefree.lists.model import Citation, Strict
from torturefree.lists.titles import FOLDER, LANGUAGE_TAG, Translated

TEXTS = "texts"


class Text(Strict):
    en: Annotated[str, Field(min_length=1)]
    text: Annotated[str, Field(min_length=1)]


class TextFile(Strict):
    """One language's translations of the data's sentences, with where they come from."""

    language: Annotated[str, Field(pattern=LANGUAGE_TAG)]
    source: Citation
    texts: list[Text]

    @field_validator("texts")
    @classmethod
    def _once(cls, texts: list[Text]) -> list[Text]:
        seen: set[str] = set()
        for t in texts:
            if t.en in seen:
                raise ValueError(f"'{t.en[:60]}' is translated twice")
            seen.add(t.en)
        return texts


def load_texts(root: Path) -> list[TextFile]:
    return [load_model(TextFile, p) for p in sorted((root / FOLDER / TEXTS).glob("*.yaml"))]


@functools.cache
def _index(root: Path) -> dict[tuple[str, str], Translated]:
    return {
        (t.en, f.language): Translated(text=t.text, language=f.language, source=f.source)
        for f in load_texts(root)
        for t in f.texts
    }


def translated_text(root: Path, english: str, language: str) -> Translated | None:
    """`english`, a sentence of the data, in `language` ('ar', 'zh-hans'), if it is translated."""
    return _index(root).get((english, language.lower()))


def check_texts(root: Path, sentences: set[str]) -> list[str]:
    """Problems: a translation of English that is no longer a sentence of the data."""
    return [
        f"{f.language}: no sentence {t.en[:60]!r}"
        for f in load_texts(root)
        for t in f.texts
        if t.en not in sentences
    ]
