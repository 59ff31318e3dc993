"""Entry titles in other languages (#18, item 3), kept as data with their source.

data/translations/<instrument>/<language>.yaml gives, for entries of one instrument, the
English title it translates (`en`, the text of data/lists/<instrument>/<entry>.yaml) and the
text in the language. A translation is used only while its `en` is still the entry's title:
when an amendment rewords the English, the old translation is no longer shown (and
`check_titles` names it), so a page never shows a translation of words no longer in force.
The source says where the words come from and whether they were read in an authentic text
(`verified`); the English of data/lists stays the text the engines and the records use.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from torturefree.lists.derived import DerivedListFile
from torturefree.lists.files import load_model
from torturefree.lists.model import Citation, EntryFile, Strict

FOLDER = "translations"
LANGUAGE_TAG = r"^[a-z]{2}(-[a-z]{4})?$"


class Title(Strict):
    entry: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]
    text: Annotated[str, Field(min_length=1)]


class TitleFile(Strict):
    """One language's titles for one instrument's entries, with where they come from."""

    language: Annotated[str, Field(pattern=LANGUAGE_TAG)]
    instrument: str
    source: Citation
    titles: list[Title]

    @field_validator("titles")
    @classmethod
    def _once(cls, titles: list[Title]) -> list[Title]:
        seen: set[tuple[str, str]] = set()
        for t in titles:
            if (t.entry, t.en) in seen:
                raise ValueError(f"entry '{t.entry}' is translated twice for the same English")
            seen.add((t.entry, t.en))
        return titles


class Translated(Strict):
    """A title in a language and the source of its words."""

    text: str
    language: str
    source: Citation


def load_titles(root: Path) -> list[TitleFile]:
    folder = root / FOLDER
    paths = sorted(p for p in folder.glob("*/*.yaml") if p.parent.name != "texts")
    return [load_model(TitleFile, path) for path in paths]  # texts/: lists/texts.py


@functools.cache
def _index(root: Path) -> dict[tuple[str, str, str], Translated]:
    found: dict[tuple[str, str, str], Translated] = {}
    for f in load_titles(root):
        for t in f.titles:
            entry_id = f"{f.instrument}/{t.entry}"
            found[(entry_id, t.en, f.language)] = Translated(
                text=t.text, language=f.language, source=f.source
            )
    return found


@functools.cache
def _derived_from(root: Path) -> dict[str, str]:
    """Each derived list's instrument and the instrument it takes its entries from."""
    specs = (load_model(DerivedListFile, p) for p in sorted((root / "derived").glob("*.yaml")))
    return {spec.instrument: spec.from_instrument for spec in specs}


def translated_title(root: Path, entry_id: str, english: str, language: str) -> Translated | None:
    """The title of `entry_id` in `language` ('zh-hans', 'fr'), if it translates `english`.

    A derived list (GB's retained 2019/125) has its source's words, so it has its source's
    translation of the same English: nothing to keep twice.
    """
    index, language = _index(root), language.lower()
    found = index.get((entry_id, english, language))
    instrument, _, slug = entry_id.partition("/")
    source = _derived_from(root).get(instrument)
    if found is None and source is not None:
        found = index.get((f"{source}/{slug}", english, language))
    return found


def check_titles(root: Path, entries: dict[str, EntryFile]) -> list[str]:
    """Problems: a translation of an entry that does not exist, or of English it no longer has."""
    problems = []
    for f in load_titles(root):
        for t in f.titles:
            entry_id = f"{f.instrument}/{t.entry}"
            found = entries.get(entry_id)
            if found is None:
                problems.append(f"{f.language}: no entry {entry_id}")
            elif t.en not in {v.title for v in found.versions}:
                problems.append(f"{f.language}: {entry_id} has no version titled {t.en!r}")
    return problems
