"""Determinations, classifications and screenings: the CLI's bodies over HTTP (any signed-in role)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router

from torturefree.errors import InputError
from torturefree.goods.query import parse_query as parse_goods
from torturefree.screening.cache import process_cache
from torturefree.screening.query import parse_query as parse_party
from torturefree.screening.service import screen_queries
from torturefree_service.api.common import OBJECT_OR_LIST, json_body
from torturefree_service.checks import engines

router = Router(tags=["tools"])
MAX_BATCH = 1000


def _items(body: Any) -> tuple[list[Any], bool]:
    if isinstance(body, list):
        if not body:
            raise InputError("give one object or a non-empty list", field="body")
        if len(body) > MAX_BATCH:
            raise InputError(f"at most {MAX_BATCH} items", field="body")
        return body, True
    return [body], False


def _at(index: int, many: bool, error: InputError) -> InputError:
    field = f"[{index}].{error.field}" if many and error.field else error.field
    return InputError(error.reason, field=field or (f"[{index}]" if many else None))


def _each(items: list[Any], many: bool, work: Any) -> Any:
    out = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError("must be a JSON object", field=f"[{index}]" if many else "body")
        try:
            out.append(work(item))
        except InputError as error:
            raise _at(index, many, error) from error
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise InputError(
                f"cannot read this item ({error})", field=f"[{index}]" if many else None
            ) from error
    return out if many else out[0]


@router.post("/determinations", openapi_extra=OBJECT_OR_LIST, summary="Determine transactions")
def determinations(request: HttpRequest) -> Any:
    items, many = _items(json_body(request))
    engine = engines.engine()
    return _each(items, many, lambda item: engine.determine(item).to_dict())


# The goods checker's algorithm (#20): it asks for the facts that decide instead of assuming.
CHECKER_ALGORITHM = "goods_v3"
CLASSIFY_DOC = (
    "One goods item or a list. Each item: `description`, `hs_code`, `cas`, optional "
    "`jurisdiction`, `date` (YYYY-MM-DD) and `algorithm` (`goods_v1`, `goods_v2`, `goods_v3`; "
    "default `goods_v3`, the public checker's, which asks instead of assuming). `controlled` is true, "
    "false, or null when the facts given do not decide. When null and the classifier has "
    "questions, `need_to_know_more` lists them with `answer_with`: send the item again with "
    '`parameters` filled in, e.g. `{"parameters": {"overall_length_locked": {"value": 250, '
    '"unit": "mm"}}}` (units mm, cm, inch), as the /check page does with `p_<parameter>`.'
)


@router.post(
    "/classifications",
    openapi_extra=OBJECT_OR_LIST,
    summary="Classify goods",
    description=CLASSIFY_DOC,
)
def classifications(request: HttpRequest) -> Any:
    items, many = _items(json_body(request))
    classifiers = engines.classifiers()

    def one(item: dict[str, Any]) -> dict[str, Any]:
        jurisdiction = str(item.pop("jurisdiction", settings.TORTUREFREE_JURISDICTION))
        algorithm = str(item.pop("algorithm", None) or CHECKER_ALGORITHM)
        raw_date = item.pop("date", None)
        try:
            day = dt.date.fromisoformat(raw_date) if raw_date else dt.date.today()
        except (TypeError, ValueError) as error:
            raise InputError("must be a date YYYY-MM-DD", field="date") from error
        query = parse_goods(item)
        record = (
            classifiers.get(jurisdiction, day, algorithm)
            .classify(query)
            .as_dict(query.id, classifiers.release)
        )
        return record | {"need_to_know_more": need_to_know_more(record)}

    return _each(items, many, one)


def need_to_know_more(record: dict[str, Any]) -> dict[str, Any] | None:
    """The questions an open classification asks, and the body that answers them."""
    if record["controlled"] is not None or not record["questions"]:
        return None
    asked = {q["parameter"]: q for q in record["questions"]}
    return {
        "questions": list(asked.values()),
        "answer_with": {
            "parameters": {
                name: {"value": None, "unit": q.get("unit") or "mm"} for name, q in asked.items()
            }
        },
    }


@router.post("/screenings", openapi_extra=OBJECT_OR_LIST, summary="Screen parties")
def screenings(request: HttpRequest) -> Any:
    items, many = _items(json_body(request))
    queries = _each(items, True, parse_party)
    store = engines.watchlists()
    if not store.versions():
        results = [
            {"id": q.id, "query": q.to_dict(), "matches": [], "note": "no watchlist imported"}
            for q in queries
        ]
    else:
        results = screen_queries(store, queries, cache=process_cache())
    return results if many else results[0]
