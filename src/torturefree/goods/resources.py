"""goods_v1's own data (data/goods/*.yaml): language rules, units, cues, related substances."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from torturefree.errors import TortureFreeError
from torturefree.lists.model import CASNumber, Citation

FILES = ("normalisation", "quantities", "context", "substances")
OPTIONAL = ("facts", "phrasing", "concepts")  # read by goods_v2 (and goods_v3: concepts)


class GoodsDataError(TortureFreeError):
    """data/goods is missing or malformed: a packaging fault, not a user's mistake."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TypoRule(_Strict):
    min_length: int
    max_edits: int


class Normalisation(_Strict):
    min_stem: int
    stopwords: dict[str, list[str]]
    suffixes: dict[Literal["latin", "cyrillic"], list[tuple[str, str]]]
    negations: list[str]
    negation_span: int
    typos: list[TypoRule]


class Unit(_Strict):
    dimension: str
    factor: float
    quantity: str | None = None


class QuantityCues(_Strict):
    dimension: str
    cues: list[str]
    context: list[str] = Field(default_factory=list)


class Quantities(_Strict):
    units: dict[str, Unit]
    quantities: dict[str, QuantityCues]


class CueSet(_Strict):
    """Words that, next to a listed term, say what the goods are (or are not) for."""

    id: str
    description: str
    effect: Literal["excludes", "review"]
    terms: dict[str, list[str]]
    citation: Citation
    applies_to: list[str] = Field(default_factory=list)  # entry ids; empty = every entry


class Context(_Strict):
    cues: list[CueSet]
    known_words: dict[str, list[str]] = Field(default_factory=dict)


class Substance(_Strict):
    """A substance related to an entry by law (salt, hydrate, open list) or kept apart from it."""

    entry: str
    relation: Literal["synonym", "salt", "hydrate", "open_list", "component", "not_covered"]
    names: list[str]
    cas: list[CASNumber] = Field(default_factory=list)
    citation: Citation
    note: str | None = None


class Substances(_Strict):
    substances: list[Substance]


class Sizes(_Strict):
    """Words for a cuff's size and for its smallest and largest setting (goods_v2)."""

    cues: list[str]
    smallest: list[str]
    largest: list[str]
    last: str  # the quantity of the smallest setting (ratchet at the last notch)
    first: str  # the quantity of the largest setting (first notch)


class Phrasing(_Strict):
    """How figures are written beyond goods_v1's reading: more units, sizes, ranges."""

    units: dict[str, Unit] = Field(default_factory=dict)
    circumference: Sizes
    range_joiners: list[str]
    # 'guillotine with blade', 'Stuhl mit Fesseln': what follows names a part of the goods.
    part_words: list[str] = Field(default_factory=list)


class FigureTest(_Strict):
    """A figure that says which value of a fact the goods have ('6 barrels': multiple)."""

    quantity: str
    min: float | None = None
    max: float | None = None

    def holds(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class FactValue(_Strict):
    """One value of a deciding fact: the words (or a figure) that say it, the entries it selects."""

    id: str
    entries: list[str]
    terms: dict[str, list[str]] = Field(default_factory=dict)
    when: FigureTest | None = None


class Family(_Strict):
    """Entries told apart by one fact of the goods (mounting, barrels, kit), read by goods_v2."""

    id: str
    description: str
    entries: list[str]
    values: list[FactValue]
    question: dict[str, str]
    decides: dict[str, str]
    citation: Citation


class Facts(_Strict):
    families: list[Family]


class Combination(_Strict):
    """Ideas that together name an entry: the first of `entries` in force on the date."""

    entries: list[str]
    all_of: list[str]  # each an idea, or 'a|b' for either
    none_of: list[str] = []
    review: bool = False  # names the entry for a person to look at, never a verdict
    note: str = ""


class Concepts(_Strict):
    """Ideas (word roots per language) and the entries their combinations name (goods_v3)."""

    citation: dict[str, str]
    compounding: list[str] = []  # languages whose roots may sit inside a word (compounds)
    ideas: dict[str, dict[str, list[str]]]
    combinations: list[Combination]


class GoodsData(_Strict):
    normalisation: Normalisation
    quantities: Quantities
    context: Context
    substances: Substances
    facts: Facts | None = None  # goods_v2 only (data/goods/facts.yaml)
    phrasing: Phrasing | None = None  # goods_v2 only (data/goods/phrasing.yaml)
    concepts: Concepts | None = None  # goods_v3 only (data/goods/concepts.yaml)


def load_goods_data(folder: Path) -> GoodsData:
    """Read and validate every file of data/goods; any fault names the file."""
    parts = {name: _read(folder / f"{name}.yaml") for name in FILES}
    for name in OPTIONAL:
        if (folder / f"{name}.yaml").exists():
            parts[name] = _read(folder / f"{name}.yaml")
    try:
        return GoodsData.model_validate(parts)
    except ValidationError as error:
        raise GoodsDataError(f"{folder}: {error}") from error


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GoodsDataError(f"{path}: {error}") from error
