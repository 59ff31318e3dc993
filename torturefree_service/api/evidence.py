"""The evidence register (staff only: items may name end users) and country risk findings."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status
from pydantic import Field

from torturefree.errors import InputError
from torturefree.risk import RiskQuery, assess
from torturefree.risk.model import EvidenceItem, EvidenceKind, EvidenceVersion, Practice
from torturefree.vocabulary import Category
from torturefree_service.api.common import page_bounds, person
from torturefree_service.api.schemas import Body
from torturefree_service.checks import engines
from torturefree_service.evidence.models import EvidenceReview
from torturefree_service.evidence.register import kind_rule
from torturefree_service.evidence.selectors import evidence_get, evidence_list, is_due, last_reviews
from torturefree_service.evidence.services import (
    evidence_create,
    evidence_import,
    evidence_review,
    evidence_update,
    evidence_withdraw,
)
from torturefree_service.organisations.access import READERS, require_role

router = Router(tags=["evidence"])

Reason = Field(min_length=3, max_length=2000, description="Why: kept in the item's history.")


class CitationIn(Body):
    title: str = Field(min_length=3, max_length=1000)
    symbol: str | None = Field(None, max_length=200)
    href: str | None = Field(None, max_length=2000)


class EvidenceFields(Body):
    kind: EvidenceKind | None = None
    issuing_body: str | None = Field(None, min_length=2, max_length=300)
    country: str | None = Field(None, min_length=2, max_length=3)
    date: dt.date | None = None
    citation: CitationIn | None = None
    summary: str | None = Field(None, max_length=20000)
    practices: list[Practice] | None = Field(None, max_length=20)
    goods: list[str] | None = Field(None, max_length=50)
    end_users: list[str] | None = Field(None, max_length=50)
    reliability: str | None = Field(None, max_length=2000)
    review_date: dt.date | None = None


class EvidenceIn(EvidenceFields):
    id: str | None = Field(None, min_length=1, max_length=80)
    kind: EvidenceKind
    issuing_body: str = Field(min_length=2, max_length=300)
    country: str = Field(min_length=2, max_length=3)
    date: dt.date
    citation: CitationIn
    reason: str = Reason


class EvidenceChangeIn(EvidenceFields):
    reason: str = Reason


class ReviewIn(Body):
    next_review: dt.date
    reviewed_on: dt.date | None = None
    note: str = Field("", max_length=5000)


class WithdrawIn(Body):
    reason: str = Reason


class EvidenceImportIn(Body):
    format: Literal["csv", "json", "jsonl"]
    content: str = Field(max_length=10_000_000)
    reason: str = Reason


def item_out(item: EvidenceItem, review: EvidenceReview | None, today: dt.date) -> dict[str, Any]:
    rule = kind_rule(item)
    return {
        **item.model_dump(mode="json"),
        "weight": rule.weight.value,
        "legal_basis": rule.citation.model_dump(mode="json"),
        "due_for_review": is_due(item, today),
        "last_review": review_out(review) if review else None,
    }


def review_out(review: EvidenceReview) -> dict[str, Any]:
    return {
        "reviewer": review.reviewer.actor,
        "reviewed_on": review.reviewed_on.isoformat(),
        "next_review": review.next_review.isoformat(),
        "note": review.note,
        "recorded_at": review.recorded_at.isoformat(),
    }


def version_out(version: EvidenceVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "actor": version.actor,
        "at": version.at.isoformat(),
        "reason": version.reason,
        "withdrawn": version.withdrawn,
        "item": version.item.model_dump(mode="json") if version.item else None,
    }


def _one(item_id: str) -> dict[str, Any]:
    record = evidence_get(item_id)
    today = dt.date.today()
    last = record.reviews[-1] if record.reviews else None
    return {
        "id": record.item_id,
        "withdrawn": record.item is None,
        "item": item_out(record.item, last, today) if record.item else None,
        "versions": [version_out(v) for v in record.versions],
        "reviews": [review_out(r) for r in record.reviews],
    }


@router.get("/evidence")
def list_evidence(
    request: HttpRequest,
    country: str | None = None,
    kind: EvidenceKind | None = None,
    due: bool = False,
    on: dt.date | None = None,
    page: int = 1,
    page_size: int = 50,
) -> dict[str, Any]:
    """Current items, newest first; `due=true` keeps those due for review `on` a day (today)."""
    require_role(person(request), *READERS)
    today = on or dt.date.today()
    items = evidence_list(country=country, kind=kind, due_on=today if due else None)
    page, start, end = page_bounds(page, page_size, 200)
    shown = items[start:end]
    reviews = last_reviews([i.id for i in shown])
    return {
        "count": len(items),
        "items": [item_out(i, reviews.get(i.id), today) for i in shown],
    }


@router.post("/evidence", response={201: dict[str, Any]})
def create_evidence(request: HttpRequest, body: EvidenceIn) -> Status[dict[str, Any]]:
    data = body.model_dump(mode="json", exclude={"reason"}, exclude_none=True)
    item = evidence_create(by=person(request), data=data, reason=body.reason)
    return Status(201, _one(item.id))


@router.post("/evidence/import")
def import_evidence(request: HttpRequest, body: EvidenceImportIn) -> dict[str, Any]:
    """CSV, JSON or JSON Lines in the core's format (docs/risk.md); all or nothing."""
    return evidence_import(
        by=person(request), fmt=body.format, content=body.content, reason=body.reason
    )


@router.get("/evidence/{item_id}")
def get_evidence(request: HttpRequest, item_id: str) -> dict[str, Any]:
    """The item, every version (who, when, why) and every review."""
    require_role(person(request), *READERS)
    return _one(item_id)


@router.patch("/evidence/{item_id}")
def update_evidence(request: HttpRequest, item_id: str, body: EvidenceChangeIn) -> dict[str, Any]:
    changes = body.model_dump(mode="json", exclude={"reason"}, exclude_unset=True)
    item, changed = evidence_update(
        by=person(request), item_id=item_id, changes=changes, reason=body.reason
    )
    return {**_one(item.id), "changed": changed}


@router.post("/evidence/{item_id}/reviews", response={201: dict[str, Any]})
def review_evidence(request: HttpRequest, item_id: str, body: ReviewIn) -> Status[dict[str, Any]]:
    evidence_review(
        by=person(request),
        item_id=item_id,
        next_review=body.next_review,
        reviewed_on=body.reviewed_on,
        note=body.note,
    )
    return Status(201, _one(item_id))


@router.post("/evidence/{item_id}/withdraw")
def withdraw_evidence(request: HttpRequest, item_id: str, body: WithdrawIn) -> dict[str, Any]:
    evidence_withdraw(by=person(request), item_id=item_id, reason=body.reason)
    return _one(item_id)


@router.get("/risk/countries/{country}")
def risk_country(
    request: HttpRequest,
    country: str,
    date: dt.date | None = None,
    goods: Query[list[str] | None] = None,
    end_user: str | None = None,
    lookback_years: int | None = None,
) -> dict[str, Any]:
    """The findings `torturefree risk country` prints, with citations and sources; they inform
    the officer's judgement and never grant or refuse."""
    require_role(person(request), *READERS)
    if lookback_years is not None and not 1 <= lookback_years <= 100:
        raise InputError("from 1 to 100 years", field="lookback_years")
    query = RiskQuery(
        country=country.strip().upper(),
        date=date or dt.date.today(),
        categories=_categories(goods or []),
        end_user=end_user,
        lookback_years=lookback_years,
    )
    return assess(engines.risk_context(), query).model_dump(mode="json")


def _categories(values: list[str]) -> frozenset[Category]:
    try:
        return frozenset(Category(v) for v in values)
    except ValueError as error:
        known = ", ".join(c.value for c in Category)
        raise InputError(f"{error} (known: {known})", field="goods") from error
