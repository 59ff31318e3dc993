"""Evidence reads: lists with filters, one item with its history and reviews, items due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from torturefree.risk.model import EvidenceItem, EvidenceKind, EvidenceVersion
from torturefree_service.errors import NotFound
from torturefree_service.evidence.models import EvidenceReview
from torturefree_service.evidence.register import country_code, history_of, store


def is_due(item: EvidenceItem, on: dt.date) -> bool:
    """Due when its review date has come, or when it was never given one (never scheduled)."""
    return item.review_date is None or item.review_date <= on


def evidence_list(
    *,
    country: str | None = None,
    kind: EvidenceKind | None = None,
    due_on: dt.date | None = None,
) -> list[EvidenceItem]:
    """Current items, newest first; `due_on` keeps those due for review on that day."""
    items = store().items(country_code(country) if country else None)
    return [
        item
        for item in items
        if (kind is None or item.kind == kind) and (due_on is None or is_due(item, due_on))
    ]


def evidence_due(*, on: dt.date) -> list[EvidenceItem]:
    """Items due for review on a day, the longest overdue first (unscheduled ones lead)."""
    due = evidence_list(due_on=on)
    return sorted(due, key=lambda i: (i.review_date or dt.date.min, i.id))


@dataclass(frozen=True)
class EvidenceRecord:
    """One item: as it stands (None once withdrawn), every version and every review."""

    item_id: str
    item: EvidenceItem | None
    versions: list[EvidenceVersion]
    reviews: list[EvidenceReview] = field(default_factory=list)


def evidence_get(item_id: str) -> EvidenceRecord:
    versions = history_of(item_id)
    if not versions:
        raise NotFound("no such evidence item", field="id")
    reviews = list(EvidenceReview.objects.filter(item_id=item_id).select_related("reviewer__user"))
    return EvidenceRecord(item_id, versions[-1].item, versions, reviews)


def last_reviews(item_ids: list[str]) -> dict[str, EvidenceReview]:
    """The latest review of each item (one query for a page of items)."""
    found: dict[str, EvidenceReview] = {}
    rows = EvidenceReview.objects.filter(item_id__in=item_ids).select_related("reviewer__user")
    for review in rows.order_by("item_id", "reviewed_on", "id"):
        found[review.item_id] = review
    return found
