"""Determinations, classifications and screenings: the CLI's bodies over HTTP (any signed-in role)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router

from torturefree_service.api.common import OBJECT_OR_LIST, json_body
from torturefree_service.checks import engines
from torturefree.errors import InputError
from torturefree.goods.query import parse_query as parse_goods
from torturefree.screening.cache import process_cache
from torturefree.screening.query import parse_query as parse_party
from torturefree.screening.service import screen_queries

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


@router.post("/classifications", openapi_extra=OBJECT_OR_LIST, summary="Classify goods")
def classifications(request: HttpRequest) -> Any:
    items, many = _items(json_body(request))
    classifiers = engines.classifiers()

    def one(item: dict[str, Any]) -> dict[str, Any]:
        jurisdiction = str(item.pop("jurisdiction", settings.TORTUREFREE_JURISDICTION))
        raw_date = item.pop("date", None)
        try:
            day = dt.date.fromisoformat(raw_date) if raw_date else dt.date.today()
        except (TypeError, ValueError) as error:
            raise InputError("must be a date YYYY-MM-DD", field="date") from error
        query = parse_goods(item)
        return (
            classifiers.get(jurisdiction, day)
            .classify(query)
            .as_dict(query.id, classifiers.release)
        )

    return _each(items, many, one)


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
