"""Reviews of evidence items: who reviewed an item, on which day, and when it is next due.

The item itself is not copied into Django: the core's EvidenceStore keeps it with its versions.
A review may leave the item unchanged (same next date), so it needs a record of its own.
"""

from __future__ import annotations

from django.db import models

from torturefree_service.organisations.models import Person


class EvidenceReview(models.Model):
    item_id = models.CharField(max_length=80, db_index=True)
    reviewer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="evidence_reviews")
    reviewed_on = models.DateField()
    next_review = models.DateField()
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item_id", "reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} reviewed {self.reviewed_on}"
