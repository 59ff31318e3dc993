"""The goods checker (issue #20): "is this controlled?" without an account and without a draft.

One classification (goods_v3: it asks instead of assuming) and, for each entry it names, one
determination of an export, so the answer carries the law that decides it. Where the
classification is open (`controlled: null`) the page asks its questions; the answers come back as
GET parameters (`p_<parameter>` with `u_<parameter>`), so an answer is a link that can be shared.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from torturefree.errors import InputError
from torturefree.goods.query import GoodsQuery
from torturefree.paths import data_dir
from torturefree_service.checks import engines
from torturefree_service.web.explain import Sentence, reason_sentences
from torturefree_service.web.question_words import data_language, localised

# goods_v3 over goods_v2 on text nobody here wrote (docs/goods.md, held-out part): recall 0.837
# against 0.665, false positives 5.1 % against 5.8 %, referral 8.0 % against 12.5 %; both ask.
ALGORITHM = "goods_v3"
ACTIVITY = "export"
UNITS = ("mm", "cm", "inch")
# What to do next, by outcome: the words are the service's, the law is in each reason's citation.
NEXT = ("prohibited", "licence_required", "general_authorisation", "not_controlled", "ask")


@functools.cache
def jurisdictions() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in (data_dir() / "profiles").glob("*.yaml")))


@dataclass
class Ask:
    """One question of the classifier, as a form field: what to give, in which unit."""

    parameter: str
    text: str
    decides: str
    unit: str
    value: str = ""
    given_unit: str = ""
    figure: bool = True


@dataclass
class Found:
    """One entry the goods are (or may be), with what the law says of exporting them."""

    entry: dict[str, Any]
    outcome: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Answer:
    outcome: str
    found: list[Found]
    asks: list[Ask]
    trace: list[str]
    algorithm: str
    release: str
    # The questions answered, kept when the answers decided (the page says what they settled).
    answered: list[Ask] = field(default_factory=list)


def answers_from(query: Any) -> dict[str, tuple[float, str]]:
    """The figures answered on the form: `p_<name>=250&u_<name>=mm` (a blank one is skipped)."""
    out: dict[str, tuple[float, str]] = {}
    for key in query:
        if not key.startswith("p_") or not str(query.get(key, "")).strip():
            continue
        name = key[2:]
        unit = str(query.get(f"u_{name}", "mm")) or "mm"
        try:
            value = float(str(query[key]).replace(",", "."))
        except ValueError as error:
            raise InputError(_("Give a number."), field=key) from error
        if value <= 0 or unit not in UNITS:
            raise InputError(_("Give a positive number in mm, cm or inches."), field=key)
        out[name] = (value, unit)
    return out


def check(
    *,
    description: str,
    code: str = "",
    cas: str = "",
    day: dt.date | None = None,
    jurisdiction: str = "",
    destination: str = "",
    answers: dict[str, tuple[float, str]] | None = None,
) -> Answer:
    """Identify the goods and say what the law does with their export (nothing is stored)."""
    day = day or dt.date.today()
    jurisdiction = jurisdiction or settings.TORTUREFREE_JURISDICTION
    answers = answers or {}
    engine = engines.engine()  # first: classifiers() reads the catalogue the engine loads
    classifier = engines.classifiers().get(jurisdiction, day, ALGORITHM)
    query = GoodsQuery(
        description=description or None, hs_code=code or None, cas=cas or None, lang=data_language()
    )
    # Asked once without the answers: the questions already answered keep their wording.
    first = classifier.classify(query).as_dict("1")
    record = first
    if answers:
        record = classifier.classify(_with(query, answers)).as_dict("1")
    asks = _asks(first["questions"], record["questions"], answers)
    found: list[Found] = []
    if record["controlled"] is not False:
        for entry in record["entries"]:
            found.append(_determine(engine, entry, jurisdiction, day, destination))
    outcome = _overall(record, found)
    return Answer(
        outcome=outcome,
        found=found,
        asks=asks if record["controlled"] is None else [],
        trace=list(dict.fromkeys(record["explanation"])),
        algorithm=str(record.get("algorithm") or ALGORITHM),
        release=engines.classifiers().release,
        answered=[ask for ask in asks if ask.value],
    )


def _with(query: GoodsQuery, answers: dict[str, tuple[float, str]]) -> GoodsQuery:
    return GoodsQuery(
        description=query.description,
        hs_code=query.hs_code,
        cas=query.cas,
        lang=query.lang,
        answers=answers,
    )


def _asks(
    first: list[dict[str, Any]], now: list[dict[str, Any]], answers: dict[str, tuple[float, str]]
) -> list[Ask]:
    """Every question asked so far, answered ones with their answer, once per parameter."""
    out: dict[str, Ask] = {}
    for question in map(localised, [*first, *now]):
        name = str(question["parameter"])
        if name in out:
            continue
        given = answers.get(name)
        out[name] = Ask(
            parameter=name,
            text=str(question["text"]),
            decides=str(question.get("decides") or ""),
            unit=str(question.get("unit") or ""),
            value=f"{given[0]:g}" if given else "",
            given_unit=given[1] if given else str(question.get("unit") or "mm"),
            figure=bool(question.get("unit")),
        )
    return list(out.values())


def _determine(
    engine: Any, entry: dict[str, Any], jurisdiction: str, day: dt.date, destination: str
) -> Found:
    transaction: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "date": day.isoformat(),
        "activity": ACTIVITY,
        "goods": [{"entry": entry["id"]}],
    }
    if destination:
        transaction["destination"] = destination
    try:
        result = engine.determine(transaction).to_dict()
    except InputError:
        # An entry of another jurisdiction's list (scope "related"): named, not decided here.
        return Found(entry=entry, outcome="needs_review")
    line = result["goods"][0]
    outcome = str(line["outcome"])
    entries = line.get("entries") or [entry]
    return Found(
        entry={**entry, **entries[0]},
        outcome=outcome,
        sentences=reason_sentences(line["reasons"], entries, outcome, ACTIVITY),
    )


SEVERITY = ("prohibited", "licence_required", "needs_review", "general_authorisation")


def _overall(record: dict[str, Any], found: list[Found]) -> str:
    if record["controlled"] is None:
        return "ask" if record["questions"] else "needs_review"
    outcomes = {item.outcome for item in found}
    for outcome in SEVERITY:
        if outcome in outcomes:
            return outcome
    return "not_controlled"
