"""What is asked (a goods description, code, CAS number, figures) and what is answered."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from torturefree.errors import InputError
from torturefree.goods.cas import normalise_cas
from torturefree.goods.codes import normalise_code
from torturefree.vocabulary import Category

FIELDS = ("id", "description", "hs_code", "cas", "lang")


@dataclass(frozen=True, slots=True)
class GoodsQuery:
    """One goods item to classify; `figures` are technical values given as fields, in data units."""

    description: str | None = None
    hs_code: str | None = None
    cas: str | None = None
    lang: str | None = None
    id: str | None = None
    figures: Mapping[str, float] = field(default_factory=dict)
    # Answers given with their unit ({"value": 24, "unit": "cm"}): goods_v2 converts them.
    answers: Mapping[str, tuple[float, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EntryScore:
    """A list entry the goods may be, as the contract prints it, with how strongly."""

    id: str
    instrument: str
    annex: str
    item: str
    category: Category
    title: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "instrument": self.instrument,
            "annex": self.annex,
            "item": self.item,
            "category": self.category.value,
            "title": self.title,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class Question:
    """A fact that decides the answer and was not given: ask it, re-run with it as a parameter."""

    entry: str
    parameter: str
    quantity: str | None
    unit: str | None
    text: str
    decides: str
    lang: str = "en"

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "parameter": self.parameter,
            "quantity": self.quantity,
            "unit": self.unit,
            "text": self.text,
            "decides": self.decides,
            "lang": self.lang,
        }


@dataclass(frozen=True, slots=True)
class Classification:
    """controlled: True, False, or None when a person must look; every piece of evidence named."""

    controlled: bool | None
    category: Category | None
    entries: tuple[EntryScore, ...]
    explanation: tuple[str, ...]
    classifier_version: str
    questions: tuple[Question, ...] = ()

    def as_dict(
        self, record_id: str | None = None, data_release: str | None = None
    ) -> dict[str, Any]:
        return {
            "id": record_id,
            "controlled": self.controlled,
            "category": self.category.value if self.category else None,
            "entries": [e.as_dict() for e in self.entries],
            "explanation": list(self.explanation),
            "classifier_version": self.classifier_version,
            "algorithm": self.classifier_version,
            "questions": [q.as_dict() for q in self.questions],
            "data_release": data_release,
        }


def parse_query(
    record: Mapping[str, Any], *, line: int | None = None, source: str | None = None
) -> GoodsQuery:
    """Validate one input record; bad input names its line and field (contracts.md: exit 2)."""
    try:
        return _parse(record)
    except InputError as error:
        raise error.at_line(line, source) if line is not None else error from None


def _parse(record: Mapping[str, Any]) -> GoodsQuery:
    description = _text(record, "description")
    hs_code = _text(record, "hs_code")
    cas = _text(record, "cas")
    if not (description or hs_code or cas):
        raise InputError("give at least one of description, hs_code, cas", field="description")
    if hs_code:
        normalise_code(hs_code)
    if cas:
        cas = normalise_cas(cas)
    return GoodsQuery(
        description=description,
        hs_code=hs_code,
        cas=cas,
        lang=_text(record, "lang"),
        id=_text(record, "id"),
        figures=_figures(record.get("parameters")),
        answers=_answers(record.get("parameters")),
    )


def _text(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"expected text, got {type(value).__name__}", field=name)
    text = str(value).strip()
    return text or None


def _figures(value: Any) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError("expected an object of quantity: number", field="parameters")
    figures: dict[str, float] = {}
    for name, number in value.items():
        if isinstance(number, Mapping):
            continue  # {"value", "unit"}: an answer with its unit (_answers)
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise InputError(f"'{name}' must be a number", field=f"parameters.{name}")
        figures[str(name)] = float(number)
    return figures


def _answers(value: Any) -> dict[str, tuple[float, str]]:
    """Answers to questions: {"overall_length_locked": {"value": 240, "unit": "mm"}}."""
    if not isinstance(value, Mapping):
        return {}
    answers: dict[str, tuple[float, str]] = {}
    for name, given in value.items():
        if not isinstance(given, Mapping):
            continue
        number, unit = given.get("value"), given.get("unit")
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise InputError("'value' must be a number", field=f"parameters.{name}.value")
        if unit is not None and not isinstance(unit, str):
            raise InputError("'unit' must be text", field=f"parameters.{name}.unit")
        answers[str(name)] = (float(number), unit or "")
    return answers
