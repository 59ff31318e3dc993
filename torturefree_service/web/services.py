"""Writes the pages own: saved queue views (a person's named filters)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.db.models import QuerySet

from torturefree_service.errors import Invalid, NotFound
from torturefree_service.organisations.access import READERS, require_role
from torturefree_service.organisations.models import Person
from torturefree_service.web.models import SavedView

# Only the queue's own filters are kept: a saved view is a query, not arbitrary text.
QUEUE_KEYS = ("assigned", "status", "type", "destination", "flag", "exclude_flag", "overdue")


def clean_query(query: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False) if k in QUEUE_KEYS]
    return urlencode(pairs)


def saved_view_save(*, by: Person, name: str, query: str) -> SavedView:
    """Save (or replace) a named view of the queue for this person."""
    require_role(by, *READERS)
    name = name.strip()
    if not name:
        raise Invalid("required", field="name")
    view, _ = SavedView.objects.update_or_create(
        person=by, name=name[:80], defaults={"query": clean_query(query)[:1000]}
    )
    return view


def saved_view_delete(*, by: Person, view_id: int) -> None:
    deleted, _ = SavedView.objects.filter(person=by, pk=view_id).delete()
    if not deleted:
        raise NotFound("no such saved view", field="id")


def saved_views(*, person: Person) -> QuerySet[SavedView]:
    return SavedView.objects.filter(person=person)
