"""The pages' own state: a caseworker's saved queue views (LITE users asked for them, §2.3)."""

from __future__ import annotations

from django.db import models

from torturefree_service.organisations.models import Person


class SavedView(models.Model):
    """A named set of queue filters, kept as the query string the queue form produced."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="saved_view_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
